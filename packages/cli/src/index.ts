// The kopsx CLI is used through its commands (bin/run.js); the package exports nothing for programs.
export {};

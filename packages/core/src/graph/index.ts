export * from './cycle-error.js';
export * from './dependency-graph.js';

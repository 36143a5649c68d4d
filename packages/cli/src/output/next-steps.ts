/** A `Next steps:` block: one command per line, with what it does lined up after the longest command. */
export function nextSteps(steps: ReadonlyArray<readonly [command: string, what: string]>): string {
  const width = Math.max(...steps.map(([command]) => command.length));
  return ['Next steps:', ...steps.map(([command, what]) => `  ${command.padEnd(width)}   ${what}`.trimEnd())].join('\n');
}

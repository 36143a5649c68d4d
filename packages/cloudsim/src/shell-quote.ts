/** Quotes a value for POSIX shells: single quotes, with embedded single quotes spliced in as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A value as one bash word. Everything the scripts interpolate (labels, paths, URLs, provider commands' arguments)
 * goes through here, so no value from a manifest can end a quote and run a command on the machine.
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@,+-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

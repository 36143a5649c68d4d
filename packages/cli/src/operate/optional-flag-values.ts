/**
 * kOps has flags whose value is optional (`--admin` means `--admin=18h`, `--fail-on-drain-error` means
 * `=true`), which oclif cannot declare. Commands rewrite their argv before parsing: a bare `--flag` becomes
 * `--flag=<implied>`; `--flag=value` is left alone. A value must therefore be attached with `=`, as in kOps.
 */
export function withImpliedValues(argv: readonly string[], implied: Readonly<Record<string, string>>): string[] {
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  const rest = end < 0 ? [] : argv.slice(end);
  return [...flags.map((arg) => (arg.startsWith('--') && arg.slice(2) in implied ? `${arg}=${implied[arg.slice(2)]}` : arg)), ...rest];
}

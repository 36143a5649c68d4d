import type {KubeconfigExport} from '@kopsx/core';

/** What `export kubecfg` and `update cluster --yes` tell the user they wrote. Never any key material. */
export function describeKubeconfigExport(result: KubeconfigExport): string {
  const lines = [`Wrote context "${result.context}" (server ${result.server}) to ${result.path}; it is now the current context.`];
  if (result.credentials === 'admin') {
    lines.push(`  User "${result.user}": an admin client certificate valid until ${result.expires ?? 'unknown'}.`);
  } else if (result.credentials === 'existing-user') {
    lines.push(`  User "${result.user}": kept as it was in the file.`);
  } else {
    lines.push(
      `  User "${result.user}" has no credentials yet: add --admin for an admin certificate (18h), or --user NAME to use a user of the file.`,
    );
  }
  return lines.join('\n');
}

import {AwsError} from '../wire/aws-error.js';

/** Lower case, with the trailing dot, `\052` read as `*`: the form Route53 stores names in. */
export function normalizeDnsName(name: string): string {
  const text = name.replaceAll('\\052', '*').toLowerCase();
  const dotted = text.endsWith('.') ? text : `${text}.`;
  if (!/^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+$/.test(dotted) || dotted.length > 255) {
    throw new AwsError('InvalidDomainName', `${name} is not a valid DNS name.`);
  }
  return dotted;
}

/**
 * An alias target's name: a DNS name, or the `127.0.0.1:<port>` the simulated load balancers are named (the
 * simulator's deviation from AWS, see elbv2/frontends.ts), kept with the trailing dot like any other name.
 */
export function normalizeAliasTarget(name: string): string {
  return /^127\.0\.0\.1:\d+\.?$/.test(name) ? name.replace(/\.?$/, '.') : normalizeDnsName(name);
}

/** Route53 writes `*` as `\052` in the names it returns. */
export function displayDnsName(name: string): string {
  return name.replaceAll('*', '\\052');
}

export function isWithinZone(name: string, zoneName: string): boolean {
  return name === zoneName || name.endsWith(`.${zoneName}`);
}

/** Route53 lists names by their labels read right to left (`com.example.www`). */
export function reversedLabels(name: string): string {
  return name.split('.').filter(Boolean).reverse().join('.');
}

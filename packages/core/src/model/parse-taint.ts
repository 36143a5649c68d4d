import type {Taint} from './types.js';

/** `key[=value]:Effect`, the key optionally prefixed (`example.com/dedicated`), as kubectl and kOps write taints. */
const KEY = String.raw`(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`;
const TAINT = new RegExp(String.raw`^(${KEY})(?:=([-A-Za-z0-9_.]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$`);

/** Reads a taint written as a string; undefined when it is not one. */
export function parseTaint(text: string): Taint | undefined {
  const match = TAINT.exec(text);
  if (!match) return undefined;
  const [, key = '', , , value, effect] = match;
  return {key, ...(value === undefined ? {} : {value}), effect: effect as Taint['effect']};
}

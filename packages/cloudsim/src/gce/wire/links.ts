/** Compute's canonical URL prefix: every `selfLink` and stored reference starts with it. */
export const COMPUTE_ROOT = 'https://www.googleapis.com/compute/v1/';

/** Other spellings of the root that clients send and the API accepts. */
const ROOTS = [COMPUTE_ROOT, 'https://compute.googleapis.com/compute/v1/', 'http://www.googleapis.com/compute/v1/', '/compute/v1/'];

export function selfLink(path: string): string {
  return `${COMPUTE_ROOT}${path}`;
}

/**
 * A reference as the API accepts it (full URL, `projects/P/...`, `global/...`, `zones/Z/...`) turned into
 * the path `projects/P/...`; other forms are returned as they are for the caller to reject.
 */
export function referencePath(reference: string, project: string): string {
  const root = ROOTS.find((candidate) => reference.startsWith(candidate));
  const path = root === undefined ? reference.replace(/^\/+/, '') : reference.slice(root.length);
  return /^(global|regions|zones)\//.test(path) ? `projects/${project}/${path}` : path;
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

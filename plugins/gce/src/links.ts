/**
 * Compute refers to resources by link. Google answers with full URLs
 * (`https://www.googleapis.com/compute/v1/projects/p/regions/r/subnetworks/s`) but accepts partial ones
 * (`projects/p/regions/r/subnetworks/s`, `regions/r/subnetworks/s`), which is how the spec names shared
 * resources; links compare by the part every form has.
 */

/** `projects/p/regions/r/subnetworks/s` (or `regions/r/...` when the link names no project) of any form of a link. */
export function linkPath(link: string): string {
  return link.replace(/^https:\/\/[^/]+\/compute\/(v1|beta)\//, '');
}

/** Same resource: the project counts only when both links name one (`global/images/...` lives in many). */
export function sameLink(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const [pathA, pathB] = [linkPath(a), linkPath(b)];
  if (pathA.startsWith('projects/') === pathB.startsWith('projects/')) return pathA === pathB;
  return withoutProject(pathA) === withoutProject(pathB);
}

function withoutProject(path: string): string {
  return path.replace(/^projects\/[^/]+\//, '');
}

/** A shared resource given by name in the spec, as a partial link: `global/networks/<name>`. */
export function partialLink(collection: string, nameOrLink: string, scope = 'global'): string {
  return nameOrLink.includes('/') ? nameOrLink : `${scope}/${collection}/${nameOrLink}`;
}

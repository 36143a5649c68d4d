/** Writes a field path the way users read it in kOps manifests: `spec.subnets[0].cidr`, `metadata.labels["a/b"]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(segment))) path += path ? `.${String(segment)}` : String(segment);
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

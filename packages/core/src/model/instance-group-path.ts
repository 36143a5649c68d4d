import type {InstanceGroup} from './types.js';

/** Locates a field of an instance group the way the state store names it: `instancegroup/nodes-a: spec.minSize`. */
export function instanceGroupPath(ig: InstanceGroup, field: string): string {
  return `instancegroup/${ig.metadata.name}: ${field}`;
}

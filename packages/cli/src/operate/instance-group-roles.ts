import type {InstanceGroupRole} from '@kopsx/core';
import {UsageError} from '../usage-error.js';

/** kOps' words for roles on the command line (and the spec's own), lower-cased. */
const ROLE_WORDS: Readonly<Record<string, InstanceGroupRole>> = {
  'control-plane': 'ControlPlane',
  controlplane: 'ControlPlane',
  master: 'ControlPlane',
  node: 'Node',
  bastion: 'Bastion',
};

/** `--instance-group-roles control-plane,node` as the spec's roles; undefined when the flag is absent. */
export function parseInstanceGroupRoles(words: readonly string[] | undefined): InstanceGroupRole[] | undefined {
  if (words === undefined) return undefined;
  return words.map((word) => {
    const role = ROLE_WORDS[word.toLowerCase()];
    if (!role) {
      throw new UsageError(`--instance-group-roles: unknown role "${word}"`, 'use control-plane, node or bastion (comma-separated)');
    }
    return role;
  });
}

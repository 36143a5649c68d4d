import type {FieldProblem} from '../errors.js';
import {isDnsSubdomain} from './cluster-name.js';
import {instanceGroupPath} from './instance-group-path.js';
import {parseTaint} from './parse-taint.js';
import {CLUSTER_LABEL, type ClusterBundle, type InstanceGroup} from './types.js';

const ROLES = ['ControlPlane', 'Node', 'Bastion'];

/** Checks each instance group on its own and against the cluster's subnets; requires a control plane. */
export function instanceGroupProblems({cluster, instanceGroups}: ClusterBundle): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const subnetNames = cluster.spec.subnets.map((s) => s.name);
  const seen = new Set<string>();
  for (const ig of instanceGroups) {
    const at = (field: string) => instanceGroupPath(ig, field);
    const {name} = ig.metadata;
    if (!isDnsSubdomain(name)) {
      problems.push({
        path: at('metadata.name'),
        message: `"${name}" is not a valid name`,
        hint: 'use lowercase letters, digits, dashes and dots',
      });
    }
    if (seen.has(name)) problems.push({path: at('metadata.name'), message: 'is used by another instance group'});
    seen.add(name);
    const label = ig.metadata.labels?.[CLUSTER_LABEL];
    if (label !== undefined && label !== cluster.metadata.name) {
      problems.push({
        path: at(`metadata.labels["${CLUSTER_LABEL}"]`),
        message: `names cluster "${label}", not "${cluster.metadata.name}"`,
      });
    }
    problems.push(...specProblems(ig, subnetNames, at));
  }
  if (!instanceGroups.some((ig) => ig.spec.role === 'ControlPlane')) {
    problems.push({
      path: 'instancegroups',
      message: 'none has role ControlPlane, so the cluster would have no control plane',
      hint: 'add an instance group with "role: ControlPlane"',
    });
  }
  return problems;
}

function specProblems({spec}: InstanceGroup, subnetNames: readonly string[], at: (field: string) => string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!ROLES.includes(spec.role)) {
    problems.push({
      path: at('spec.role'),
      message: `"${String(spec.role)}" is not a role`,
      hint: `use one of: ${ROLES.join(', ')}`,
    });
  }
  for (const key of ['minSize', 'maxSize'] as const) {
    if (!Number.isInteger(spec[key]) || spec[key] < 0) {
      problems.push({path: at(`spec.${key}`), message: `must be a whole number of at least 0, not ${spec[key]}`});
    }
  }
  if (spec.minSize > spec.maxSize) {
    problems.push({
      path: at('spec.minSize'),
      message: `${spec.minSize} is greater than maxSize ${spec.maxSize}`,
      hint: 'raise maxSize or lower minSize',
    });
  }
  for (const key of ['machineType', 'image'] as const) {
    if (spec[key] !== undefined && spec[key].trim() === '') {
      problems.push({path: at(`spec.${key}`), message: 'is empty', hint: 'remove it to get the provider default'});
    }
  }
  if (spec.subnets.length === 0) {
    problems.push({path: at('spec.subnets'), message: 'names no subnet', hint: `use one or more of: ${subnetNames.join(', ')}`});
  }
  spec.subnets.forEach((subnet, i) => {
    if (!subnetNames.includes(subnet)) {
      problems.push({
        path: at(`spec.subnets[${i}]`),
        message: `"${subnet}" is not a subnet of the cluster`,
        hint: `use one of: ${subnetNames.join(', ')}`,
      });
    }
  });
  spec.taints?.forEach((taint, i) => {
    if (!parseTaint(taint)) {
      problems.push({
        path: at(`spec.taints[${i}]`),
        message: `"${taint}" is not a taint`,
        hint: 'write key[=value]:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute, e.g. dedicated=gpu:NoSchedule',
      });
    }
  });
  return problems;
}

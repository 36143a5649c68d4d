import type {ClusterValidation, ValidationFailure} from '@kopsx/core';
import {renderTable} from '../output/render-table.js';

/** `validate cluster`'s table output, laid out like kOps': instance groups, node status, validation errors, verdict. */
export function validationReport(clusterName: string, result: ClusterValidation): string {
  const groups = renderTable(
    ['name', 'role', 'machinetype', 'min', 'max', 'subnets'],
    result.instanceGroups.map((ig) => [ig.name, ig.role, ig.machineType ?? '-', String(ig.minSize), String(ig.maxSize), ig.subnets.join(',')]),
  );
  const nodes = renderTable(
    ['name', 'role', 'ready'],
    result.nodes.map((node) => [node.name, node.role === 'ControlPlane' ? 'control-plane' : 'node', node.ready ? 'True' : 'False']),
  );
  const sections = [`Validating cluster ${clusterName}`, `INSTANCE GROUPS\n${groups}`, `NODE STATUS\n${nodes}`];
  if (result.valid) return [...sections, `Your cluster ${clusterName} is ready`].join('\n\n');
  const errors = renderTable(['kind', 'name', 'message'], result.failures.map((f) => [f.type, f.name, f.message]));
  return [...sections, `VALIDATION ERRORS\n${errors}`, `Validation failed: cluster ${clusterName} is not ready (${problems(result.failures.length)})`].join('\n\n');
}

/** One line per attempt while waiting: why the cluster is not valid yet. */
export function attemptLine(attempt: number, result: ClusterValidation): string {
  if (result.valid) return `Attempt ${attempt}: the cluster is valid`;
  return `Attempt ${attempt}: not valid yet: ${firstFailure(result.failures)}`;
}

function firstFailure(failures: readonly ValidationFailure[]): string {
  const [first] = failures;
  if (!first) return 'no failure reported';
  return failures.length > 1 ? `${first.message} (and ${failures.length - 1} more)` : first.message;
}

function problems(count: number): string {
  return count === 1 ? '1 problem' : `${count} problems`;
}

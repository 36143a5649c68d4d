import type {RollingUpdateEvent} from '@kopsx/core';

/** One line of progress per event of a rolling update (for stderr), each naming its instance group. */
export function describeRollingUpdateEvent(event: RollingUpdateEvent): string {
  const group = event.group;
  switch (event.type) {
    case 'group-started':
      return (
        `Instance group ${group} (${event.role}): replacing ${count(event.instances, 'instance')}, ` +
        `maxSurge ${event.maxSurge}, maxUnavailable ${event.maxUnavailable}`
      );
    case 'group-skipped':
      return `Instance group ${group}: skipped, ${event.reason}`;
    case 'group-finished':
      return `Instance group ${group}: done, ${count(event.replaced, 'instance')} replaced`;
    case 'instance-detached':
      return `  ${group}: detached ${event.instanceId}; the group launches its replacement first`;
    case 'node-draining':
      return `  ${group}: draining node ${event.node} (${event.instanceId})`;
    case 'eviction-blocked':
      return `  ${group}: eviction of ${event.pod} refused, retrying: ${event.reason}`;
    case 'drain-failed':
      return `  ${group}: draining ${event.node} failed: ${event.message}${event.continuing ? ' (replacing it anyway)' : ''}`;
    case 'instance-terminated':
      return `  ${group}: terminated ${event.instanceId}`;
    case 'replacements-ready':
      return `  ${group}: all instances in service`;
    case 'cluster-validated':
      return `  ${group}: cluster validated`;
    case 'validation-failed': {
      const first = event.failures[0]?.message ?? 'no failure reported';
      return `  ${group}: cluster did not validate: ${first}${event.continuing ? ' (going on: --fail-on-validate-error=false)' : ''}`;
    }
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

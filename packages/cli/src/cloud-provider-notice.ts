/**
 * What a command that changes only the state store leaves in the cloud. The cloud follows the spec through
 * `update cluster --yes` and `delete cluster` alone, so the commands that edit the spec say what remains.
 */

/** Said when instance groups leave the spec: their instances run on until the next update removes them. */
export function instanceGroupDeletionNotice(clusterName: string): string {
  return `Their instances keep running until \`kopsx update cluster ${clusterName} --yes\` removes them from the cloud.`;
}

/** Said by `delete cluster --unregister`, which forgets the cluster without touching its cloud. */
export function unregisterNotice(): string {
  return (
    'Only the state store changes: the cluster\'s cloud resources (instances, networks, load balancers) are left ' +
    'as they are, and kopsx can no longer find them for you.'
  );
}

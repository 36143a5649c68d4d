/**
 * What kopsx can and cannot do in the cloud today. Commands that would touch cloud resources print these
 * sentences, so the day a provider can be reached only this file changes.
 */

/** Said by every deletion: today it only changes the state store. */
export function stateOnlyDeletionNotice(): string {
  return (
    'Only the state store changes: no cloud provider can be reached yet, so cloud resources ' +
    '(instances, networks, load balancers) are not touched.'
  );
}

/** Said where the next step would be `update cluster`, which builds the cluster in its cloud. */
export function updateNeedsProviderNotice(cloud: string): string {
  return `\`update cluster\` needs the ${cloud} cloud provider, which is not available yet.`;
}

import {assertValid, parseManifests, toYaml, ValidationError} from '@kopsx/core';
import type {Cluster, ClusterBundle, FieldProblem, InstanceGroup} from '@kopsx/core';
import {newWarnings} from '../spec/new-warnings.js';

export interface AcceptedEdit<D> {
  readonly document: D;
  /** Warnings the edit brings in. */
  readonly warnings: FieldProblem[];
}

/**
 * Checks the text a user saved from `edit cluster`: exactly one Cluster with the same name, valid together
 * with the stored instance groups. Undefined when it means the same as before (only comments or layout
 * changed). Throws ValidationError otherwise, which reopens the editor.
 */
export function acceptEditedCluster(text: string, stored: ClusterBundle): AcceptedEdit<Cluster> | undefined {
  const {clusters, instanceGroups} = parseManifests(text, EDITED);
  const cluster = single(clusters, instanceGroups.length, 'Cluster', stored.cluster.metadata.name);
  if (sameDocument(stored.cluster, cluster)) return undefined;
  return {document: cluster, warnings: newWarnings(stored, assertValid({...stored, cluster}).warnings)};
}

/** The same for `edit instancegroup`: one InstanceGroup with the same name, valid within its cluster. */
export function acceptEditedInstanceGroup(text: string, stored: ClusterBundle, name: string): AcceptedEdit<InstanceGroup> | undefined {
  const {clusters, instanceGroups} = parseManifests(text, EDITED);
  const instanceGroup = single(instanceGroups, clusters.length, 'InstanceGroup', name);
  const before = stored.instanceGroups.find((ig) => ig.metadata.name === name);
  if (before && sameDocument(before, instanceGroup)) return undefined;
  const merged = {...stored, instanceGroups: stored.instanceGroups.map((ig) => (ig.metadata.name === name ? instanceGroup : ig))};
  return {document: instanceGroup, warnings: newWarnings(stored, assertValid(merged).warnings)};
}

const EDITED = 'the edited file';

function single<D extends Cluster | InstanceGroup>(documents: D[], others: number, kind: D['kind'], name: string): D {
  const [document] = documents;
  if (!document || documents.length !== 1 || others > 0) throw problem('(document)', `expected exactly one ${kind} document`);
  if (document.metadata.name !== name) throw problem('metadata.name', `cannot be changed from "${name}" to "${document.metadata.name}"`);
  return document;
}

function sameDocument(a: Cluster | InstanceGroup, b: Cluster | InstanceGroup): boolean {
  return toYaml([a]) === toYaml([b]);
}

function problem(path: string, message: string): ValidationError {
  return new ValidationError([{path, message, hint: 'keep the kind and metadata.name of the object you are editing'}], EDITED);
}

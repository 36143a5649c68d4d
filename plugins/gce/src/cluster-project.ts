/**
 * The Google Cloud project a cluster lives in: `spec.project` (kOps writes it from `--project`), else the
 * environment, as gcloud and the client libraries read it.
 */
import {KopsxError} from '@kopsx/core';
import type {ClusterBundle} from '@kopsx/core';

const PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

/** No project anywhere, or one that cannot be a project ID. */
export class ProjectNotSetError extends KopsxError {
  constructor(message: string) {
    super(message, 'ProjectNotSet', 'set spec.project in the cluster (kopsx edit cluster), or export GOOGLE_CLOUD_PROJECT=<project id>');
  }
}

export function projectOf(bundle: ClusterBundle, env: NodeJS.ProcessEnv): string {
  const fromSpec = bundle.cluster.spec.project;
  const project = (typeof fromSpec === 'string' && fromSpec !== '' ? fromSpec : undefined) ?? env.GOOGLE_CLOUD_PROJECT ?? env.CLOUDSDK_CORE_PROJECT;
  if (!project) {
    throw new ProjectNotSetError(`cluster ${bundle.cluster.metadata.name} names no Google Cloud project`);
  }
  if (!PROJECT_ID.test(project)) {
    throw new ProjectNotSetError(`"${project}" is not a Google Cloud project ID (6 to 30 lowercase letters, digits and dashes)`);
  }
  return project;
}

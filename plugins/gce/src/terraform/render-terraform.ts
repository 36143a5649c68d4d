/**
 * One desired resource as a Terraform JSON block of the `google` provider. Core assembles the blocks into
 * `kubernetes.tf.json`; the data files (user-data) are written beside it from the model's files. The project and
 * region come from the provider configuration, as Terraform users set them.
 */
import type {DesiredResource, TerraformBlock} from '@kopsx/core';
import type {BodyRenderer} from './body-renderer.js';
import {computeBodies} from './render-compute.js';
import {loadBalancingBodies} from './render-load-balancing.js';
import {networkBodies} from './render-network.js';
import {compact, terraformName, terraformTarget} from './terraform-refs.js';

const BODIES: Readonly<Record<string, BodyRenderer>> = {...networkBodies, ...computeBodies, ...loadBalancingBodies};

export function renderTerraform(resource: DesiredResource): TerraformBlock {
  const body = BODIES[resource.kind];
  if (!body) throw new Error(`the GCE provider cannot render kind "${resource.kind}" as Terraform`);
  const target = terraformTarget(resource);
  return {
    block: target.data ? 'data' : 'resource',
    type: target.type,
    name: terraformName(resource.name),
    body: compact(body(resource)),
  };
}

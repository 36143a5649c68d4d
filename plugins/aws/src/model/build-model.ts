/**
 * The desired AWS resources of a completed cluster spec. Pure: no AWS call, same input → same model, so
 * previews and Terraform output are reproducible.
 */
import type {ClusterBundle, CloudModel, ModelInputs} from '@kopsx/core';
import {addApiLoadBalancer} from './api-load-balancer.js';
import {addDnsRecords} from './dns.js';
import {addEtcdVolumes} from './etcd-volumes.js';
import {addIam} from './iam.js';
import {addInstanceGroups} from './instance-groups.js';
import {ModelContext} from './model-context.js';
import {addNetwork} from './network.js';
import {addSecurity} from './security.js';

export function buildModel(bundle: ClusterBundle, inputs: ModelInputs): CloudModel {
  const ctx = new ModelContext(bundle, inputs);
  addNetwork(ctx);
  addSecurity(ctx);
  addIam(ctx);
  addApiLoadBalancer(ctx);
  addInstanceGroups(ctx);
  addEtcdVolumes(ctx);
  addDnsRecords(ctx);
  return {resources: ctx.resources, files: ctx.files};
}

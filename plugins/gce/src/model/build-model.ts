/**
 * The desired GCE resources of a completed cluster spec. Pure: no Google call, same input → same model, so
 * previews and Terraform output are reproducible.
 */
import type {ClusterBundle, CloudModel, ModelInputs} from '@kopsx/core';
import {addApiLoadBalancer} from './api-load-balancer.js';
import {addDnsRecords} from './dns.js';
import {addEtcdDisks} from './etcd-disks.js';
import {addFirewall} from './firewall.js';
import {addInstanceGroups} from './instance-groups.js';
import {ModelContext} from './model-context.js';
import {addNetwork} from './network.js';
import {addServiceAccounts} from './service-accounts.js';

export function buildModel(bundle: ClusterBundle, inputs: ModelInputs): CloudModel {
  const ctx = new ModelContext(bundle, inputs);
  addNetwork(ctx);
  addFirewall(ctx);
  addServiceAccounts(ctx);
  addInstanceGroups(ctx);
  addApiLoadBalancer(ctx);
  addEtcdDisks(ctx);
  addDnsRecords(ctx);
  return {resources: ctx.resources, files: ctx.files};
}

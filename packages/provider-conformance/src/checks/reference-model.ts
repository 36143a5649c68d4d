import {isDeepStrictEqual} from 'node:util';
import {buildDesiredGraph, loadClusterModel, renderTerraform, resourceKey} from '@kopsx/core';
import type {ModelInputs} from '@kopsx/core';
import {check, passed} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';

/** Fixed inputs for the purity check: the same inputs must give the same model. */
const FIXED_INPUTS: ModelInputs = {userData: (request) => `#cloud-config\n# ${request.instanceGroup}\n`};

/**
 * The reference cluster validates with the provider's zone checks and models into resources whose references
 * all resolve inside the model, without cycles or duplicate keys; `buildModel` is pure; every kind it owns
 * has exactly one handler (shared ones may instead carry their ID); and the model renders to Terraform.
 */
export const referenceModel: ConformanceCheck = {
  id: 'model',
  title: 'model for the reference cluster',
  async run(session) {
    const {bundle, model, provider} = await loadClusterModel(await session.cluster.target());
    check(model.resources.length > 0, 'buildModel returned no resources for the reference cluster');
    // Throws ModelError naming a duplicate key, a reference to a resource the model lacks, or a cycle.
    buildDesiredGraph(model.resources);
    check(
      isDeepStrictEqual(provider.buildModel(bundle, FIXED_INPUTS), provider.buildModel(bundle, FIXED_INPUTS)),
      'buildModel is not pure: two calls with the same cluster and inputs gave different models',
    );
    const kinds = [...new Set(model.resources.map((r) => r.kind))].sort();
    const handled = await session.cluster.withConnection(async (connection) => connection.handlers.map((h) => h.kind));
    const owned = model.resources.filter((r) => (r.lifecycle ?? 'owned') === 'owned');
    const missing = [...new Set(owned.map((r) => r.kind))].filter((kind) => !handled.includes(kind));
    check(missing.length === 0, `connect() returned no handler for the model's kind(s) ${missing.join(', ')}`);
    // A shared resource is only read: it needs its ID in the model, or a handler whose list() finds it.
    const unfindable = model.resources.filter((r) => r.lifecycle === 'shared' && r.id === undefined && !handled.includes(r.kind));
    check(unfindable.length === 0, () => `shared ${unfindable.map(resourceKey).join(', ')} have neither an ID nor a handler to find them`);
    const doubled = handled.filter((kind, index) => handled.indexOf(kind) !== index);
    check(doubled.length === 0, `connect() returned more than one handler for ${[...new Set(doubled)].join(', ')}`);
    // Throws when two resources render to the same Terraform type and name.
    renderTerraform({provider, model});
    return passed(
      `${model.resources.length} resources of ${kinds.length} kinds (${kinds.join(', ')}); references resolve; ` +
        'pure; a handler for every owned kind; renders to Terraform',
    );
  },
};

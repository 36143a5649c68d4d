import {posix} from 'node:path';
import type {CloudModel, CloudProvider, ModelFile} from '../provider/index.js';
import {ModelError} from './errors.js';
import {sortKeys} from './sort-keys.js';

/** The Terraform file `renderTerraform` writes beside the model's data files. */
export const TERRAFORM_FILE = 'kubernetes.tf.json';

export interface RenderTerraformInput {
  readonly provider: Pick<CloudProvider, 'renderTerraform'>;
  readonly model: CloudModel;
}

/**
 * The model as Terraform JSON: `kubernetes.tf.json` holding `{"resource": {type: {name: body}}, "data":
 * ...}` from the provider's rendering of every desired resource, with keys sorted so that the same
 * model always gives the same bytes, followed by the model's data files (user-data, policies) sorted by
 * path. Pure: it touches neither the cloud nor the disk.
 */
export function renderTerraform({provider, model}: RenderTerraformInput): ModelFile[] {
  const document: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const resource of model.resources) {
    const {block, type, name, body} = provider.renderTerraform(resource);
    const ofType = ((document[block] ??= {})[type] ??= {}) as Record<string, unknown>;
    if (name in ofType) throw new ModelError(`two resources render as the Terraform ${block} ${type}.${name}`);
    ofType[name] = body;
  }
  const files = [...(model.files ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set([TERRAFORM_FILE]);
  for (const file of files) {
    const normal = posix.normalize(file.path);
    const escapes = normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal);
    if (escapes || normal !== file.path || seen.has(normal)) {
      throw new ModelError(`the model's data file path "${file.path}" is not a unique relative path`);
    }
    seen.add(normal);
  }
  return [{path: TERRAFORM_FILE, content: `${JSON.stringify(sortKeys(document), null, 2)}\n`}, ...files];
}

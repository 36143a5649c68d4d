import {chmod, mkdir, writeFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import type {FieldProblem} from '../errors.js';
import {renderTerraform} from '../engine/index.js';
import type {ClusterTarget} from './cluster-target.js';
import {loadClusterModel} from './load-cluster-model.js';

export interface WriteTerraformOptions extends ClusterTarget {
  /** Created if missing; files already there that kopsx does not write are left alone. */
  readonly outDir: string;
}

export interface TerraformOutput {
  /** Absolute paths written: `kubernetes.tf.json` first, then the data files. */
  readonly paths: readonly string[];
  readonly warnings: readonly FieldProblem[];
  readonly notice?: string;
}

/**
 * `kopsx update cluster --target terraform --out DIR`: the stored cluster as `kubernetes.tf.json` plus the
 * data files it refers to (user-data, policies). Touches no cloud: the provider is never connected. Files are
 * written 0600 because user-data carries the node bootstrap secrets.
 */
export async function writeTerraform(options: WriteTerraformOptions): Promise<TerraformOutput> {
  // Terraform applies the user-data written here, so its secrets must be the stored ones.
  const {provider, model, warnings, notice} = await loadClusterModel({...options, persistSecrets: true});
  const outDir = resolve(options.outDir);
  const paths: string[] = [];
  // renderTerraform has checked that every path is relative and stays inside the output directory.
  for (const file of renderTerraform({provider, model})) {
    const path = join(outDir, file.path);
    await mkdir(dirname(path), {recursive: true});
    await writeFile(path, file.content, {mode: 0o600});
    await chmod(path, 0o600); // writeFile's mode applies only to new files
    paths.push(path);
  }
  return {paths, warnings, ...(notice === undefined ? {} : {notice})};
}

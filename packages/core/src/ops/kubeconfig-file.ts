import {randomBytes} from 'node:crypto';
import {mkdir, open, readFile, realpath, rename, rm} from 'node:fs/promises';
import {homedir} from 'node:os';
import {basename, delimiter, dirname, join} from 'node:path';
import yaml from 'js-yaml';
import {KopsxError} from '../errors.js';
import type {KubeconfigDocument} from './kubeconfig-merge.js';

/** The file kubectl would write to: the first of `$KUBECONFIG`, else `~/.kube/config`. */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find((path) => path !== '');
  return first ?? join(env.HOME ?? homedir(), '.kube', 'config');
}

/** The file's content; an empty document when it does not exist yet or is empty. */
export async function readKubeconfigFile(path: string): Promise<KubeconfigDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw kubeconfigError(path, `cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = yaml.load(text);
  } catch (error) {
    throw kubeconfigError(path, `is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (parsed === undefined || parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw kubeconfigError(path, 'is not a kubeconfig (a YAML mapping)');
  const document = parsed as KubeconfigDocument;
  for (const list of ['clusters', 'users', 'contexts'] as const) {
    const entries = document[list];
    const valid = entries === undefined || entries === null || (Array.isArray(entries) && entries.every(isMapping));
    if (!valid) throw kubeconfigError(path, `has a "${list}" field that is not a list of entries`);
  }
  return document;
}

/**
 * Replaces the file atomically (a temp file beside it, renamed over it), readable by its owner only since it
 * may hold a private key. A symlinked kubeconfig keeps its link: the file it points to is replaced.
 */
export async function writeKubeconfigFile(path: string, document: KubeconfigDocument): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  await mkdir(dir, {recursive: true, mode: 0o700});
  const temp = join(dir, `.${basename(target)}.kopsx-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(yaml.dump(document, {lineWidth: -1, noRefs: true}));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, {force: true});
    throw kubeconfigError(target, `cannot be written: ${(error as Error).message}`);
  }
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kubeconfigError(path: string, problem: string): KopsxError {
  return new KopsxError(
    `kubeconfig ${path} ${problem}`,
    'KubeconfigUnusable',
    'fix or move the file, or write to another one with --kubeconfig',
  );
}

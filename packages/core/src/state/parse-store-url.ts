/**
 * Turns what a user typed for a state store (`s3://bucket/prefix`, `/tmp/state`, `~/state`) into a URL of a
 * registered scheme, so that every later message shows the store the same way.
 */
import {homedir} from 'node:os';
import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {StateStoreError} from '../errors.js';
import {stateStoreFactory, supportedSchemes} from './store-schemes.js';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function looksLikePath(text: string): boolean {
  return text.startsWith('/') || text.startsWith('./') || text.startsWith('../') || text === '~' || text.startsWith('~/');
}

function examples(): string {
  const schemes = supportedSchemes().map((scheme) => `${scheme}://`).join(', ');
  return `supported: ${schemes} or an absolute path; e.g. s3://my-bucket/kopsx, gs://my-bucket, file:///var/lib/kopsx`;
}

/** Parses and checks a store URL or path; bare paths become file:// URLs (relative ones against the cwd). */
export function parseStoreUrl(text: string, env: NodeJS.ProcessEnv): URL {
  const trimmed = text.trim();
  if (looksLikePath(trimmed)) {
    const home = env.HOME || homedir();
    const path = trimmed.startsWith('~') ? home + trimmed.slice(1) : trimmed;
    return pathToFileURL(resolve(path));
  }
  const scheme = SCHEME.exec(trimmed)?.[1];
  if (!scheme) {
    throw new StateStoreError(`state store "${text}" has no scheme`, examples());
  }
  if (!stateStoreFactory(scheme)) {
    throw new StateStoreError(`state store "${text}" uses unsupported scheme "${scheme}:"`, examples());
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new StateStoreError(`state store "${text}" is not a valid URL`, examples());
  }
  if (!trimmed.slice(scheme.length + 1).startsWith('//')) {
    throw new StateStoreError(`state store "${text}" is missing "//" after "${scheme}:"`, examples());
  }
  return url;
}

/** The URL as messages show it: no trailing slash (except a root file:///). */
export function formatStoreUrl(url: URL): string {
  return url.pathname === '/' && url.protocol === 'file:' ? url.href : url.href.replace(/\/+$/, '');
}

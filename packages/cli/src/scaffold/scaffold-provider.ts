/**
 * `kopsx provider init`: a provider plugin package for a new cloud, written from the template files in
 * `templates/` (the folder is read from the package itself, next to `dist/`). Each template is copied with
 * the cloud's and package's names filled in; nothing existing is ever overwritten.
 */
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {AlreadyExistsError} from '@kopsx/core';
import {UsageError} from '../usage-error.js';

/** The same rule core applies to `provider.cloud`: it ends up in package names, flags and feature flags. */
const CLOUD_NAME = /^[a-z][a-z0-9-]*$/;
/** npm's rule for package names, scoped or not. */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const TEMPLATE_SUFFIX = '.tmpl';
/** npm drops `.gitignore` files from published packages, so dotfiles are stored as `dot-<name>`. */
const DOTFILE_PREFIX = 'dot-';

/** Works from `src/scaffold/` (tests) and `dist/scaffold/` (the built CLI) alike. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../src/scaffold/templates/', import.meta.url));

export interface ScaffoldOptions {
  /** The cloud's name in `spec.cloudProvider` and `--cloud`, e.g. `zcloud`. */
  readonly cloud: string;
  /** The folder to create; it may exist only if empty. */
  readonly dir: string;
  /** @default `kopsx-plugin-<cloud>` */
  readonly packageName?: string;
  /** The version range of `@kopsx/core` and `@kopsx/provider-conformance` to depend on, e.g. `^0.1.0`. */
  readonly kopsxVersion: string;
}

export interface ScaffoldResult {
  readonly dir: string;
  readonly packageName: string;
  /** Paths relative to `dir`, sorted. */
  readonly files: readonly string[];
}

export async function scaffoldProvider(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const {cloud, dir, kopsxVersion} = options;
  if (!CLOUD_NAME.test(cloud)) {
    throw new UsageError(`"${cloud}" is not a usable cloud name`, 'use lowercase letters, digits and dashes, starting with a letter: e.g. zcloud');
  }
  const packageName = options.packageName ?? `kopsx-plugin-${cloud}`;
  if (!PACKAGE_NAME.test(packageName)) {
    throw new UsageError(`"${packageName}" is not a valid npm package name`, 'e.g. kopsx-plugin-zcloud or @acme/kopsx-plugin-zcloud');
  }
  await assertEmptyOrMissing(dir);
  const values = placeholderValues({cloud, packageName, kopsxVersion});
  const templates = (await readdir(TEMPLATES_DIR, {recursive: true})).filter((path) => path.endsWith(TEMPLATE_SUFFIX)).sort();
  const files: string[] = [];
  for (const template of templates) {
    const target = outputPath(template);
    const text = await readFile(join(TEMPLATES_DIR, template), 'utf8');
    await mkdir(dirname(join(dir, target)), {recursive: true});
    // `wx`: a file that appeared meanwhile is never overwritten.
    await writeFile(join(dir, target), fillPlaceholders(text, values), {flag: 'wx'});
    files.push(target);
  }
  return {dir, packageName, files: files.sort()};
}

async function assertEmptyOrMissing(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new AlreadyExistsError(`${dir} already exists and is not empty`, 'choose another folder with --dir, or remove this one');
  }
}

/** `src/index.ts.tmpl` → `src/index.ts`; `dot-gitignore.tmpl` → `.gitignore`. */
function outputPath(template: string): string {
  const path = template.slice(0, -TEMPLATE_SUFFIX.length);
  const name = basename(path);
  return name.startsWith(DOTFILE_PREFIX) ? join(dirname(path), `.${name.slice(DOTFILE_PREFIX.length)}`) : path;
}

type Placeholder = 'CLOUD_ENV' | 'CLOUD_TITLE' | 'CLOUD' | 'PACKAGE_NAME' | 'KOPSX_VERSION';

function placeholderValues(options: {cloud: string; packageName: string; kopsxVersion: string}): Record<Placeholder, string> {
  const {cloud} = options;
  return {
    // ZCLOUD in ZCLOUD_API_URL; dashes cannot appear in variable names.
    CLOUD_ENV: cloud.toUpperCase().replaceAll('-', '_'),
    // As core spells it in the alpha feature flag: AlphaAllowZcloud.
    CLOUD_TITLE: `${cloud.charAt(0).toUpperCase()}${cloud.slice(1)}`,
    CLOUD: cloud,
    PACKAGE_NAME: options.packageName,
    KOPSX_VERSION: options.kopsxVersion,
  };
}

/** Replaces `__CLOUD__` and its siblings; the longer names come first so `__CLOUD_ENV___X` reads as intended. */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(/__(CLOUD_ENV|CLOUD_TITLE|CLOUD|PACKAGE_NAME|KOPSX_VERSION)__/g, (_, name: Placeholder) => values[name]);
}

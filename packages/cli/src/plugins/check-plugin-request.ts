import {KopsxError} from '@kopsx/core';

/** What `plugins install` is about to install, as oclif hands it to the `plugins:preinstall` hook. */
export type PluginRequest =
  | {readonly type: 'npm'; readonly name: string; readonly tag: string}
  | {readonly type: 'repo'; readonly url: string};

/** How a short name becomes a package name: `@<scope>/<prefix>-<name>` (oclif's `scope` and `pluginPrefix`). */
export interface PluginNaming {
  readonly scope: string;
  readonly prefix: string;
}

/**
 * A short name (`aws`) resolved to nothing in our scope: oclif would now install the unscoped package of that
 * name, which anyone can publish.
 */
export class UnscopedPluginError extends KopsxError {
  constructor(
    readonly shortName: string,
    readonly scopedName: string,
  ) {
    super(
      `plugin "${shortName}" not found: the registry npm uses for ${scopedName.split('/')[0]} has no ${scopedName} (or could not be reached)`,
      'PluginNotFound',
      `kopsx installs a short name only as ${scopedName}, never as the unscoped package "${shortName}", which anyone ` +
        'can publish; check the name, or give a full scoped name (@owner/package), a file: path or a URL',
    );
  }
}

/**
 * Refuses to install an unscoped registry package. oclif has already tried the scoped name when it calls us, so
 * an unscoped name here means either the user typed a short name whose scoped package was not found, or an
 * unscoped package outright: both are refused. Scoped names, git repositories, paths and URLs pass.
 */
export function checkPluginRequest(request: PluginRequest, naming: PluginNaming): void {
  if (request.type === 'repo' || request.name.startsWith('@')) return;
  throw new UnscopedPluginError(request.name, `@${naming.scope}/${naming.prefix}-${request.name}`);
}

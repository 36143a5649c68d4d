import type {Hook} from '@oclif/core';
import {renderError} from '../output/render-error.js';
import {checkPluginRequest, UnscopedPluginError} from '../plugins/check-plugin-request.js';

/**
 * Closes the dependency-confusion hole in `kopsx plugins install NAME`. oclif (plugin-plugins 5) asks the registry
 * for `@kopsx/plugin-NAME` and, when that fails — absent, or the registry unreachable — falls back to the unscoped
 * package `NAME`, which anyone can publish. oclif runs this hook after it has chosen the package and before npm
 * fetches anything, and passes the chosen name on to npm unchanged, so refusing unscoped names here leaves
 * exactly: `@kopsx/plugin-NAME` for a short name, a full scoped name, or a repository/path/URL.
 * See docs/decisions.md ("Short plugin names resolve only in our scope").
 */
const refuseUnscopedPlugins: Hook<'plugins:preinstall'> = async function ({plugin, config}) {
  const {scope = 'kopsx', pluginPrefix = 'plugin'} = config.pjson.oclif;
  try {
    checkPluginRequest(plugin, {scope, prefix: pluginPrefix});
  } catch (error) {
    if (!(error instanceof UnscopedPluginError)) throw error;
    process.stderr.write(`${renderError(error, {verbose: false})}\n`);
    // oclif swallows plain errors thrown by hooks; an exit propagates and stops the install before npm runs.
    this.exit(1);
  }
};

export default refuseUnscopedPlugins;

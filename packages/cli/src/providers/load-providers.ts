import {join} from 'node:path';
import {InvalidProviderError, loadProviderModule, ProviderRegistry} from '@kopsx/core';

/** What kopsx needs to know of a loaded oclif plugin (oclif's `Interfaces.Plugin` fits). */
export interface PluginDescription {
  readonly name: string;
  readonly version: string;
  /** The plugin's package directory. */
  readonly root: string;
  /** Its package.json; a provider plugin says `"kopsx": {"provider": "./dist/index.js"}`. */
  readonly pjson: Readonly<Record<string, unknown>>;
}

/**
 * The providers of the loaded oclif plugins, one registry for the whole process. Providers come only from
 * plugins (installed or linked), never from packages that merely happen to be on disk, so what
 * `kopsx plugins` lists is exactly what can act on a cloud. The state-store schemes they add are
 * registered too. A plugin whose provider cannot be loaded stops the command with an error naming it.
 */
export async function loadProviders(plugins: Iterable<PluginDescription>): Promise<ProviderRegistry> {
  const registry = new ProviderRegistry();
  for (const plugin of plugins) {
    const section = plugin.pjson.kopsx;
    if (section === undefined) continue;
    const source = {packageName: plugin.name, version: plugin.version};
    const modulePath = providerModuleOf(section);
    if (modulePath === undefined) {
      throw new InvalidProviderError(source, join(plugin.root, 'package.json'), '"kopsx.provider" is not a file path');
    }
    registry.register(await loadProviderModule(join(plugin.root, modulePath), source), source);
  }
  registry.registerStateStoreSchemes();
  return registry;
}

/** The `provider` entry of a package.json's `kopsx` section, when it is a string. */
function providerModuleOf(section: unknown): string | undefined {
  if (typeof section !== 'object' || section === null) return undefined;
  const provider = (section as Record<string, unknown>).provider;
  return typeof provider === 'string' ? provider : undefined;
}

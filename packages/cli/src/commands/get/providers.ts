import {dump} from 'js-yaml';
import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {renderTable} from '../../output/render-table.js';

export default class GetProviders extends BaseCommand<typeof GetProviders> {
  static override aliases = ['providers'];
  static override summary = 'List the cloud providers the installed plugins add.';
  static override description =
    'One row per cloud: its support level (stable; beta, used with a notice; alpha, refused unless KOPS_FEATURE_FLAGS has ' +
    'AlphaAllow<Cloud>), the plugin package and version, and the state-store schemes it adds. Install a provider with ' +
    '`kopsx plugins install <cloud>`.';

  static override examples = [
    {description: 'What clouds can this kopsx reach?', command: '<%= config.bin %> get providers'},
    {description: 'The same for scripts.', command: '<%= config.bin %> providers -o json'},
  ];

  static override flags = {
    output: Flags.option({
      char: 'o',
      options: ['table', 'yaml', 'json'] as const,
      default: 'table' as const,
      description: 'Output format.',
    })(),
  };

  async run(): Promise<void> {
    const providers = (await this.providers()).list();
    const {output} = this.flags;
    if (output === 'json') return this.log(JSON.stringify(providers, null, 2));
    if (output === 'yaml') return this.log(dump(providers).trimEnd());
    if (providers.length === 0) {
      return this.logToStderr('No cloud provider is installed. Install one with: kopsx plugins install aws');
    }
    const rows = providers.map((p) => [p.cloud, p.supportLevel, p.version, p.packageName, p.stateStoreSchemes.join(',') || '-']);
    this.log(renderTable(['cloud', 'support', 'version', 'package', 'schemes'], rows));
  }
}

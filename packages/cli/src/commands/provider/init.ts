import {resolve} from 'node:path';
import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {nextSteps} from '../../output/next-steps.js';
import {scaffoldProvider} from '../../scaffold/scaffold-provider.js';

export default class ProviderInit extends BaseCommand<typeof ProviderInit> {
  static override summary = 'Generate a provider plugin package for a new cloud, ready to build, test and link.';
  static override description =
    'Writes a TypeScript package that kopsx loads as the provider of the cloud NAME: the provider (zones, a model of a ' +
    'network and servers, handlers calling a JSON API), a tiny simulator of that API, and a test running the kopsx ' +
    'conformance suite against it. Replace the API calls with your cloud\'s; docs/plugin-authors.md explains every part.';

  static override examples = [
    {description: 'A provider for the cloud "zcloud" in ./kopsx-plugin-zcloud.', command: '<%= config.bin %> provider init zcloud'},
    {
      description: 'Under your own npm scope, in a folder of your choice.',
      command: '<%= config.bin %> provider init zcloud --package-name @acme/kopsx-plugin-zcloud --dir ~/src/zcloud-provider',
    },
  ];

  static override args = {
    name: Args.string({
      description: 'The cloud\'s name, as users will write it in --cloud and spec.cloudProvider (lowercase, e.g. zcloud).',
      required: true,
    }),
  };

  static override flags = {
    dir: Flags.string({description: 'Folder to create; it must not exist or be empty (default: ./kopsx-plugin-NAME).'}),
    'package-name': Flags.string({
      description: 'npm package name (default: kopsx-plugin-NAME); to publish, prefer your own scope: @acme/kopsx-plugin-NAME.',
    }),
  };

  async run(): Promise<void> {
    const cloud = this.args.name;
    const result = await scaffoldProvider({
      cloud,
      dir: resolve(this.flags.dir ?? `kopsx-plugin-${cloud}`),
      ...(this.flags['package-name'] ? {packageName: this.flags['package-name']} : {}),
      kopsxVersion: this.kopsxVersionRange(),
    });
    this.log(`Created the provider package ${result.packageName} for the cloud "${cloud}" in ${result.dir}:`);
    for (const file of result.files) this.log(`  ${file}`);
    this.log(
      `\n${nextSteps([
        [`cd ${result.dir}`, ''],
        ['npm install && npm run build', 'install the dependencies and compile'],
        ['npm test', 'run the conformance suite against the simulator'],
        [`${this.config.bin} plugins link .`, `let kopsx load the provider of "${cloud}"`],
      ])}`,
    );
  }

  /** The plugin must be built against the provider API of this kopsx: the core release it runs. */
  private kopsxVersionRange(): string {
    const dependencies = this.config.pjson.dependencies as Record<string, string> | undefined;
    return dependencies?.['@kopsx/core'] ?? `^${this.config.version}`;
  }
}

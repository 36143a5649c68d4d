import {BaseCommand} from '../base-command.js';

export default class Version extends BaseCommand<typeof Version> {
  static override summary = 'Print the kopsx version and the Node.js version it runs on.';
  static override examples = ['<%= config.bin %> version'];

  async run(): Promise<void> {
    this.log(`kopsx ${this.config.version}\nnode ${process.version} (${process.platform}-${process.arch})`);
  }
}

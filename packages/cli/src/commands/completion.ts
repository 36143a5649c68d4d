import {Args} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Completion extends BaseCommand<typeof Completion> {
  static override summary = 'Print the shell code that turns on tab completion for kopsx.';
  static override description =
    'Builds the completion cache, then prints one line of shell code that loads it. Add it to your shell profile, ' +
    'or run `kopsx autocomplete` for step-by-step instructions.';

  static override examples = [
    {description: 'Bash, for this shell.', command: 'source <(<%= config.bin %> completion bash)'},
    {description: 'Zsh, for every new shell.', command: '<%= config.bin %> completion zsh >> ~/.zshrc'},
    {description: 'PowerShell.', command: '<%= config.bin %> completion powershell | Out-String | Invoke-Expression'},
  ];

  static override args = {
    shell: Args.string({description: 'Shell to complete in (default: your current shell).', options: ['bash', 'zsh', 'powershell']}),
  };

  async run(): Promise<void> {
    const shell = this.args.shell ?? this.config.shell;
    // plugin-autocomplete owns the completion logic; we only drive it the way kubectl users expect.
    await this.config.runCommand('autocomplete', ['--refresh-cache']);
    await this.config.runCommand('autocomplete:script', [shell]);
  }
}

import {exportKubeconfig} from '@kopsx/core';
import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {interruptible} from '../../cloud/interruptible.js';
import {ADMIN_IMPLIED, credentialFlags, credentialOptions} from '../../operate/admin-flags.js';
import {describeKubeconfigExport} from '../../operate/kubeconfig-export-text.js';
import {withImpliedValues} from '../../operate/optional-flag-values.js';

export default class ExportKubecfg extends BaseCommand<typeof ExportKubecfg> {
  static override aliases = ['export:kubeconfig'];
  static override summary = "Write the cluster's context into your kubeconfig file and make it current.";
  static override description =
    'Adds (or replaces) the cluster, user and context entries named after the cluster in $KUBECONFIG (its first file) or ' +
    '~/.kube/config, keeping every other entry; the file is replaced atomically and readable by you only. The server is ' +
    'the API load balancer\'s address (looked up in the cloud) or api.<name>. Credentials: --admin issues a client ' +
    'certificate from the cluster CA, --user points the context at a user already in the file.';

  static override examples = [
    {description: 'A context with an admin certificate for 18 hours.', command: '<%= config.bin %> export kubecfg demo.k8s.local --admin'},
    {description: 'For one hour, into another file.', command: '<%= config.bin %> export kubecfg demo.k8s.local --admin=1h --kubeconfig ./demo.kubeconfig'},
    {description: 'Use your own (e.g. OIDC) user.', command: '<%= config.bin %> export kubecfg demo.k8s.local --user my-oidc-user'},
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to export. Same as --name.'}),
  };

  static override flags = {
    ...credentialFlags,
    kubeconfig: Flags.string({description: 'The kubeconfig file to write (default: the first file of $KUBECONFIG, else ~/.kube/config).'}),
    internal: Flags.boolean({description: "Use the API's internal name (api.internal.<name>), for clients inside the cluster's network."}),
  };

  override async init(): Promise<void> {
    this.argv = withImpliedValues(this.argv, ADMIN_IMPLIED);
    await super.init();
  }

  async run(): Promise<void> {
    const {flags} = this;
    const name = this.clusterName(this.args.cluster);
    const credentials = credentialOptions(flags);
    const target = await this.clusterTarget(name);
    const result = await interruptible(
      (signal) =>
        exportKubeconfig({
          ...target,
          ...credentials,
          kubeconfigPath: flags.kubeconfig,
          internal: flags.internal,
          signal,
        }),
      {what: 'export kubecfg', onInterrupt: (message) => this.logToStderr(message)},
    );
    this.log(describeKubeconfigExport(result));
  }
}

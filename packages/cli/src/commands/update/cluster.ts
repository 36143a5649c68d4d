import {relative, resolve} from 'node:path';
import {applyClusterUpdate, exportKubeconfig, KopsxError, planClusterUpdate, planToJson, summarizePlan, summaryLine, writeTerraform} from '@kopsx/core';
import type {ClusterUpdate} from '@kopsx/core';
import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {interruptible} from '../../cloud/interruptible.js';
import {withProgress} from '../../cloud/with-progress.js';
import {ADMIN_IMPLIED, credentialFlags, credentialOptions} from '../../operate/admin-flags.js';
import {describeKubeconfigExport} from '../../operate/kubeconfig-export-text.js';
import {withImpliedValues} from '../../operate/optional-flag-values.js';
import {nextSteps} from '../../output/next-steps.js';
import {appliedLine, NO_CHANGES, updatePreview} from '../../output/update-text.js';
import {sharedFlags} from '../../shared-flags.js';
import {UsageError} from '../../usage-error.js';

const DEFAULT_TERRAFORM_OUT = 'out/terraform';

export default class UpdateCluster extends BaseCommand<typeof UpdateCluster> {
  static override summary = 'Make the cloud match the cluster spec: preview the changes, or apply them with --yes.';
  static override description =
    'Reads what the cluster owns in its cloud (one list call per kind of resource), compares it with the spec and prints what ' +
    'would be created, modified and deleted. With --yes makes those changes, several at a time, retrying what the cloud ' +
    'throttles, while holding the cluster\'s lock; a rerun continues from what exists. Then, as kOps does, writes the ' +
    'cluster\'s context into your kubeconfig (admin credentials only with --admin; --no-export-kubecfg skips it). With ' +
    '--target terraform writes Terraform JSON instead and touches no cloud. Needs the cloud\'s provider plugin (kopsx get providers).';

  static override examples = [
    {description: 'Preview the changes.', command: '<%= config.bin %> update cluster demo.k8s.local'},
    {description: 'Apply them.', command: '<%= config.bin %> update cluster demo.k8s.local --yes'},
    {description: 'Apply them, with an admin certificate in the exported context.', command: '<%= config.bin %> update cluster demo.k8s.local --yes --admin'},
    {description: 'The plan as JSON, for scripts.', command: '<%= config.bin %> update cluster demo.k8s.local -o json'},
    {
      description: 'Write Terraform instead of changing the cloud.',
      command: '<%= config.bin %> update cluster demo.k8s.local --target terraform --out ./tf',
    },
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to update. Same as --name.'}),
  };

  static override flags = {
    yes: sharedFlags.yes,
    output: Flags.option({
      char: 'o',
      options: ['text', 'json'] as const,
      default: 'text' as const,
      description: 'Preview format: text (grouped like kOps) or json (the plan with every field change, for scripts).',
    })(),
    concurrency: Flags.integer({min: 1, default: 10, description: 'How many cloud changes may run at the same time.'}),
    target: Flags.option({
      options: ['direct', 'terraform'] as const,
      default: 'direct' as const,
      description: 'direct: change the cloud; terraform: write kubernetes.tf.json and its data files to --out instead.',
    })(),
    out: Flags.string({description: `With --target terraform: the directory to write to (default: ${DEFAULT_TERRAFORM_OUT}).`}),
    'force-unlock': sharedFlags.forceUnlock,
    'export-kubecfg': Flags.boolean({
      default: true,
      allowNo: true,
      description: "After --yes, write the cluster's context into $KUBECONFIG or ~/.kube/config (--no-export-kubecfg: don't).",
    }),
    ...credentialFlags,
    internal: Flags.boolean({description: "The exported context uses the API's internal name (api.internal.<name>)."}),
  };

  override async init(): Promise<void> {
    this.argv = withImpliedValues(this.argv, ADMIN_IMPLIED);
    await super.init();
  }

  async run(): Promise<void> {
    const {flags} = this;
    const name = this.clusterName(this.args.cluster);
    this.checkFlags();
    if (flags.target === 'terraform') return this.writeTerraform(name, flags.out ?? DEFAULT_TERRAFORM_OUT);
    await interruptible(
      async (signal) => {
        if (!flags.yes) return this.preview(name, signal);
        // The lock covers the plan as well as the apply: what was read is what gets changed.
        await this.withLock(name, {forceUnlock: flags['force-unlock']}, () => this.apply(name, signal));
        if (flags['export-kubecfg']) await this.exportKubecfg(name, signal);
      },
      {what: 'update cluster', onInterrupt: (message) => this.logToStderr(message)},
    );
  }

  private checkFlags(): void {
    const {flags} = this;
    if (flags.out !== undefined && flags.target !== 'terraform') {
      throw new UsageError('--out only works with --target terraform', 'add --target terraform to write Terraform files');
    }
    if (flags.output === 'json' && flags.target === 'terraform') {
      throw new UsageError('-o json prints the plan of a direct update', 'drop -o json: --target terraform writes files');
    }
    if (flags.output === 'json' && flags.yes) {
      throw new UsageError('-o json prints the preview and cannot be combined with --yes', 'preview with -o json first, then apply with --yes');
    }
    const exportFlag = flags.admin !== undefined ? '--admin' : flags.user !== undefined ? '--user' : flags.internal ? '--internal' : undefined;
    if (exportFlag && (!flags.yes || flags.target === 'terraform' || !flags['export-kubecfg'])) {
      throw new UsageError(
        `${exportFlag} is about the kubeconfig that update cluster --yes exports`,
        'use it with --yes (and without --target terraform or --no-export-kubecfg), or run "kopsx export kubecfg" on its own',
      );
    }
    // Bad credential flags are refused before the cloud is changed, not after.
    credentialOptions(flags);
  }

  private async plan(name: string, signal: AbortSignal): Promise<ClusterUpdate> {
    // Only an apply may create missing cluster secrets in the store; a preview makes them in memory.
    const target = {...(await this.clusterTarget(name)), persistSecrets: this.flags.yes};
    const update = await planClusterUpdate({...target, signal, onLog: (m) => this.logToStderr(m)});
    this.notice(update.notice);
    this.warnAll(update.warnings);
    return update;
  }

  private async preview(name: string, signal: AbortSignal): Promise<void> {
    const update = await this.plan(name, signal);
    try {
      this.log(this.flags.output === 'json' ? planToJson(update.plan).trimEnd() : updatePreview(update.plan, name));
    } finally {
      await update.connection.close();
    }
  }

  private async apply(name: string, signal: AbortSignal): Promise<void> {
    const update = await this.plan(name, signal);
    try {
      const {plan} = update;
      for (const warning of plan.warnings) this.logToStderr(`Warning: ${warning}`);
      if (plan.changes.length === 0) {
        // Still writes the completed spec: a change that needs nothing in the cloud must reach the store.
        await applyClusterUpdate(update, {signal});
        return this.log(NO_CHANGES);
      }
      this.logToStderr(`Applying: ${summaryLine(summarizePlan(plan))}`);
      const {concurrency} = this.flags;
      const result = await withProgress((onEvent) => applyClusterUpdate(update, {concurrency, signal, onEvent}));
      const steps: Array<[string, string]> = [
        [`kopsx update cluster ${name}`, 'preview again: it should show no changes'],
        [`kopsx get instancegroups --name ${name}`, 'list the instance groups'],
        [`kopsx delete cluster ${name}`, 'when you are done: preview deleting the cluster and its cloud resources'],
      ];
      const modified = plan.changes.some((change) => change.action === 'update' || change.action === 'replace');
      const running = modified ? '\nInstances already running keep their old configuration until they are replaced.' : '';
      this.log(`${appliedLine(result)}${running}\n\n${nextSteps(steps)}`);
    } finally {
      await update.connection.close();
    }
  }

  /**
   * kOps' habit after an apply. The cloud changes are made by now, so a failure here is a warning with the
   * command to finish the job, not a failed update.
   */
  private async exportKubecfg(name: string, signal: AbortSignal): Promise<void> {
    const {flags} = this;
    try {
      const result = await exportKubeconfig({
        ...(await this.clusterTarget(name)),
        ...credentialOptions(flags),
        internal: flags.internal,
        signal,
      });
      this.log(`\n${describeKubeconfigExport(result)}`);
    } catch (error) {
      if (!(error instanceof KopsxError) || signal.aborted) throw error;
      this.logToStderr(`Warning: the kubeconfig was not exported: ${error.message}\n  run "kopsx export kubecfg ${name}" when that is fixed`);
    }
  }

  /** Touches no cloud and takes no lock: it only reads the spec and writes local files. */
  private async writeTerraform(name: string, outDir: string): Promise<void> {
    const output = await writeTerraform({...(await this.clusterTarget(name)), outDir});
    this.notice(output.notice);
    this.warnAll(output.warnings);
    const dir = resolve(outDir);
    this.log(`Wrote Terraform for cluster "${name}" to ${dir} (no cloud resource was touched):`);
    for (const path of output.paths) this.log(`  ${relative(dir, path)}`);
    this.log(
      `\n${nextSteps([
        [`cd ${outDir}`, ''],
        ['terraform init', 'fetch the providers'],
        ['terraform plan', 'see what Terraform would do'],
        ['terraform apply', 'build the cluster'],
      ])}`,
    );
  }
}

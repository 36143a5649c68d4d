import {planRollingUpdate, ROLLING_UPDATE_DEFAULTS, rollingUpdate} from '@kopsx/core';
import type {RollingUpdateOptions, RollingUpdatePlan} from '@kopsx/core';
import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {interruptible} from '../../cloud/interruptible.js';
import {booleanValueFlag} from '../../operate/boolean-value-flag.js';
import {durationFlag} from '../../operate/duration-flag.js';
import {parseInstanceGroupRoles} from '../../operate/instance-group-roles.js';
import {withImpliedValues} from '../../operate/optional-flag-values.js';
import {formatDurationFlag} from '../../operate/parse-duration.js';
import {describeRollingUpdateEvent} from '../../operate/rolling-update-progress.js';
import {rollingUpdateTable} from '../../operate/rolling-update-table.js';
import {formatDuration} from '../../output/format-duration.js';
import {sharedFlags} from '../../shared-flags.js';

const DEFAULT_INTERVAL = formatDurationFlag(ROLLING_UPDATE_DEFAULTS.intervalMs);
const intervalFlag = (what: string) =>
  durationFlag({description: `Time to wait between replacing ${what} (default: --interval, else ${DEFAULT_INTERVAL}).`});

export default class RollingUpdateCluster extends BaseCommand<typeof RollingUpdateCluster> {
  static override summary = 'Replace the instances that run an outdated configuration: preview, or do it with --yes.';
  static override description =
    'An instance needs updating when it was launched from an older configuration than its group\'s (after `update cluster ' +
    '--yes` changed it), or always with --force. With --yes, under the cluster\'s lock: bastions, then control planes one ' +
    'at a time, then node groups; each node is cordoned and drained through the Kubernetes API (honouring ' +
    'PodDisruptionBudgets) before its instance is terminated, groups surge by their maxSurge (replacements first) and ' +
    'the cluster is validated between steps. A rerun continues from what the cloud runs.';

  static override examples = [
    {description: 'Preview.', command: '<%= config.bin %> rolling-update cluster demo.k8s.local'},
    {description: 'Do it.', command: '<%= config.bin %> rolling-update cluster demo.k8s.local --yes'},
    {
      description: 'Replace every instance of one group, without draining or validating (e.g. the API is down).',
      command: '<%= config.bin %> rolling-update cluster --yes --force --cloudonly --instance-group nodes-us-east-1a',
    },
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to update. Same as --name.'}),
  };

  static override flags = {
    yes: sharedFlags.yes,
    force: Flags.boolean({description: 'Replace every instance, even those that are up to date.'}),
    cloudonly: Flags.boolean({description: 'Replace instances without draining nodes or validating the cluster (causes downtime).'}),
    'instance-group': Flags.string({
      multiple: true,
      delimiter: ',',
      description: 'Only these instance groups (comma-separated or repeated; default: all).',
    }),
    'instance-group-roles': Flags.string({
      multiple: true,
      delimiter: ',',
      description: 'Only groups of these roles: control-plane, node, bastion.',
    }),
    'drain-timeout': durationFlag({description: 'Longest wait for a node to drain.', defaultMs: ROLLING_UPDATE_DEFAULTS.drainTimeoutMs}),
    'post-drain-delay': durationFlag({description: 'Pause after draining a node, before terminating it.', defaultMs: ROLLING_UPDATE_DEFAULTS.postDrainDelayMs}),
    'validation-timeout': durationFlag({
      description: 'Longest wait for the cluster to validate after each step.',
      defaultMs: ROLLING_UPDATE_DEFAULTS.validationTimeoutMs,
    }),
    'validate-count': Flags.integer({
      min: 1,
      default: ROLLING_UPDATE_DEFAULTS.validateCount,
      description: 'Successful validations in a row needed after each step.',
    }),
    interval: durationFlag({description: `Time to wait between replacements, for every role (default ${DEFAULT_INTERVAL}).`}),
    'control-plane-interval': intervalFlag('control-plane nodes'),
    'node-interval': intervalFlag('worker nodes'),
    'bastion-interval': intervalFlag('bastions'),
    'fail-on-drain-error': booleanValueFlag({description: 'Stop when a node cannot be drained; =false replaces it anyway.'}),
    'fail-on-validate-error': booleanValueFlag({description: 'Stop when the cluster does not validate; =false goes on regardless.'}),
    'force-unlock': sharedFlags.forceUnlock,
  };

  override async init(): Promise<void> {
    this.argv = withImpliedValues(this.argv, {'fail-on-drain-error': 'true', 'fail-on-validate-error': 'true'});
    await super.init();
  }

  async run(): Promise<void> {
    const {flags} = this;
    const name = this.clusterName(this.args.cluster);
    const selection = {
      force: flags.force,
      instanceGroups: flags['instance-group'],
      instanceGroupRoles: parseInstanceGroupRoles(flags['instance-group-roles']),
    };
    await interruptible(
      async (signal) => {
        const plan = async (): Promise<RollingUpdatePlan> => {
          const planned = await planRollingUpdate({...(await this.clusterTarget(name)), ...selection, signal});
          this.notice(planned.session.notice);
          return planned;
        };
        if (!flags.yes) return this.preview(await plan());
        // Planned under the lock, so that no update cluster changes the groups between the plan and the roll.
        await this.withLock(name, {forceUnlock: flags['force-unlock']}, async () => this.roll(name, await plan(), signal));
      },
      {what: 'rolling-update cluster', onInterrupt: (message) => this.logToStderr(message)},
    );
  }

  private async preview(plan: RollingUpdatePlan): Promise<void> {
    try {
      this.log(rollingUpdateTable(plan.groups));
      this.log(plan.needsUpdate ? '\nMust specify --yes to rolling-update.' : '\nNo rolling-update required.');
    } finally {
      await plan.session.close();
    }
  }

  private async roll(name: string, plan: RollingUpdatePlan, signal: AbortSignal): Promise<void> {
    try {
      this.logToStderr(rollingUpdateTable(plan.groups));
      if (!plan.needsUpdate) return this.log('No rolling-update required.');
      const started = Date.now();
      const result = await rollingUpdate(plan, {...this.updateOptions(), signal, onEvent: (event) => this.logToStderr(describeRollingUpdateEvent(event))});
      const replaced = result.groups.reduce((sum, group) => sum + group.replaced.length, 0);
      const groups = result.groups.filter((group) => group.replaced.length > 0).length;
      this.log(
        `Rolling update of cluster "${name}" finished: ${replaced} instance${replaced === 1 ? '' : 's'} replaced in ` +
          `${groups} instance group${groups === 1 ? '' : 's'} (${formatDuration(Date.now() - started)}).`,
      );
    } finally {
      await plan.session.close();
    }
  }

  private updateOptions(): RollingUpdateOptions {
    const {flags} = this;
    return {
      cloudOnly: flags.cloudonly,
      failOnDrainError: flags['fail-on-drain-error'],
      failOnValidateError: flags['fail-on-validate-error'],
      drainTimeoutMs: flags['drain-timeout'],
      postDrainDelayMs: flags['post-drain-delay'],
      validationTimeoutMs: flags['validation-timeout'],
      validateCount: flags['validate-count'],
      intervals: {
        controlPlaneMs: flags['control-plane-interval'] ?? flags.interval,
        nodeMs: flags['node-interval'] ?? flags.interval,
        bastionMs: flags['bastion-interval'] ?? flags.interval,
      },
    };
  }
}

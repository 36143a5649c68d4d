import {checkClusterUntil, DEFAULT_VALIDATE_INTERVAL_MS, openClusterSession} from '@kopsx/core';
import type {ValidationRun} from '@kopsx/core';
import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {interruptible} from '../../cloud/interruptible.js';
import {durationFlag} from '../../operate/duration-flag.js';
import {formatStructured} from '../../operate/format-structured.js';
import {attemptLine, validationReport} from '../../operate/validation-report.js';

/** kOps exits non-zero when validation fails; 2 tells a failed validation from a command that could not run (1). */
const INVALID_EXIT_CODE = 2;

export default class ValidateCluster extends BaseCommand<typeof ValidateCluster> {
  static override summary = 'Check that the cluster runs as its spec says: exit 0 only when it does.';
  static override description =
    'Cloud checks: every instance group has its desired number of running instances and the API load balancer a healthy ' +
    'target. Kubernetes checks: every machine has joined, every node is Ready, each group has its number of Ready nodes, ' +
    'every kube-system pod runs. Talks to the API with a short-lived admin certificate of its own: no kubeconfig needed. ' +
    `Exits 0 when valid, ${INVALID_EXIT_CODE} with the list of problems otherwise. With --wait, tries again until --count ` +
    'validations in a row pass or the time is up.';

  static override examples = [
    {description: 'Validate once.', command: '<%= config.bin %> validate cluster demo.k8s.local'},
    {description: 'Wait up to 10 minutes for 3 successful validations in a row.', command: '<%= config.bin %> validate cluster --wait 10m --count 3'},
    {description: 'For scripts.', command: '<%= config.bin %> validate cluster -o json'},
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to validate. Same as --name.'}),
  };

  static override flags = {
    wait: durationFlag({description: 'Keep trying this long (e.g. 10m) until the cluster is valid.', defaultMs: 0}),
    count: Flags.integer({min: 1, default: 1, description: 'With --wait: consecutive successful validations needed.'}),
    interval: durationFlag({description: 'With --wait: time between attempts.', defaultMs: DEFAULT_VALIDATE_INTERVAL_MS}),
    output: Flags.option({
      char: 'o',
      options: ['table', 'json', 'yaml'] as const,
      default: 'table' as const,
      description: 'Output format: tables like kOps, or the whole result for scripts.',
    })(),
  };

  async run(): Promise<void> {
    const {flags} = this;
    const name = this.clusterName(this.args.cluster);
    const target = await this.clusterTarget(name);
    const run = await interruptible(
      async (signal): Promise<ValidationRun> => {
        const session = await openClusterSession({...target, signal});
        this.notice(session.notice);
        try {
          return await checkClusterUntil(session, {
            waitMs: flags.wait,
            count: flags.count,
            intervalMs: flags.interval,
            signal,
            // Progress goes to stderr, so stdout holds only the final report.
            onAttempt: (result, attempt) => {
              if (flags.wait > 0) this.logToStderr(attemptLine(attempt, result));
            },
          });
        } finally {
          await session.close();
        }
      },
      {what: 'validate cluster', onInterrupt: (message) => this.logToStderr(message)},
    );
    const {result} = run;
    if (flags.output === 'table') this.log(validationReport(name, result));
    else this.log(formatStructured({cluster: name, ...result}, flags.output));
    if (!run.passed) this.exit(INVALID_EXIT_CODE);
  }
}

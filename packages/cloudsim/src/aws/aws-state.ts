import {reconcileGroups} from './autoscaling/capacity.js';
import {AutoScalingState} from './autoscaling/autoscaling-state.js';
import {Ec2State} from './ec2/ec2-state.js';
import {settleInstances} from './ec2/instances.js';
import {settleNatGateways} from './ec2/nat-gateways.js';
import {Elbv2State} from './elbv2/elbv2-state.js';
import {IamState} from './iam/iam-state.js';
import type {LifecycleTiming} from './lifecycle.js';
import {Route53State} from './route53/route53-state.js';
import {AwsSeeder} from './seed.js';

/** How fast the simulated AWS moves; tests shorten or lengthen these to see transitional states. */
export interface AwsSimOptions {
  /** Pending NAT gateways, instances and load balancers settle after this long (default 2000 ms) ... */
  readonly settleDelayMs?: number;
  /** ... or after this many Describe calls have shown them (default 2), whichever comes first. */
  readonly settleAfterDescribes?: number;
  /** Terminated instances and deleted NAT gateways stay visible this long (default 60 000 ms). */
  readonly terminatedRetentionMs?: number;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

const DEFAULTS = {settleDelayMs: 2000, settleAfterDescribes: 2, terminatedRetentionMs: 60_000};

/**
 * The one simulated AWS account every AWS service sees: Auto Scaling launches EC2 instances, load balancer
 * targets are EC2 instances, RunInstances checks IAM instance profiles.
 */
export class AwsState implements LifecycleTiming {
  readonly ec2 = new Ec2State();
  readonly autoscaling = new AutoScalingState();
  readonly iam = new IamState();
  readonly elbv2 = new Elbv2State();
  readonly route53 = new Route53State();
  /** Creates resources directly, e.g. another cluster's, for a test to work around. */
  readonly seed = new AwsSeeder(this);
  settleDelayMs = DEFAULTS.settleDelayMs;
  settleAfterDescribes = DEFAULTS.settleAfterDescribes;
  terminatedRetentionMs = DEFAULTS.terminatedRetentionMs;
  #now: () => number = Date.now;

  constructor(options: AwsSimOptions = {}) {
    this.configure(options);
  }

  /** Changes the pace; settings not given keep their value. */
  configure(options: AwsSimOptions): void {
    this.settleDelayMs = options.settleDelayMs ?? this.settleDelayMs;
    this.settleAfterDescribes = options.settleAfterDescribes ?? this.settleAfterDescribes;
    this.terminatedRetentionMs = options.terminatedRetentionMs ?? this.terminatedRetentionMs;
    this.#now = options.now ?? this.#now;
  }

  now(): number {
    return this.#now();
  }

  /**
   * Moves the account forward before each call: groups launch or terminate instances to match their
   * desired capacity, and what termination and deletion leave behind is cleaned up.
   */
  reconcile(): void {
    reconcileGroups(this);
    settleInstances(this);
    settleNatGateways(this);
  }
}

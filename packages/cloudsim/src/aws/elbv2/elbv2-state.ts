import type {Lifecycle} from '../lifecycle.js';
import {LoadBalancerFrontends} from './frontends.js';

export interface LoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly type: string;
  readonly scheme: string;
  readonly ipAddressType: string;
  readonly dnsName: string;
  readonly canonicalHostedZoneId: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly createdTime: Date;
  readonly lifecycle: Lifecycle<'provisioning' | 'active'>;
  readonly tags: Map<string, string>;
  /** `deletion_protection.enabled`, `load_balancing.cross_zone.enabled`, ... */
  readonly attributes: Map<string, string>;
}

export interface HealthCheck {
  protocol: string;
  port: string;
  path?: string;
  enabled: boolean;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
}

export interface Target {
  readonly id: string;
  readonly port: number;
}

export interface TargetGroup {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly protocol: string;
  readonly port: number;
  readonly vpcId: string;
  readonly targetType: string;
  readonly healthCheck: HealthCheck;
  targets: Target[];
  readonly tags: Map<string, string>;
}

export interface ListenerAction {
  readonly type: string;
  readonly targetGroupArn?: string;
  readonly order?: number;
}

export interface Listener {
  readonly arn: string;
  readonly loadBalancerArn: string;
  readonly region: string;
  readonly port: number;
  readonly protocol: string;
  readonly defaultActions: readonly ListenerAction[];
  readonly tags: Map<string, string>;
}

/** Load balancers, target groups and listeners, by ARN (ARNs name their region), and the balancers' sockets. */
export class Elbv2State {
  readonly loadBalancers = new Map<string, LoadBalancer>();
  readonly targetGroups = new Map<string, TargetGroup>();
  readonly listeners = new Map<string, Listener>();
  /** The real TCP listener behind each load balancer's DNS name. */
  readonly frontends = new LoadBalancerFrontends(this.loadBalancers);

  reset(): void {
    this.frontends.closeAll();
    this.loadBalancers.clear();
    this.targetGroups.clear();
    this.listeners.clear();
  }
}

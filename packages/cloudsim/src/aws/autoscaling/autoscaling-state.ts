export interface GroupTag {
  readonly value: string;
  readonly propagateAtLaunch: boolean;
}

export interface LaunchTemplateRef {
  readonly id: string;
  readonly name: string;
  /** As the group was given it: `$Latest`, `$Default` or a number. */
  readonly version: string;
}

export interface GroupMember {
  readonly instanceId: string;
  readonly availabilityZone: string;
  readonly instanceType: string;
  /** The template and resolved version number the instance was launched from. */
  readonly launchTemplate: LaunchTemplateRef;
  readonly protectedFromScaleIn: boolean;
  /** Set while the instance is being detached or terminated on request. */
  leaving?: 'Detaching' | 'Terminating';
}

export interface AutoScalingGroup {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly createdTime: Date;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  launchTemplate: LaunchTemplateRef;
  subnetIds: string[];
  targetGroupArns: string[];
  healthCheckType: string;
  healthCheckGracePeriod: number;
  defaultCooldown: number;
  terminationPolicies: string[];
  newInstancesProtectedFromScaleIn: boolean;
  readonly tags: Map<string, GroupTag>;
  members: GroupMember[];
}

/** Auto Scaling groups by region and name (names are unique per region). */
export class AutoScalingState {
  readonly groups = new Map<string, AutoScalingGroup>();

  static key(region: string, name: string): string {
    return `${region}/${name}`;
  }

  get(region: string, name: string): AutoScalingGroup | undefined {
    return this.groups.get(AutoScalingState.key(region, name));
  }

  inRegion(region: string): AutoScalingGroup[] {
    return [...this.groups.values()].filter((group) => group.region === region);
  }

  reset(): void {
    this.groups.clear();
  }
}

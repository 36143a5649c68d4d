export interface Role {
  readonly name: string;
  /** The unique ID AWS gives a role: `AROA` and 17 more characters. */
  readonly id: string;
  readonly arn: string;
  readonly path: string;
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly createDate: Date;
  readonly tags: Map<string, string>;
  /** Inline policies by name. */
  readonly policies: Map<string, string>;
}

export interface InstanceProfile {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: Date;
  roleNames: string[];
  readonly tags: Map<string, string>;
}

/** IAM is global: one set of roles and instance profiles for the whole account. */
export class IamState {
  readonly roles = new Map<string, Role>();
  readonly instanceProfiles = new Map<string, InstanceProfile>();

  reset(): void {
    this.roles.clear();
    this.instanceProfiles.clear();
  }
}

/** An instance profile by name or ARN, as RunInstances and launch templates refer to them. */
export function findInstanceProfile(iam: IamState, ref: {readonly arn?: string; readonly name?: string}): InstanceProfile | undefined {
  return [...iam.instanceProfiles.values()].find((profile) => profile.name === ref.name || profile.arn === ref.arn);
}

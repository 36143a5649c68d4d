import type {AwsState} from './aws-state.js';
import type {Instance, InternetGateway, KeyPair, SecurityGroup, Subnet, Volume, Vpc} from './ec2/ec2-state.js';
import {CANONICAL_OWNER_ID} from './ec2/images.js';
import {launchInstances} from './ec2/instance-launch.js';
import {importKeyPair} from './ec2/key-pairs.js';
import {createSecurityGroup} from './ec2/security-groups.js';
import {createSubnet} from './ec2/subnets.js';
import {createVolume} from './ec2/volumes.js';
import {createVpc} from './ec2/vpcs.js';
import {ec2Id} from './wire/ids.js';
import type {InstanceProfile, Role} from './iam/iam-state.js';
import {createInstanceProfile} from './iam/instance-profiles.js';
import {createRole, findRole} from './iam/roles.js';
import {createHostedZone} from './route53/hosted-zones.js';
import type {HostedZone} from './route53/route53-state.js';

type Tags = Readonly<Record<string, string>>;

interface Regional {
  /** Default `us-east-1`. */
  readonly region?: string;
  readonly tags?: Tags;
}

const tagMap = (tags: Tags | undefined) => new Map(Object.entries(tags ?? {}));

const EC2_ASSUME_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{Effect: 'Allow', Principal: {Service: 'ec2.amazonaws.com'}, Action: 'sts:AssumeRole'}],
});

/**
 * Creates resources directly in the simulated account, without API calls and without their log entries:
 * the "foreign" resources a test needs around the ones under test (another cluster's tagged VPC, an
 * untagged instance). The same rules apply as through the API (names unique, CIDRs valid, ...).
 */
export class AwsSeeder {
  readonly #aws: AwsState;

  constructor(aws: AwsState) {
    this.#aws = aws;
  }

  vpc(spec: Regional & {readonly cidrBlock?: string} = {}): Vpc {
    return createVpc(this.#aws, {region: spec.region ?? 'us-east-1', cidrBlock: spec.cidrBlock ?? '10.0.0.0/16', tags: tagMap(spec.tags)});
  }

  subnet(spec: Regional & {readonly vpcId: string; readonly cidrBlock: string; readonly availabilityZone?: string}): Subnet {
    return createSubnet(this.#aws, {...spec, region: spec.region ?? 'us-east-1', tags: tagMap(spec.tags)});
  }

  internetGateway(spec: Regional & {readonly attachToVpcId?: string} = {}): InternetGateway {
    return this.#aws.ec2.internetGateways.add({
      id: ec2Id('igw'),
      region: spec.region ?? 'us-east-1',
      tags: tagMap(spec.tags),
      attachedVpcId: spec.attachToVpcId,
    });
  }

  securityGroup(spec: Regional & {readonly vpcId: string; readonly name: string; readonly description?: string}): SecurityGroup {
    return createSecurityGroup(this.#aws, {
      region: spec.region ?? 'us-east-1',
      vpcId: spec.vpcId,
      name: spec.name,
      description: spec.description ?? spec.name,
      tags: tagMap(spec.tags),
    });
  }

  keyPair(spec: Regional & {readonly name: string; readonly publicKey: string}): KeyPair {
    return importKeyPair(this.#aws, {...spec, region: spec.region ?? 'us-east-1', tags: tagMap(spec.tags)});
  }

  /** A running instance (it skips `pending`), by default from the newest seeded Ubuntu image. */
  instance(spec: Regional & {readonly subnetId: string; readonly imageId?: string; readonly instanceType?: string}): Instance {
    const region = spec.region ?? 'us-east-1';
    const ubuntu = this.#aws.ec2.images.inRegion(region).filter((image) => image.ownerId === CANONICAL_OWNER_ID);
    const data = {
      imageId: spec.imageId ?? ubuntu.at(-1)?.id,
      instanceType: spec.instanceType ?? 't3.medium',
      securityGroupIds: [],
      networkInterfaces: [],
      blockDeviceMappings: [],
      tagSpecifications: [],
    };
    const [instance] = launchInstances(this.#aws, {region, count: 1, data, subnetId: spec.subnetId, tags: tagMap(spec.tags)});
    if (!instance) throw new Error('no instance was launched');
    instance.lifecycle.moveTo('running');
    return instance;
  }

  volume(spec: Regional & {readonly availabilityZone: string; readonly size: number; readonly volumeType?: string}): Volume {
    return createVolume(this.#aws, {...spec, region: spec.region ?? 'us-east-1', tags: tagMap(spec.tags)});
  }

  role(spec: {readonly name: string; readonly assumeRolePolicyDocument?: string; readonly tags?: Tags}): Role {
    const assumeRolePolicyDocument = spec.assumeRolePolicyDocument ?? EC2_ASSUME_ROLE;
    return createRole(this.#aws, {name: spec.name, assumeRolePolicyDocument, tags: tagMap(spec.tags)});
  }

  instanceProfile(spec: {readonly name: string; readonly roleName?: string; readonly tags?: Tags}): InstanceProfile {
    const role = spec.roleName === undefined ? undefined : findRole(this.#aws, spec.roleName);
    const profile = createInstanceProfile(this.#aws, {name: spec.name, tags: tagMap(spec.tags)});
    if (role) profile.roleNames = [role.name];
    return profile;
  }

  hostedZone(spec: {readonly name: string; readonly privateVpc?: {readonly vpcId: string; readonly vpcRegion: string}}): HostedZone {
    return createHostedZone(this.#aws, {name: spec.name, callerReference: `seed-${ec2Id('ref')}`, vpc: spec.privateVpc});
  }
}

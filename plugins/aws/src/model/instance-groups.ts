/**
 * Per instance group: a launch template (image, machine type, disk, user-data, profile, security group, IMDSv2)
 * and an autoscaling group over the group's subnets.
 *
 * Images are references (`owner/name-pattern` or an AMI ID) that the launch template handler looks up when it
 * writes a template version, and then keeps: a newer image matching the pattern changes nothing until the spec
 * does. Each distinct image is also a shared `image` resource, never touched in the cloud, which Terraform
 * output renders as the `aws_ami` data source the launch templates read.
 */
import {createHash} from 'node:crypto';
import {ValidationError, ref} from '@kopsx/core';
import type {InstanceGroup, PropertyValue} from '@kopsx/core';
import {AWS_DEFAULTS} from '../defaults.js';
import {parseImageReference} from '../image-reference.js';
import {Kind} from '../kinds.js';
import {INSTANCE_GROUP_TAG} from '../tags.js';
import {apiTargetGroupArn} from './api-load-balancer.js';
import {instanceProfileArn, instanceRoleOf} from './iam.js';
import type {ModelContext} from './model-context.js';
import {isPublic} from './network.js';
import {securityGroupId} from './security.js';
import {userDataPath, userDataRequest, userDataTemplate} from './user-data.js';

const ROOT_VOLUME_SIZE: Readonly<Record<string, number>> = {ControlPlane: 64, Node: 128, Bastion: 32};

const MACHINE_TYPE: Readonly<Record<string, string>> = {
  ControlPlane: AWS_DEFAULTS.controlPlaneMachineType,
  Node: AWS_DEFAULTS.nodeMachineType,
  Bastion: AWS_DEFAULTS.bastionMachineType,
};

/** The `k8s.io/role/...` tag value of each role: what cluster-autoscaler and kOps tooling look for. */
const ROLE_TAG: Readonly<Record<string, string>> = {ControlPlane: 'control-plane', Node: 'node', Bastion: 'bastion'};

export function addInstanceGroups(ctx: ModelContext): void {
  const keyName = addKeyPair(ctx);
  for (const image of new Set(ctx.instanceGroups.map(imageOf))) {
    parseImageReference(image);
    ctx.add(Kind.image, image, {}, {lifecycle: 'shared', id: image});
  }
  for (const group of ctx.instanceGroups) {
    addLaunchTemplate(ctx, group, keyName);
    addAutoscalingGroup(ctx, group);
  }
}

function imageOf(group: InstanceGroup): string {
  return group.spec.image ?? AWS_DEFAULTS.image;
}

function groupResourceName(ctx: ModelContext, group: InstanceGroup): string {
  return ctx.named(group.metadata.name);
}

/** An existing key pair named in the spec, or the admin key imported under a name that changes with the key. */
function addKeyPair(ctx: ModelContext): PropertyValue | undefined {
  if (ctx.spec.sshKeyName) return ctx.spec.sshKeyName;
  const publicKey = ctx.inputs.sshPublicKey?.trim();
  if (!publicKey) return undefined;
  const [type, body] = publicKey.split(/\s+/);
  if (!type || !body) {
    throw new ValidationError([{path: 'sshPublicKey', message: 'is not an OpenSSH public key', hint: 'pass the content of a .pub file'}]);
  }
  const fingerprint = createHash('md5').update(Buffer.from(body, 'base64')).digest('hex');
  const name = `kopsx.${ctx.clusterName}-${fingerprint}`;
  ctx.add(Kind.keyPair, name, {publicKey: `${type} ${body}`});
  return ref(Kind.keyPair, name, 'name');
}

function addLaunchTemplate(ctx: ModelContext, group: InstanceGroup, keyName: PropertyValue | undefined): void {
  const {spec} = group;
  const name = groupResourceName(ctx, group);
  const userData = ctx.inputs.userData(userDataRequest(ctx, group));
  ctx.files.push({path: userDataPath(name), content: userDataTemplate(userData).content});
  const role = instanceRoleOf(spec.role);
  ctx.add(Kind.launchTemplate, name, {
    image: imageOf(group),
    instanceType: spec.machineType ?? MACHINE_TYPE[spec.role] ?? AWS_DEFAULTS.nodeMachineType,
    iamInstanceProfileArn: instanceProfileArn(ctx, role),
    securityGroupIds: [securityGroupId(ctx, role)],
    associatePublicIpAddress: associatesPublicIp(ctx, group),
    rootVolumeSize: spec.rootVolumeSize ?? ROOT_VOLUME_SIZE[spec.role] ?? 64,
    rootVolumeType: typeof spec.rootVolumeType === 'string' ? spec.rootVolumeType : 'gp3',
    rootVolumeEncrypted: spec.rootVolumeEncryption !== false,
    keyName,
    // The document as text: the handler fits it to EC2's limit once references are resolved.
    userData,
    // IMDSv2 only, one hop: containers on the instance cannot reach the instance's credentials.
    httpTokens: 'required',
    httpPutResponseHopLimit: 1,
  });
}

/** Instances in public subnets need a public address to reach the internet; kOps' `associatePublicIp` wins. */
function associatesPublicIp(ctx: ModelContext, group: InstanceGroup): boolean {
  if (typeof group.spec.associatePublicIp === 'boolean') return group.spec.associatePublicIp;
  return group.spec.subnets.every((name, index) => isPublic(ctx.subnet(name, `${group.metadata.name}.spec.subnets[${index}]`)));
}

function addAutoscalingGroup(ctx: ModelContext, group: InstanceGroup): void {
  const {spec, metadata} = group;
  const name = groupResourceName(ctx, group);
  const labels = Object.entries(spec.nodeLabels ?? {}).map(([key, value]) => [`k8s.io/cluster-autoscaler/node-template/label/${key}`, value]);
  ctx.add(Kind.autoscalingGroup, name, {
    launchTemplateId: ref(Kind.launchTemplate, name),
    // Instances always start from the newest template version; rolling update replaces older ones.
    launchTemplateVersion: '$Latest',
    minSize: spec.minSize,
    maxSize: spec.maxSize,
    subnetIds: spec.subnets.map((subnet, index) => ctx.subnet(subnet, `${metadata.name}.spec.subnets[${index}]`).id),
    targetGroupArns: spec.role === 'ControlPlane' ? [apiTargetGroupArn(ctx)] : [],
  }, {
    tags: {
      ...Object.fromEntries(labels),
      [`k8s.io/role/${ROLE_TAG[spec.role] ?? 'node'}`]: '1',
      [INSTANCE_GROUP_TAG]: metadata.name,
    },
  });
}

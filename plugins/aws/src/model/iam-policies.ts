/**
 * IAM policy documents for the cluster's instances: what the control plane, nodes and bastions need and no
 * more. Mutations are limited to resources tagged with the cluster, creations to requests that tag with it.
 */
import type {ModelContext} from './model-context.js';

interface Statement {
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  /** Absent in trust policies, which name a Principal instead. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
  readonly Principal?: Record<string, string>;
}

export type InstanceRole = 'control-plane' | 'nodes' | 'bastion';

function documentOf(statements: readonly Statement[]): string {
  return JSON.stringify({Version: '2012-10-17', Statement: statements});
}

/** Who may wear the role: EC2 instances. */
export function assumeRolePolicy(): string {
  return documentOf([{Effect: 'Allow', Principal: {Service: 'ec2.amazonaws.com'}, Action: 'sts:AssumeRole'}]);
}

export function rolePolicy(ctx: ModelContext, role: InstanceRole): string {
  switch (role) {
    case 'control-plane':
      return documentOf([...controlPlaneStatements(ctx), ...registryRead(), ...stateStoreAccess(ctx, {write: true}), ...dnsRecords(ctx)]);
    case 'nodes':
      return documentOf([{Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:DescribeRegions'], Resource: '*'}, ...registryRead(), ...stateStoreAccess(ctx, {write: false})]);
    case 'bastion':
      return documentOf([{Effect: 'Allow', Action: 'ec2:DescribeRegions', Resource: '*'}]);
  }
}

function controlPlaneStatements(ctx: ModelContext): Statement[] {
  const tagged = {StringEquals: {'aws:ResourceTag/KubernetesCluster': ctx.clusterName}};
  const tagging = {StringEquals: {'aws:RequestTag/KubernetesCluster': ctx.clusterName}};
  return [
    {
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeScalingActivities',
        'autoscaling:DescribeTags',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeInstances',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:DescribeRegions',
        'ec2:DescribeRouteTables',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeTags',
        'ec2:DescribeVolumes',
        'ec2:DescribeVolumesModifications',
        'ec2:DescribeVpcs',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
      ],
    },
    {
      // etcd volumes (attached by each control plane at boot), Service load balancers and their security groups:
      // only the cluster's own. AttachVolume is checked against the volume and the instance, both tagged.
      Effect: 'Allow',
      Resource: '*',
      Condition: tagged,
      Action: [
        'autoscaling:SetDesiredCapacity',
        'autoscaling:TerminateInstanceInAutoScalingGroup',
        'ec2:AttachVolume',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:DeleteSecurityGroup',
        'ec2:DeleteVolume',
        'ec2:DetachVolume',
        'ec2:ModifyInstanceAttribute',
        'ec2:ModifyVolume',
        'ec2:RevokeSecurityGroupIngress',
        'elasticloadbalancing:AddTags',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:DeregisterTargets',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:SetSecurityGroups',
      ],
    },
    {
      Effect: 'Allow',
      Resource: '*',
      Condition: tagging,
      Action: [
        'ec2:CreateSecurityGroup',
        'ec2:CreateVolume',
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:CreateLoadBalancer',
        'elasticloadbalancing:CreateTargetGroup',
      ],
    },
    {
      // Tags may only be written as part of those creations, so the control plane cannot adopt foreign resources.
      Effect: 'Allow',
      Resource: '*',
      Action: 'ec2:CreateTags',
      Condition: {
        StringEquals: {'aws:RequestTag/KubernetesCluster': ctx.clusterName, 'ec2:CreateAction': ['CreateSecurityGroup', 'CreateVolume']},
      },
    },
    {
      // Creating a security group is also authorised against the VPC it goes into.
      Effect: 'Allow',
      Action: 'ec2:CreateSecurityGroup',
      Resource: `arn:${ctx.partition}:ec2:${ctx.region}:*:vpc/*`,
    },
    {
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: {StringEquals: {'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com'}},
    },
  ];
}

function registryRead(): Statement[] {
  return [
    {
      Effect: 'Allow',
      Resource: '*',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer'],
    },
  ];
}

/**
 * Instances read the cluster's configuration from the state store (`configBase`); the control plane also writes
 * etcd backups under it. Only S3 state stores can be granted this way; other stores get no statement.
 */
function stateStoreAccess(ctx: ModelContext, options: {readonly write: boolean}): Statement[] {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(ctx.spec.configBase ?? '');
  if (!match) return [];
  const [, bucket = '', prefix = ''] = match;
  const bucketArn = `arn:${ctx.partition}:s3:::${bucket}`;
  const base = prefix ? `${bucketArn}/${prefix.replace(/\/$/, '')}` : bucketArn;
  const statements: Statement[] = [
    {Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetEncryptionConfiguration', 's3:ListBucket'], Resource: bucketArn},
    {Effect: 'Allow', Action: 's3:GetObject', Resource: `${base}/*`},
  ];
  if (options.write) {
    statements.push({Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: `${base}/backups/etcd/*`});
  }
  return statements;
}

/** The control plane keeps the cluster's DNS records current (records under the cluster's name only). */
function dnsRecords(ctx: ModelContext): Statement[] {
  if (!ctx.usesDns) return [];
  return [
    {
      Effect: 'Allow',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: `arn:${ctx.partition}:route53:::hostedzone/*`,
      Condition: {'ForAllValues:StringLike': {'route53:ChangeResourceRecordSetsNormalizedRecordNames': [`*.${ctx.clusterName}`]}},
    },
    {Effect: 'Allow', Action: ['route53:GetChange', 'route53:ListHostedZones', 'route53:ListResourceRecordSets'], Resource: '*'},
  ];
}

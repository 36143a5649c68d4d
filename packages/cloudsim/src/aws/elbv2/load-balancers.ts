import type {AwsState} from '../aws-state.js';
import {Lifecycle} from '../lifecycle.js';
import type {QueryCall, QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {randomHex} from '../wire/ids.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import {arnPrefix, checkElbName, elbPage, findLoadBalancer, loadBalancerNotFound, readTags} from './elbv2-common.js';
import type {LoadBalancer} from './elbv2-state.js';

/** The Route53 zone of each region's load balancer DNS names, for alias records (network, application). */
const CANONICAL_ZONES: Readonly<Record<string, {network: string; application: string}>> = {
  'us-east-1': {network: 'Z26RNL4JYFTOTI', application: 'Z35SXDOTRQ7X7K'},
  'us-west-2': {network: 'Z18D5FSROUN65G', application: 'Z1H1FL5HABSF5'},
  'eu-west-1': {network: 'Z2IFOLAFXWLO4F', application: 'Z32O12XQLNTSW2'},
};

const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  'deletion_protection.enabled': 'false',
  'load_balancing.cross_zone.enabled': 'false',
  'access_logs.s3.enabled': 'false',
};

function subnetsOf({input, region, aws}: QueryCall): string[] {
  const mapped = input.list('SubnetMappings.member').map((mapping) => mapping.requireString('SubnetId'));
  const ids = [...input.strings('Subnets.member'), ...mapped];
  if (ids.length === 0) throw new AwsError('ValidationError', 'At least one subnet must be specified');
  const subnets = ids.map((id) => {
    const subnet = aws.ec2.subnets.get(region, id);
    if (!subnet) throw new AwsError('SubnetNotFound', `The subnet ID '${id}' is not valid`);
    return subnet;
  });
  const zones = subnets.map((subnet) => subnet.availabilityZone);
  if (new Set(zones).size !== zones.length) {
    throw new AwsError(
      'InvalidConfigurationRequest',
      'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
    );
  }
  if (new Set(subnets.map((subnet) => subnet.vpcId)).size > 1) {
    throw new AwsError('InvalidConfigurationRequest', 'All subnets of a load balancer must be in the same VPC');
  }
  return ids;
}

function loadBalancerXml(aws: AwsState, balancer: LoadBalancer): XmlFields {
  return {
    LoadBalancerArn: balancer.arn,
    DNSName: balancer.dnsName,
    CanonicalHostedZoneId: balancer.canonicalHostedZoneId,
    CreatedTime: balancer.createdTime,
    LoadBalancerName: balancer.name,
    Scheme: balancer.scheme,
    VpcId: balancer.vpcId,
    State: {Code: balancer.lifecycle.state},
    Type: balancer.type,
    AvailabilityZones: members(balancer.subnetIds.map((id) => ({
      ZoneName: aws.ec2.subnets.get(balancer.region, id)?.availabilityZone,
      SubnetId: id,
      LoadBalancerAddresses: members([]),
    }))),
    SecurityGroups: members(balancer.securityGroupIds),
    IpAddressType: balancer.ipAddressType,
  };
}

function attributesXml(balancer: LoadBalancer): XmlFields {
  return members([...balancer.attributes].map(([Key, Value]) => ({Key, Value})));
}

export const loadBalancerHandlers: QueryHandlers = {
  CreateLoadBalancer(call) {
    const {input, region, aws} = call;
    const name = input.requireString('Name');
    checkElbName('load balancer', name);
    if ([...aws.elbv2.loadBalancers.values()].some((balancer) => balancer.region === region && balancer.name === name)) {
      throw new AwsError('DuplicateLoadBalancerName', `A load balancer with the name '${name}' already exists`);
    }
    const type = input.string('Type') ?? 'application';
    const scheme = input.string('Scheme') ?? 'internet-facing';
    const subnetIds = subnetsOf(call);
    const securityGroupIds = input.strings('SecurityGroups.member');
    const missingGroup = securityGroupIds.find((id) => !aws.ec2.securityGroups.get(region, id));
    if (missingGroup) throw new AwsError('InvalidSecurityGroup', `Security group '${missingGroup}' does not exist`);
    const zones = CANONICAL_ZONES[region] ?? {network: 'Z26RNL4JYFTOTI', application: 'Z35SXDOTRQ7X7K'};
    const arn = `${arnPrefix(region)}:loadbalancer/${type === 'network' ? 'net' : 'app'}/${name}/${randomHex(16)}`;
    const balancer: LoadBalancer = {
      arn,
      name,
      region,
      type,
      scheme,
      ipAddressType: input.string('IpAddressType') ?? 'ipv4',
      // The simulator's one deviation from AWS: the name is the address of a real listener (see frontends.ts).
      dnsName: `127.0.0.1:${aws.elbv2.frontends.claim(arn)}`,
      canonicalHostedZoneId: type === 'network' ? zones.network : zones.application,
      vpcId: aws.ec2.subnets.get(region, subnetIds[0] ?? '')?.vpcId ?? '',
      subnetIds,
      securityGroupIds,
      createdTime: new Date(aws.now()),
      lifecycle: new Lifecycle<'provisioning' | 'active'>(aws, 'provisioning', 'active'),
      tags: readTags(input),
      attributes: new Map(Object.entries(DEFAULT_ATTRIBUTES)),
    };
    aws.elbv2.loadBalancers.set(balancer.arn, balancer);
    return {LoadBalancers: members([loadBalancerXml(aws, balancer)])};
  },

  DeleteLoadBalancer({input, region, aws}) {
    // Deleting a load balancer that does not exist succeeds, as on AWS.
    const balancer = aws.elbv2.loadBalancers.get(input.requireString('LoadBalancerArn'));
    if (!balancer || balancer.region !== region) return;
    for (const listener of [...aws.elbv2.listeners.values()]) {
      if (listener.loadBalancerArn === balancer.arn) aws.elbv2.listeners.delete(listener.arn);
    }
    aws.elbv2.loadBalancers.delete(balancer.arn);
    aws.elbv2.frontends.close(balancer.arn);
  },

  DescribeLoadBalancers({input, region, aws}) {
    const arns = input.strings('LoadBalancerArns.member');
    const names = input.strings('Names.member');
    const balancers = [...aws.elbv2.loadBalancers.values()].filter((balancer) =>
      balancer.region === region &&
      (arns.length === 0 || arns.includes(balancer.arn)) &&
      (names.length === 0 || names.includes(balancer.name)));
    if (balancers.length < arns.length + names.length) throw loadBalancerNotFound();
    const result = elbPage(input, balancers, 'LoadBalancers', (balancer) => loadBalancerXml(aws, balancer));
    for (const balancer of balancers) balancer.lifecycle.observe();
    return result;
  },

  DescribeLoadBalancerAttributes({input, region, aws}) {
    const balancer = findLoadBalancer(aws, region, input.requireString('LoadBalancerArn'));
    return {Attributes: attributesXml(balancer)};
  },

  ModifyLoadBalancerAttributes({input, region, aws}) {
    const balancer = findLoadBalancer(aws, region, input.requireString('LoadBalancerArn'));
    for (const attribute of input.list('Attributes.member')) {
      balancer.attributes.set(attribute.requireString('Key'), attribute.string('Value') ?? '');
    }
    return {Attributes: attributesXml(balancer)};
  },
};

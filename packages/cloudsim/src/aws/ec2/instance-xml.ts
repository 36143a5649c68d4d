import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import type {Instance, InstanceState} from './ec2-state.js';
import {tagSetXml} from './tags.js';

/** EC2's numeric state codes. */
export const STATE_CODES: Readonly<Record<InstanceState, number>> = {
  'pending': 0,
  'running': 16,
  'shutting-down': 32,
  'terminated': 48,
};

export function stateXml(state: InstanceState): XmlFields {
  return {code: STATE_CODES[state], name: state};
}

export function privateDnsName(instance: Instance): string {
  const host = `ip-${instance.privateIp.replaceAll('.', '-')}`;
  return instance.region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${instance.region}.compute.internal`;
}

export function publicDnsName(instance: Instance): string | undefined {
  if (!instance.publicIp) return undefined;
  const host = `ec2-${instance.publicIp.replaceAll('.', '-')}`;
  return instance.region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${instance.region}.compute.amazonaws.com`;
}

/** One `instancesSet` item. A terminated instance has lost its addresses and interfaces, as on AWS. */
export function instanceXml(aws: AwsState, instance: Instance): XmlFields {
  const state = instance.lifecycle.state;
  const gone = state === 'terminated';
  const groups = items(instance.securityGroupIds.map((groupId) => ({
    groupId,
    groupName: aws.ec2.securityGroups.get(instance.region, groupId)?.name,
  })));
  const association = instance.publicIp && !gone
    ? {publicIp: instance.publicIp, publicDnsName: publicDnsName(instance), ipOwnerId: 'amazon'}
    : undefined;
  const volumes = instance.volumeIds.flatMap((id) => {
    const attachment = aws.ec2.volumes.get(instance.region, id)?.attachment;
    if (!attachment) return [];
    const {device, attachTime, deleteOnTermination} = attachment;
    return [{deviceName: device, ebs: {volumeId: id, status: 'attached', attachTime, deleteOnTermination}}];
  });
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: stateXml(state),
    privateDnsName: gone ? '' : privateDnsName(instance),
    dnsName: gone ? '' : publicDnsName(instance) ?? '',
    reason: gone ? 'User initiated' : '',
    keyName: instance.keyName,
    amiLaunchIndex: instance.amiLaunchIndex,
    productCodes: items([]),
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: {availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default'},
    monitoring: {state: 'disabled'},
    subnetId: gone ? undefined : instance.subnetId,
    vpcId: gone ? undefined : instance.vpcId,
    privateIpAddress: gone ? undefined : instance.privateIp,
    ipAddress: gone ? undefined : instance.publicIp,
    sourceDestCheck: true,
    groupSet: gone ? items([]) : groups,
    stateReason: gone
      ? {code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown'}
      : undefined,
    architecture: instance.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: instance.rootDeviceName,
    blockDeviceMapping: items(volumes),
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    iamInstanceProfile: instance.iamInstanceProfile && {...instance.iamInstanceProfile},
    tagSet: tagSetXml(instance.tags),
    networkInterfaceSet: items(gone ? [] : [{
      networkInterfaceId: instance.networkInterfaceId,
      subnetId: instance.subnetId,
      vpcId: instance.vpcId,
      ownerId: AWS_ACCOUNT_ID,
      status: 'in-use',
      privateIpAddress: instance.privateIp,
      privateDnsName: privateDnsName(instance),
      sourceDestCheck: true,
      groupSet: groups,
      attachment: {
        attachmentId: `eni-attach-${instance.networkInterfaceId.slice('eni-'.length)}`,
        deviceIndex: 0,
        status: 'attached',
        attachTime: instance.launchTime,
        deleteOnTermination: true,
      },
      association,
      privateIpAddressesSet: items([
        {privateIpAddress: instance.privateIp, privateDnsName: privateDnsName(instance), primary: true, association},
      ]),
      interfaceType: 'interface',
    }]),
    ebsOptimized: false,
    enaSupport: true,
    metadataOptions: {
      state: 'applied',
      httpTokens: instance.metadataHttpTokens,
      httpPutResponseHopLimit: 1,
      httpEndpoint: 'enabled',
      instanceMetadataTags: 'disabled',
    },
    platformDetails: 'Linux/UNIX',
  };
}

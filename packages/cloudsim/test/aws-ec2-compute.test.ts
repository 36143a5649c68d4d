import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DeleteLaunchTemplateCommand,
  DeleteSubnetCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeRegionsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  ModifyLaunchTemplateCommand,
  ModifyVolumeCommand,
  paginateDescribeTags,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {CANONICAL_OWNER_ID} from '../src/aws/ec2/images.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let ec2: EC2Client;

beforeEach(async () => {
  sim = await startCloudSim();
  ec2 = awsClients(sim).ec2;
});

afterEach(async () => {
  await sim.close();
});

const NOBLE_AMD64 = 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*';

async function newestImage(pattern: string): Promise<string> {
  const {Images} = await ec2.send(new DescribeImagesCommand({Owners: [CANONICAL_OWNER_ID], Filters: [{Name: 'name', Values: [pattern]}]}));
  const newest = [...(Images ?? [])].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  return newest?.ImageId ?? '';
}

describe('images and zones', () => {
  it('finds the seeded Ubuntu images by owner and name pattern', async () => {
    const {Images} = await ec2.send(new DescribeImagesCommand({Owners: [CANONICAL_OWNER_ID], Filters: [{Name: 'name', Values: [NOBLE_AMD64]}]}));
    expect(Images?.map((image) => image.Name).sort()).toEqual([
      'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250115',
      'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250610',
    ]);
    expect(Images?.[0]).toMatchObject({OwnerId: CANONICAL_OWNER_ID, Architecture: 'x86_64', State: 'available', RootDeviceType: 'ebs'});
    const debian = await ec2.send(new DescribeImagesCommand({Owners: ['136693071363'], Filters: [{Name: 'architecture', Values: ['arm64']}]}));
    expect(debian.Images?.map((image) => image.Name)).toEqual(['debian-12-arm64-20250610-2137']);
  });

  it('gives each region its own image IDs and zones', async () => {
    const west = awsClients(sim, {region: 'us-west-2'}).ec2;
    const {AvailabilityZones} = await west.send(new DescribeAvailabilityZonesCommand({}));
    expect(AvailabilityZones?.map((zone) => zone.ZoneName)).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']);
    expect(AvailabilityZones?.[0]).toMatchObject({RegionName: 'us-west-2', State: 'available', ZoneId: 'usw2-az1'});
    const east = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(east.AvailabilityZones).toHaveLength(6);
    const {Regions} = await ec2.send(new DescribeRegionsCommand({}));
    expect(Regions?.map((region) => region.RegionName)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);

    const westImages = await west.send(new DescribeImagesCommand({Filters: [{Name: 'name', Values: [NOBLE_AMD64]}]}));
    const eastImages = await ec2.send(new DescribeImagesCommand({Filters: [{Name: 'name', Values: [NOBLE_AMD64]}]}));
    expect(westImages.Images?.[0]?.ImageId).not.toBe(eastImages.Images?.[0]?.ImageId);
  });

  it('keeps regions apart: a VPC made in one region is not seen from another', async () => {
    await ec2.send(new CreateVpcCommand({CidrBlock: '10.0.0.0/16'}));
    const west = awsClients(sim, {region: 'us-west-2'}).ec2;
    expect((await west.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
  });
});

describe('launch templates', () => {
  it('keeps versions, the default version and UserData as sent', async () => {
    const imageId = await newestImage(NOBLE_AMD64);
    const userData = Buffer.from('#cloud-config\nruncmd: [echo v1]\n').toString('base64');
    const {LaunchTemplate} = await ec2.send(new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'nodes.a.example.com',
      LaunchTemplateData: {ImageId: imageId, InstanceType: 't3.medium', UserData: userData, MetadataOptions: {HttpTokens: 'required'}},
      TagSpecifications: [{ResourceType: 'launch-template', Tags: [{Key: 'KubernetesCluster', Value: 'a.example.com'}]}],
    }));
    const templateId = LaunchTemplate?.LaunchTemplateId ?? '';
    expect(LaunchTemplate).toMatchObject({LaunchTemplateName: 'nodes.a.example.com', DefaultVersionNumber: 1, LatestVersionNumber: 1});

    const {LaunchTemplateVersion} = await ec2.send(new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: templateId,
      SourceVersion: '1',
      LaunchTemplateData: {InstanceType: 't3.large'},
    }));
    expect(LaunchTemplateVersion?.VersionNumber).toBe(2);
    expect(LaunchTemplateVersion?.LaunchTemplateData).toMatchObject({ImageId: imageId, InstanceType: 't3.large', UserData: userData});

    const latest = await ec2.send(new DescribeLaunchTemplateVersionsCommand({LaunchTemplateId: templateId, Versions: ['$Latest']}));
    expect(latest.LaunchTemplateVersions?.[0]).toMatchObject({VersionNumber: 2, DefaultVersion: false});
    await ec2.send(new ModifyLaunchTemplateCommand({LaunchTemplateId: templateId, DefaultVersion: '2'}));
    const byName = await ec2.send(new DescribeLaunchTemplatesCommand({LaunchTemplateNames: ['nodes.a.example.com']}));
    expect(byName.LaunchTemplates?.[0]).toMatchObject({DefaultVersionNumber: 2, LatestVersionNumber: 2});
    const tagged = await ec2.send(new DescribeLaunchTemplatesCommand({Filters: [{Name: 'tag:KubernetesCluster', Values: ['a.example.com']}]}));
    expect(tagged.LaunchTemplates?.map((template) => template.LaunchTemplateId)).toEqual([templateId]);

    const all = await ec2.send(new DescribeLaunchTemplateVersionsCommand({LaunchTemplateName: 'nodes.a.example.com'}));
    expect(all.LaunchTemplateVersions?.map((version) => version.LaunchTemplateData?.UserData)).toEqual([userData, userData]);
  });

  it('describes the latest or default version of every template in one call, and pages them', async () => {
    for (const name of ['lt-a', 'lt-b', 'lt-c']) {
      const {LaunchTemplate} = await ec2.send(new CreateLaunchTemplateCommand({LaunchTemplateName: name, LaunchTemplateData: {InstanceType: 't3.medium'}}));
      if (name !== 'lt-b') {
        await ec2.send(new CreateLaunchTemplateVersionCommand({LaunchTemplateId: LaunchTemplate?.LaunchTemplateId, LaunchTemplateData: {InstanceType: 'm5.large'}}));
      }
    }
    const latest = await ec2.send(new DescribeLaunchTemplateVersionsCommand({Versions: ['$Latest']}));
    expect(latest.LaunchTemplateVersions?.map((v) => [v.LaunchTemplateName, v.VersionNumber, v.LaunchTemplateData?.InstanceType])).toEqual([
      ['lt-a', 2, 'm5.large'],
      ['lt-b', 1, 't3.medium'],
      ['lt-c', 2, 'm5.large'],
    ]);
    const both = await ec2.send(new DescribeLaunchTemplateVersionsCommand({Versions: ['$Latest', '$Default']}));
    expect(both.LaunchTemplateVersions?.map((v) => `${v.LaunchTemplateName}:${v.VersionNumber}`)).toEqual(['lt-a:1', 'lt-a:2', 'lt-b:1', 'lt-c:1', 'lt-c:2']);
    const pages = [];
    let token: string | undefined;
    do {
      const page = await ec2.send(new DescribeLaunchTemplateVersionsCommand({Versions: ['$Latest'], MaxResults: 2, NextToken: token}));
      pages.push(page.LaunchTemplateVersions?.length);
      token = page.NextToken;
    } while (token);
    expect(pages).toEqual([2, 1]);
    const numbered = await rejectionOf(ec2.send(new DescribeLaunchTemplateVersionsCommand({Versions: ['1']})));
    expect(numbered.name).toBe('MissingParameter');
  });

  it('rejects a duplicate name and reports unknown templates by ID and by name', async () => {
    const data = {LaunchTemplateName: 'masters', LaunchTemplateData: {InstanceType: 't3.medium' as const}};
    const {LaunchTemplate} = await ec2.send(new CreateLaunchTemplateCommand(data));
    const duplicate = await rejectionOf(ec2.send(new CreateLaunchTemplateCommand(data)));
    expect(duplicate.name).toBe('InvalidLaunchTemplateName.AlreadyExistsException');
    await ec2.send(new DeleteLaunchTemplateCommand({LaunchTemplateId: LaunchTemplate?.LaunchTemplateId}));
    const byId = await rejectionOf(ec2.send(new DescribeLaunchTemplatesCommand({LaunchTemplateIds: [LaunchTemplate?.LaunchTemplateId ?? '']})));
    expect(byId.name).toBe('InvalidLaunchTemplateId.NotFound');
    const byName = await rejectionOf(ec2.send(new DescribeLaunchTemplatesCommand({LaunchTemplateNames: ['masters']})));
    expect(byName.name).toBe('InvalidLaunchTemplateName.NotFoundException');
  });
});

describe('instances and volumes', () => {
  it('runs an instance from a launch template: pending, then running, then terminated but still visible', async () => {
    const state = awsState(sim);
    state.configure({settleDelayMs: 60_000, settleAfterDescribes: 1});
    const vpc = state.seed.vpc();
    const subnet = state.seed.subnet({vpcId: vpc.id, cidrBlock: '10.0.32.0/19', availabilityZone: 'us-east-1c'});
    const {LaunchTemplate} = await ec2.send(new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'bastion',
      LaunchTemplateData: {
        ImageId: await newestImage(NOBLE_AMD64),
        InstanceType: 't3.micro',
        BlockDeviceMappings: [{DeviceName: '/dev/sda1', Ebs: {VolumeSize: 20, VolumeType: 'gp3'}}],
        TagSpecifications: [{ResourceType: 'instance', Tags: [{Key: 'Name', Value: 'bastion'}]}],
      },
    }));
    const run = await ec2.send(new RunInstancesCommand({
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnet.id,
      LaunchTemplate: {LaunchTemplateId: LaunchTemplate?.LaunchTemplateId, Version: '$Latest'},
    }));
    const instance = run.Instances?.[0];
    const instanceId = instance?.InstanceId ?? '';
    expect(instance).toMatchObject({State: {Name: 'pending', Code: 0}, InstanceType: 't3.micro', SubnetId: subnet.id, VpcId: vpc.id});
    expect(instance?.PrivateIpAddress).toBe('10.0.32.4');
    expect(instance?.PrivateDnsName).toBe('ip-10-0-32-4.ec2.internal');
    expect(instance?.Tags).toEqual(expect.arrayContaining([
      {Key: 'Name', Value: 'bastion'},
      {Key: 'aws:ec2launchtemplate:id', Value: LaunchTemplate?.LaunchTemplateId},
      {Key: 'aws:ec2launchtemplate:version', Value: '1'},
    ]));

    const states: string[] = [];
    for (let describe = 0; describe < 2; describe += 1) {
      const {Reservations} = await ec2.send(new DescribeInstancesCommand({InstanceIds: [instanceId]}));
      states.push(Reservations?.[0]?.Instances?.[0]?.State?.Name ?? '');
    }
    expect(states).toEqual(['pending', 'running']);

    const {Volumes} = await ec2.send(new DescribeVolumesCommand({Filters: [{Name: 'attachment.instance-id', Values: [instanceId]}]}));
    expect(Volumes?.[0]).toMatchObject({Size: 20, VolumeType: 'gp3', State: 'in-use', AvailabilityZone: 'us-east-1c'});
    const subnetInUse = await rejectionOf(ec2.send(new DeleteSubnetCommand({SubnetId: subnet.id})));
    expect(subnetInUse.name).toBe('DependencyViolation');

    const terminated = await ec2.send(new TerminateInstancesCommand({InstanceIds: [instanceId]}));
    expect(terminated.TerminatingInstances?.[0]).toMatchObject({CurrentState: {Name: 'shutting-down'}, PreviousState: {Name: 'running'}});
    await ec2.send(new DescribeInstancesCommand({InstanceIds: [instanceId]}));
    const {Reservations} = await ec2.send(new DescribeInstancesCommand({Filters: [{Name: 'instance-state-name', Values: ['terminated']}]}));
    expect(Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(instanceId);
    expect((await ec2.send(new DescribeVolumesCommand({}))).Volumes).toEqual([]);
    await ec2.send(new DeleteSubnetCommand({SubnetId: subnet.id}));
  });

  it('forgets terminated instances after the retention time', async () => {
    let now = 0;
    const state = awsState(sim);
    state.configure({now: () => now, settleDelayMs: 10, terminatedRetentionMs: 1000});
    const instance = state.seed.instance({subnetId: state.seed.subnet({vpcId: state.seed.vpc().id, cidrBlock: '10.0.0.0/24'}).id});
    await ec2.send(new TerminateInstancesCommand({InstanceIds: [instance.id]}));
    now += 10;
    expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('terminated');
    now += 1000;
    expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
    const gone = await rejectionOf(ec2.send(new TerminateInstancesCommand({InstanceIds: [instance.id]})));
    expect(gone.name).toBe('InvalidInstanceID.NotFound');
  });

  it('checks the image, key pair and instance profile an instance refers to', async () => {
    const state = awsState(sim);
    const subnet = state.seed.subnet({vpcId: state.seed.vpc().id, cidrBlock: '10.0.0.0/24'});
    const imageId = await newestImage(NOBLE_AMD64);
    const base = {MinCount: 1, MaxCount: 1, SubnetId: subnet.id, ImageId: imageId};
    expect((await rejectionOf(ec2.send(new RunInstancesCommand({...base, ImageId: 'ami-0123456789abcdef0'})))).name).toBe('InvalidAMIID.NotFound');
    expect((await rejectionOf(ec2.send(new RunInstancesCommand({...base, KeyName: 'nobody'})))).name).toBe('InvalidKeyPair.NotFound');
    expect((await rejectionOf(ec2.send(new RunInstancesCommand({...base, IamInstanceProfile: {Name: 'nodes'}})))).name).toBe('InvalidParameterValue');
    state.seed.instanceProfile({name: 'nodes'});
    const {Instances} = await ec2.send(new RunInstancesCommand({...base, IamInstanceProfile: {Name: 'nodes'}}));
    expect(Instances?.[0]?.IamInstanceProfile?.Arn).toBe('arn:aws:iam::123456789012:instance-profile/nodes');
  });

  it('creates, describes and deletes a volume, refusing to delete one in use', async () => {
    const {VolumeId, State} = await ec2.send(new CreateVolumeCommand({
      AvailabilityZone: 'us-east-1a', Size: 20, VolumeType: 'gp3', Encrypted: true,
      TagSpecifications: [{ResourceType: 'volume', Tags: [{Key: 'k8s.io/etcd/main', Value: 'a/a'}]}],
    }));
    expect(State).toBe('available');
    const {Volumes} = await ec2.send(new DescribeVolumesCommand({Filters: [{Name: 'tag-key', Values: ['k8s.io/etcd/main']}]}));
    expect(Volumes?.map((volume) => volume.VolumeId)).toEqual([VolumeId]);
    expect(Volumes?.[0]).toMatchObject({Size: 20, Encrypted: true, Iops: 3000, Throughput: 125});
    await ec2.send(new DeleteVolumeCommand({VolumeId}));
    const gone = await rejectionOf(ec2.send(new DeleteVolumeCommand({VolumeId})));
    expect(gone.name).toBe('InvalidVolume.NotFound');

    const state = awsState(sim);
    const instance = state.seed.instance({subnetId: state.seed.subnet({vpcId: state.seed.vpc().id, cidrBlock: '10.0.0.0/24'}).id});
    const inUse = await rejectionOf(ec2.send(new DeleteVolumeCommand({VolumeId: instance.volumeIds[0]})));
    expect(inUse.name).toBe('VolumeInUse');
  });
});

describe('volume modifications', () => {
  it('grows a volume and changes its type in place, and never shrinks it', async () => {
    const {VolumeId} = await ec2.send(new CreateVolumeCommand({AvailabilityZone: 'us-east-1a', Size: 20, VolumeType: 'gp2'}));
    const {VolumeModification} = await ec2.send(new ModifyVolumeCommand({VolumeId, Size: 40, VolumeType: 'gp3'}));
    expect(VolumeModification).toMatchObject({
      VolumeId,
      ModificationState: 'modifying',
      OriginalSize: 20,
      OriginalVolumeType: 'gp2',
      TargetSize: 40,
      TargetVolumeType: 'gp3',
      TargetIops: 3000,
    });
    const {Volumes} = await ec2.send(new DescribeVolumesCommand({VolumeIds: [VolumeId ?? '']}));
    expect(Volumes?.[0]).toMatchObject({Size: 40, VolumeType: 'gp3', Iops: 3000, Throughput: 125});

    const shrink = await rejectionOf(ec2.send(new ModifyVolumeCommand({VolumeId, Size: 10})));
    expect(shrink.name).toBe('InvalidParameterValue');
    const unknown = await rejectionOf(ec2.send(new ModifyVolumeCommand({VolumeId: 'vol-0123456789abcdef0', Size: 50})));
    expect(unknown.name).toBe('InvalidVolume.NotFound');
  });
});

describe('tags', () => {
  it('creates, filters, pages and deletes tags across resource types', async () => {
    const state = awsState(sim);
    const vpc = state.seed.vpc();
    const subnets = Array.from({length: 60}, (_, index) => state.seed.subnet({vpcId: vpc.id, cidrBlock: `10.0.${index}.0/24`}).id);
    await ec2.send(new CreateTagsCommand({Resources: [vpc.id, ...subnets], Tags: [{Key: 'KubernetesCluster', Value: 'a.example.com'}, {Key: 'team', Value: 'x'}]}));

    const pages: number[] = [];
    for await (const page of paginateDescribeTags({client: ec2, pageSize: 50}, {Filters: [{Name: 'resource-type', Values: ['subnet']}]})) {
      pages.push(page.Tags?.length ?? 0);
    }
    expect(pages).toEqual([50, 50, 20]);
    const vpcTags = await ec2.send(new DescribeTagsCommand({Filters: [{Name: 'resource-id', Values: [vpc.id]}]}));
    expect(vpcTags.Tags?.map((tag) => `${tag.ResourceType}:${tag.Key}=${tag.Value}`).sort()).toEqual(['vpc:KubernetesCluster=a.example.com', 'vpc:team=x']);

    await ec2.send(new DeleteTagsCommand({Resources: [vpc.id], Tags: [{Key: 'team'}]}));
    const {Vpcs} = await ec2.send(new DescribeVpcsCommand({VpcIds: [vpc.id]}));
    expect(Vpcs?.[0]?.Tags).toEqual([{Key: 'KubernetesCluster', Value: 'a.example.com'}]);
    const unknown = await rejectionOf(ec2.send(new CreateTagsCommand({Resources: ['vpc-0123456789abcdef0'], Tags: [{Key: 'a', Value: 'b'}]})));
    expect(unknown.name).toBe('InvalidVpcID.NotFound');
  });
});

import type {protos} from '@google-cloud/compute';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type GceState} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, gceState, link, PROJECT, succeeded, waitFor, type ComputeClients} from './gce-clients.js';

let sim: CloudSim;
let c: ComputeClients;
let state: GceState;

const project = PROJECT;
const zone = 'us-central1-a';
const DEBIAN = 'projects/debian-cloud/global/images/family/debian-12';

beforeEach(async () => {
  sim = await startCloudSim();
  c = computeClients(sim);
  state = gceState(sim);
  state.configure({operationDelayMs: 10, instanceStartMs: 0});
  state.seed.network({name: 'cluster'});
  state.seed.subnetwork({name: 'nodes', network: 'cluster', region: 'us-central1', ipCidrRange: '10.0.0.0/24'});
  state.seed.subnetwork({name: 'nodes-eu', network: 'cluster', region: 'europe-west1', ipCidrRange: '10.0.1.0/24'});
});

afterEach(async () => {
  await c.close();
  await sim.close();
});

function instance(name: string, extra: protos.google.cloud.compute.v1.IInstance = {}): protos.google.cloud.compute.v1.IInstance {
  return {
    name,
    machineType: `zones/${zone}/machineTypes/e2-medium`,
    disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: DEBIAN, diskSizeGb: 20}}],
    networkInterfaces: [{subnetwork: 'regions/us-central1/subnetworks/nodes'}],
    ...extra,
  };
}

describe('Compute instances', () => {
  it('boots PROVISIONING → STAGING → RUNNING, with a boot disk beside it and an address from the subnetwork', async () => {
    let clock = 1_000_000;
    state.configure({now: () => clock, operationDelayMs: 0, instanceStartMs: 10_000});
    await succeeded(c, await c.instances.insert({project, zone, instanceResource: instance('master-a', {
      labels: {'k8s-io-cluster-name': 'a-example-com'},
      metadata: {items: [{key: 'user-data', value: '#cloud-config\n'}]},
      tags: {items: ['master']},
      networkInterfaces: [{subnetwork: 'regions/us-central1/subnetworks/nodes', accessConfigs: [{type: 'ONE_TO_ONE_NAT'}]}],
    })}));
    const status = async () => (await c.instances.get({project, zone, instance: 'master-a'}))[0].status;
    expect(await status()).toBe('PROVISIONING');
    clock += 5_000;
    expect(await status()).toBe('STAGING');
    clock += 5_000;
    expect(await status()).toBe('RUNNING');

    const [vm] = await c.instances.get({project, zone, instance: 'master-a'});
    expect(vm).toMatchObject({
      machineType: link(`zones/${zone}/machineTypes/e2-medium`),
      zone: link(`zones/${zone}`),
      labels: {'k8s-io-cluster-name': 'a-example-com'},
      tags: {items: ['master']},
      metadata: {items: [{key: 'user-data', value: '#cloud-config\n'}]},
    });
    const nic = vm.networkInterfaces?.[0];
    expect(nic).toMatchObject({network: link('global/networks/cluster'), subnetwork: link('regions/us-central1/subnetworks/nodes'), networkIP: '10.0.0.2'});
    expect(nic?.accessConfigs?.[0]?.natIP).toMatch(/^34\.\d+\.\d+\.\d+$/);

    const [boot] = await c.disks.get({project, zone, disk: 'master-a'});
    expect(boot).toMatchObject({status: 'READY', sizeGb: '20', users: [vm.selfLink], sourceImage: 'https://www.googleapis.com/compute/v1/projects/debian-cloud/global/images/debian-12-bookworm-v20251014'});
  });

  it('deletes autoDelete disks with the instance and frees the others, which cannot be deleted while attached', async () => {
    await succeeded(c, await c.disks.insert({project, zone, diskResource: {name: 'etcd-main', sizeGb: '20', type: `zones/${zone}/diskTypes/pd-ssd`, labels: {role: 'etcd'}}}));
    await succeeded(c, await c.instances.insert({project, zone, instanceResource: instance('master-a', {
      disks: [
        {boot: true, autoDelete: true, initializeParams: {sourceImage: DEBIAN}},
        {source: `zones/${zone}/disks/etcd-main`, deviceName: 'etcd'},
      ],
    })}));
    const attached = await rejectionOf(c.disks.delete({project, zone, disk: 'etcd-main'}));
    expect(attached.message).toBe(`The disk resource 'projects/${project}/zones/${zone}/disks/etcd-main' is already being used by 'projects/${project}/zones/${zone}/instances/master-a'`);

    await succeeded(c, await c.instances.delete({project, zone, instance: 'master-a'}));
    const [left] = await c.disks.list({project, zone});
    expect(left.map((disk) => [disk.name, disk.users ?? []])).toEqual([['etcd-main', []]]);
    await succeeded(c, await c.disks.delete({project, zone, disk: 'etcd-main'}));
  });

  it('filters by label and lists every zone at once with aggregatedList, other clusters and unlabelled instances left out', async () => {
    const owned = {'k8s-io-cluster-name': 'a-example-com'};
    state.seed.instance({name: 'a-1', zone: 'us-central1-a', labels: owned, subnetwork: 'nodes'});
    state.seed.instance({name: 'a-2', zone: 'europe-west1-b', labels: owned, subnetwork: 'nodes-eu'});
    state.seed.instance({name: 'b-1', zone: 'us-central1-b', labels: {'k8s-io-cluster-name': 'b-example-com'}, subnetwork: 'nodes'});
    state.seed.instance({name: 'stray', zone: 'us-central1-c', subnetwork: 'nodes'});

    const found: string[] = [];
    const scopes: string[] = [];
    const iterable = c.instances.aggregatedListAsync({project, filter: 'labels.k8s-io-cluster-name = a-example-com'}, {autoPaginate: false});
    for await (const [scope, list] of iterable) {
      scopes.push(scope);
      for (const vm of list.instances ?? []) found.push(`${scope}:${vm.name ?? ''}`);
    }
    expect(found.sort()).toEqual(['zones/europe-west1-b:a-2', 'zones/us-central1-a:a-1']);
    expect(scopes).toContain('zones/us-east1-d');
    expect(sim.requests().filter((entry) => entry.action === 'compute.instances.aggregatedList')).toHaveLength(1);

    const [zonal] = await c.instances.list({project, zone: 'us-central1-b', filter: 'labels.k8s-io-cluster-name:*'});
    expect(zonal.map((vm) => vm.name)).toEqual(['b-1']);
  });

  it('fails the operation, not the call, when the CPU quota would be exceeded', async () => {
    state.configure({cpuQuotaPerRegion: 4});
    const big = (name: string) => instance(name, {machineType: `zones/${zone}/machineTypes/e2-standard-2`});
    await succeeded(c, await c.instances.insert({project, zone, instanceResource: big('n-1')}));
    await succeeded(c, await c.instances.insert({project, zone, instanceResource: big('n-2')}));
    const failed = await waitFor(c, await c.instances.insert({project, zone, instanceResource: big('n-3')}));
    expect(failed).toMatchObject({status: 'DONE', httpErrorStatusCode: 403, error: {errors: [{code: 'QUOTA_EXCEEDED'}]}});
    expect(failed.error?.errors?.[0]?.message).toContain("Quota 'CPUS' exceeded");
    expect((await rejectionOf(c.instances.get({project, zone, instance: 'n-3'}))).code).toBe(5);
    const [region] = await c.regions.get({project, region: 'us-central1'});
    expect(region.quotas).toMatchObject([{metric: 'CPUS', limit: 4, usage: 4}]);
  });

  it('guards metadata, labels and tags with fingerprints (412 for a stale one)', async () => {
    await succeeded(c, await c.instances.insert({project, zone, instanceResource: instance('n-1', {metadata: {items: [{key: 'a', value: '1'}]}})}));
    const [before] = await c.instances.get({project, zone, instance: 'n-1'});
    await succeeded(c, await c.instances.setMetadata({project, zone, instance: 'n-1', metadataResource: {
      fingerprint: before.metadata?.fingerprint, items: [{key: 'a', value: '2'}],
    }}));
    const stale = await rejectionOf(c.instances.setMetadata({project, zone, instance: 'n-1', metadataResource: {
      fingerprint: before.metadata?.fingerprint, items: [{key: 'a', value: '3'}],
    }}));
    expect(stale.code).toBe(9);

    await succeeded(c, await c.instances.setLabels({project, zone, instance: 'n-1', instancesSetLabelsRequestResource: {
      labels: {role: 'node'}, labelFingerprint: before.labelFingerprint,
    }}));
    const [after] = await c.instances.get({project, zone, instance: 'n-1'});
    expect(after.labels).toEqual({role: 'node'});
    expect(after.metadata?.items).toMatchObject([{key: 'a', value: '2'}]);
    const staleLabels = await rejectionOf(c.instances.setLabels({project, zone, instance: 'n-1', instancesSetLabelsRequestResource: {
      labels: {}, labelFingerprint: before.labelFingerprint,
    }}));
    expect(staleLabels.code).toBe(9);
  });

  it('needs a subnetwork in the instance region for a custom mode network', async () => {
    const wrongRegion = await rejectionOf(c.instances.insert({project, zone, instanceResource: instance('n-1', {
      networkInterfaces: [{subnetwork: 'regions/europe-west1/subnetworks/nodes-eu'}],
    })}));
    expect(wrongRegion.code).toBe(3);
    const noSubnet = await rejectionOf(c.instances.insert({project, zone, instanceResource: instance('n-1', {networkInterfaces: [{network: 'global/networks/cluster'}]})}));
    expect(noSubnet.message).toContain('Subnetwork should be specified for custom subnetmode network');
  });
});

describe('Compute instance templates', () => {
  it('stores references as full URLs (a family image stays a family) and cannot be deleted while a group uses it', async () => {
    await succeeded(c, await c.instanceTemplates.insert({project, instanceTemplateResource: {
      name: 'nodes-a-example-com-v1',
      properties: {
        machineType: 'e2-standard-2',
        disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: DEBIAN, diskSizeGb: '64', diskType: 'pd-balanced'}}],
        networkInterfaces: [{network: 'global/networks/cluster', subnetwork: 'regions/us-central1/subnetworks/nodes'}],
        metadata: {items: [{key: 'user-data', value: '#cloud-config\nruncmd: []\n'}]},
        tags: {items: ['a-example-com-k8s-io-role-node']},
        labels: {'k8s-io-cluster-name': 'a-example-com'},
        serviceAccounts: [{email: 'default', scopes: ['https://www.googleapis.com/auth/cloud-platform']}],
      },
    }}));
    const [template] = await c.instanceTemplates.get({project, instanceTemplate: 'nodes-a-example-com-v1'});
    expect(template.properties).toMatchObject({
      machineType: 'e2-standard-2',
      disks: [{boot: true, initializeParams: {sourceImage: `https://www.googleapis.com/compute/v1/${DEBIAN}`}}],
      networkInterfaces: [{network: link('global/networks/cluster'), subnetwork: link('regions/us-central1/subnetworks/nodes')}],
      labels: {'k8s-io-cluster-name': 'a-example-com'},
    });
    expect(template.properties?.metadata?.fingerprint).toBeTruthy();

    await succeeded(c, await c.instanceGroupManagers.insert({project, zone, instanceGroupManagerResource: {
      name: 'nodes', baseInstanceName: 'nodes', instanceTemplate: template.selfLink, targetSize: 0,
    }}));
    const inUse = await rejectionOf(c.instanceTemplates.delete({project, instanceTemplate: 'nodes-a-example-com-v1'}));
    expect(inUse.code).toBe(3);
    expect(inUse.message).toContain(`is already being used by 'projects/${project}/zones/${zone}/instanceGroupManagers/nodes'`);

    const badImage = await rejectionOf(c.instanceTemplates.insert({project, instanceTemplateResource: {
      name: 'bad', properties: {machineType: 'e2-medium', disks: [{boot: true, initializeParams: {sourceImage: 'projects/debian-cloud/global/images/family/debian-99'}}]},
    }}));
    expect(badImage.code).toBe(5);
  });
});

describe('Compute catalog', () => {
  it('serves images by family (the newest build, not a deprecated one), zones, regions and machine types', async () => {
    const [image] = await c.images.getFromFamily({project: 'ubuntu-os-cloud', family: 'ubuntu-2404-lts-amd64'});
    expect(image).toMatchObject({name: 'ubuntu-2404-noble-amd64-v20251021', status: 'READY', architecture: 'X86_64'});
    const [all] = await c.images.list({project: 'ubuntu-os-cloud', filter: 'family = ubuntu-2404-lts-amd64'});
    expect(all.map((entry) => [entry.name, entry.deprecated?.state ?? null])).toEqual([
      ['ubuntu-2404-noble-amd64-v20250930', 'DEPRECATED'],
      ['ubuntu-2404-noble-amd64-v20251021', null],
    ]);

    const [zones] = await c.zones.list({project, filter: 'name eq us-central1-.*'});
    expect(zones.map((entry) => entry.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => `us-central1-${letter}`));
    const [regions] = await c.regions.list({project});
    expect(regions.map((entry) => entry.name)).toEqual(['europe-west1', 'us-central1', 'us-east1']);
    const [type] = await c.machineTypes.get({project, zone, machineType: 'n2-standard-2'});
    expect(type).toMatchObject({guestCpus: 2, memoryMb: 8192, zone});
    expect((await rejectionOf(c.machineTypes.get({project, zone, machineType: 'x9-huge'}))).code).toBe(5);
  });
});

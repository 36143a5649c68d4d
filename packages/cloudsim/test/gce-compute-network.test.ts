import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, gceState, link, PROJECT, succeeded, waitFor, type ComputeClients} from './gce-clients.js';

let sim: CloudSim;
let c: ComputeClients;

beforeEach(async () => {
  sim = await startCloudSim();
  c = computeClients(sim);
  gceState(sim).configure({operationDelayMs: 20});
});

afterEach(async () => {
  await c.close();
  await sim.close();
});

const project = PROJECT;
const region = 'us-central1';

async function customNetwork(name: string): Promise<void> {
  await succeeded(c, await c.networks.insert({project, networkResource: {name, autoCreateSubnetworks: false}}));
}

async function subnetwork(name: string, network: string, ipCidrRange: string, inRegion = region): Promise<void> {
  await succeeded(c, await c.subnetworks.insert({
    project, region: inRegion, subnetworkResource: {name, network: `global/networks/${network}`, ipCidrRange},
  }));
}

describe('Compute networks and subnetworks', () => {
  it('creates a custom mode network and a subnetwork through operations; the network lists its subnetworks', async () => {
    const started = await c.networks.insert({project, networkResource: {name: 'cluster', autoCreateSubnetworks: false, description: 'a.example.com'}});
    const done = await waitFor(c, started);
    expect(done).toMatchObject({status: 'DONE', operationType: 'insert', targetLink: link('global/networks/cluster')});
    expect(done.error).toBeFalsy();

    await subnetwork('cluster-us-central1', 'cluster', '10.0.16.0/20');
    const [subnet] = await c.subnetworks.get({project, region, subnetwork: 'cluster-us-central1'});
    expect(subnet).toMatchObject({
      network: link('global/networks/cluster'),
      ipCidrRange: '10.0.16.0/20',
      gatewayAddress: '10.0.16.1',
      region: link(`regions/${region}`),
      selfLink: link(`regions/${region}/subnetworks/cluster-us-central1`),
    });
    expect(subnet.fingerprint).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect(subnet.id).toMatch(/^\d{19}$/);
    const [network] = await c.networks.get({project, network: 'cluster'});
    expect(network).toMatchObject({autoCreateSubnetworks: false, description: 'a.example.com', subnetworks: [subnet.selfLink]});
  });

  it('gives an auto mode network a subnetwork per region, named after it, that goes away with it', async () => {
    await succeeded(c, await c.networks.insert({project, networkResource: {name: 'auto', autoCreateSubnetworks: true}}));
    const [subnets] = await c.subnetworks.list({project, region: 'us-east1'});
    expect(subnets.map((subnet) => [subnet.name, subnet.ipCidrRange])).toEqual([['auto', '10.142.0.0/20']]);

    await succeeded(c, await c.networks.delete({project, network: 'auto'}));
    const [left] = await c.subnetworks.list({project, region: 'us-east1'});
    expect(left).toEqual([]);
  });

  it('refuses a network without a mode and overlapping subnetwork ranges with 400', async () => {
    const modeless = await rejectionOf(c.networks.insert({project, networkResource: {name: 'legacy'}}));
    expect(modeless.code).toBe(3);
    expect(modeless.message).toContain('autoCreateSubnetworks');

    await customNetwork('cluster');
    await subnetwork('a', 'cluster', '10.0.0.0/20');
    const overlap = await rejectionOf(c.subnetworks.insert({
      project, region: 'europe-west1', subnetworkResource: {name: 'b', network: 'global/networks/cluster', ipCidrRange: '10.0.8.0/24'},
    }));
    expect(overlap.code).toBe(3);
    expect(overlap.message).toContain("conflicts with existing subnetwork 'a'");
  });

  it('will not delete a network its subnetworks and firewalls use (resourceInUseByAnotherResource)', async () => {
    await customNetwork('cluster');
    await subnetwork('nodes', 'cluster', '10.0.0.0/24');
    await succeeded(c, await c.firewalls.insert({project, firewallResource: {name: 'ssh', network: 'global/networks/cluster', allowed: [{IPProtocol: 'tcp', ports: ['22']}]}}));

    const bySubnet = await rejectionOf(c.networks.delete({project, network: 'cluster'}));
    expect(bySubnet.code).toBe(3);
    expect(bySubnet.message).toBe(
      `The network resource 'projects/${project}/global/networks/cluster' is already being used by 'projects/${project}/regions/${region}/subnetworks/nodes'`);

    await succeeded(c, await c.subnetworks.delete({project, region, subnetwork: 'nodes'}));
    const byFirewall = await rejectionOf(c.networks.delete({project, network: 'cluster'}));
    expect(byFirewall.message).toContain('global/firewalls/ssh');

    await succeeded(c, await c.firewalls.delete({project, firewall: 'ssh'}));
    await succeeded(c, await c.networks.delete({project, network: 'cluster'}));
    const [networks] = await c.networks.list({project});
    expect(networks).toEqual([]);
  });

  it('answers a duplicate with 409 alreadyExists and an unknown name with 404 (NOT_FOUND, code 5)', async () => {
    await customNetwork('cluster');
    const duplicate = await rejectionOf(c.networks.insert({project, networkResource: {name: 'cluster', autoCreateSubnetworks: false}}));
    expect(duplicate.code).toBe(10);
    expect(duplicate.message).toBe(`The resource 'projects/${project}/global/networks/cluster' already exists`);

    const missing = await rejectionOf(c.networks.get({project, network: 'nope'}));
    expect(missing.code).toBe(5);
    expect(missing.message).toBe(`The resource 'projects/${project}/global/networks/nope' was not found`);
    const missingRef = await rejectionOf(c.subnetworks.insert({
      project, region, subnetworkResource: {name: 's', network: 'global/networks/nope', ipCidrRange: '10.9.0.0/24'},
    }));
    expect(missingRef.code).toBe(5);
  });
});

describe('Compute firewalls', () => {
  beforeEach(async () => {
    await customNetwork('cluster');
  });

  it('fills Google defaults, patches and replaces rules', async () => {
    await succeeded(c, await c.firewalls.insert({project, firewallResource: {
      name: 'ssh', network: 'global/networks/cluster', allowed: [{IPProtocol: 'tcp', ports: ['22']}], targetTags: ['nodes'],
    }}));
    const [created] = await c.firewalls.get({project, firewall: 'ssh'});
    expect(created).toMatchObject({direction: 'INGRESS', priority: 1000, sourceRanges: ['0.0.0.0/0'], targetTags: ['nodes'], disabled: false});

    await succeeded(c, await c.firewalls.patch({project, firewall: 'ssh', firewallResource: {sourceRanges: ['203.0.113.0/24']}}));
    const [patched] = await c.firewalls.get({project, firewall: 'ssh'});
    expect(patched).toMatchObject({sourceRanges: ['203.0.113.0/24'], allowed: [{IPProtocol: 'tcp', ports: ['22']}], targetTags: ['nodes']});

    await succeeded(c, await c.firewalls.update({project, firewall: 'ssh', firewallResource: {
      name: 'ssh', network: 'global/networks/cluster', allowed: [{IPProtocol: 'tcp', ports: ['443']}], sourceTags: ['bastion'],
    }}));
    const [replaced] = await c.firewalls.get({project, firewall: 'ssh'});
    expect(replaced.allowed).toMatchObject([{IPProtocol: 'tcp', ports: ['443']}]);
    expect(replaced.sourceTags).toEqual(['bastion']);
    expect(replaced.targetTags).toEqual([]);
    expect(replaced.sourceRanges).toEqual([]);
  });

  it('pages 120 firewalls 50 at a time; the client follows nextPageToken through all three pages', async () => {
    const state = gceState(sim);
    for (let i = 0; i < 120; i += 1) state.seed.firewall({name: `rule-${String(i).padStart(3, '0')}`, network: 'cluster'});

    const [first, , firstResponse] = await c.firewalls.list({project, maxResults: 50}, {autoPaginate: false});
    expect(first).toHaveLength(50);
    expect(first[0]?.name).toBe('rule-000');
    const token = firstResponse?.nextPageToken;
    expect(token).toBeTruthy();
    const [second, , secondResponse] = await c.firewalls.list({project, maxResults: 50, pageToken: token}, {autoPaginate: false});
    expect(second[0]?.name).toBe('rule-050');
    const [third, , thirdResponse] = await c.firewalls.list({project, maxResults: 50, pageToken: secondResponse?.nextPageToken}, {autoPaginate: false});
    expect(third).toHaveLength(20);
    expect(thirdResponse?.nextPageToken).toBeFalsy();
    const names = [...first, ...second, ...third].map((rule) => rule.name);
    expect(new Set(names).size).toBe(120);

    const listCalls = () => sim.requests().filter((entry) => entry.action === 'compute.firewalls.list').length;
    const before = listCalls();
    const [all] = await c.firewalls.list({project, maxResults: 50});
    expect(all).toHaveLength(120);
    expect(listCalls() - before).toBe(3);
  });

  it('filters by name with =, != and eq regular expressions', async () => {
    const state = gceState(sim);
    for (const name of ['ssh-a', 'ssh-b', 'api']) state.seed.firewall({name, network: 'cluster'});
    const names = async (filter: string) => (await c.firewalls.list({project, filter}))[0].map((rule) => rule.name);
    expect(await names('name eq ssh-.*')).toEqual(['ssh-a', 'ssh-b']);
    expect(await names('name = "api"')).toEqual(['api']);
    expect(await names('name != api')).toEqual(['ssh-a', 'ssh-b']);
    const malformed = await rejectionOf(c.firewalls.list({project, filter: 'name ='}));
    expect(malformed.code).toBe(3);
  });
});

describe('Compute routers', () => {
  it('keeps Cloud NAT configurations, resolves their subnetworks, and replaces them on patch', async () => {
    await customNetwork('cluster');
    await subnetwork('nodes', 'cluster', '10.0.0.0/24');
    await succeeded(c, await c.routers.insert({project, region, routerResource: {
      name: 'nat-router',
      network: 'global/networks/cluster',
      nats: [{name: 'nat', sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS', subnetworks: [{name: `regions/${region}/subnetworks/nodes`}]}],
    }}));
    const [router] = await c.routers.get({project, region, router: 'nat-router'});
    expect(router.nats?.[0]).toMatchObject({
      name: 'nat',
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetworks: [{name: link(`regions/${region}/subnetworks/nodes`), sourceIpRangesToNat: ['ALL_IP_RANGES']}],
    });

    const inUse = await rejectionOf(c.subnetworks.delete({project, region, subnetwork: 'nodes'}));
    expect(inUse.message).toContain('routers/nat-router');

    await succeeded(c, await c.routers.patch({project, region, router: 'nat-router', routerResource: {
      nats: [{name: 'nat-all', sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES'}],
    }}));
    const [patched] = await c.routers.get({project, region, router: 'nat-router'});
    expect(patched.nats?.map((nat) => nat.name)).toEqual(['nat-all']);

    const badSubnet = await rejectionOf(c.routers.insert({project, region, routerResource: {
      name: 'other', network: 'global/networks/cluster',
      nats: [{name: 'n', sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS', subnetworks: [{name: `regions/${region}/subnetworks/missing`}]}],
    }}));
    expect(badSubnet.code).toBe(5);
  });
});

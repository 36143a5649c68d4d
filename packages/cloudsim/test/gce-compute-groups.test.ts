import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type GceState} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, gceState, link, PROJECT, succeeded, type ComputeClients} from './gce-clients.js';

let sim: CloudSim;
let c: ComputeClients;
let state: GceState;

const project = PROJECT;
const zone = 'us-central1-a';

async function template(name: string, machineType: string, subnetwork = 'regions/us-central1/subnetworks/nodes'): Promise<string> {
  await succeeded(c, await c.instanceTemplates.insert({project, instanceTemplateResource: {name, properties: {
    machineType,
    disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64'}}],
    networkInterfaces: [{subnetwork}],
    metadata: {items: [{key: 'user-data', value: '#cloud-config\n'}]},
    labels: {'k8s-io-cluster-name': 'a-example-com', 'k8s-io-instance-group': 'nodes'},
  }}}));
  return link(`global/instanceTemplates/${name}`);
}

async function group(name: string, targetSize: number, options: {readonly updateType?: string; readonly targetPools?: string[]} = {}): Promise<void> {
  await succeeded(c, await c.instanceGroupManagers.insert({project, zone, instanceGroupManagerResource: {
    name,
    baseInstanceName: name,
    instanceTemplate: 'global/instanceTemplates/v1',
    targetSize,
    ...(options.updateType ? {updatePolicy: {type: options.updateType, minimalAction: 'REPLACE'}} : {}),
    ...(options.targetPools ? {targetPools: options.targetPools} : {}),
  }}));
}

async function managed(name: string) {
  const [instances] = await c.instanceGroupManagers.listManagedInstances({project, zone, instanceGroupManager: name});
  return instances;
}

async function instanceNames(): Promise<string[]> {
  const [instances] = await c.instances.list({project, zone});
  return instances.map((instance) => instance.name ?? '');
}

beforeEach(async () => {
  sim = await startCloudSim();
  c = computeClients(sim);
  state = gceState(sim);
  state.configure({operationDelayMs: 10, instanceStartMs: 0});
  state.seed.network({name: 'cluster'});
  state.seed.subnetwork({name: 'nodes', network: 'cluster', region: 'us-central1', ipCidrRange: '10.0.0.0/24'});
  await template('v1', 'e2-medium');
  await template('v2', 'e2-standard-2');
});

afterEach(async () => {
  await c.close();
  await sim.close();
});

describe('Compute managed instance groups', () => {
  it('creates targetSize instances from the template, named after baseInstanceName, carrying its labels and metadata', async () => {
    await group('nodes', 3);
    const members = await managed('nodes');
    expect(members).toHaveLength(3);
    for (const member of members) {
      expect(member.name).toMatch(/^nodes-[a-z0-9]{4}$/);
      expect(member).toMatchObject({instanceStatus: 'RUNNING', currentAction: 'NONE', version: {instanceTemplate: link('global/instanceTemplates/v1')}});
    }
    const [vm] = await c.instances.get({project, zone, instance: members[0]?.name ?? ''});
    expect(vm.labels).toEqual({'k8s-io-cluster-name': 'a-example-com', 'k8s-io-instance-group': 'nodes'});
    expect(vm.machineType).toBe(link(`zones/${zone}/machineTypes/e2-medium`));
    expect(vm.metadata?.items?.map((item) => item.key)).toEqual(['user-data', 'instance-template', 'created-by']);
    const [manager] = await c.instanceGroupManagers.get({project, zone, instanceGroupManager: 'nodes'});
    expect(manager).toMatchObject({
      targetSize: 3,
      instanceGroup: link(`zones/${zone}/instanceGroups/nodes`),
      currentActions: {none: 3, creating: 0},
      status: {isStable: true, versionTarget: {isReached: true}},
      updatePolicy: {type: 'PROACTIVE'},
    });
    const groups: string[] = [];
    for await (const [scope, list] of c.instanceGroupManagers.aggregatedListAsync({project}, {autoPaginate: false})) {
      for (const found of list.instanceGroupManagers ?? []) groups.push(`${scope}:${found.name ?? ''}`);
    }
    expect(groups).toEqual([`zones/${zone}:nodes`]);
  });

  it('resizes up and down', async () => {
    await group('nodes', 1);
    await succeeded(c, await c.instanceGroupManagers.resize({project, zone, instanceGroupManager: 'nodes', size: 4}));
    expect(await instanceNames()).toHaveLength(4);
    await succeeded(c, await c.instanceGroupManagers.resize({project, zone, instanceGroupManager: 'nodes', size: 2}));
    expect(await instanceNames()).toHaveLength(2);
    expect(await managed('nodes')).toHaveLength(2);
    const bad = await rejectionOf(c.instanceGroupManagers.resize({project, zone, instanceGroupManager: 'nodes', size: -1}));
    expect(bad.code).toBe(3);
  });

  it('leaves instances on the old template after setInstanceTemplate (OPPORTUNISTIC) until recreateInstances replaces them, keeping their names', async () => {
    await group('nodes', 2, {updateType: 'OPPORTUNISTIC'});
    const names = (await managed('nodes')).map((member) => member.name);
    await succeeded(c, await c.instanceGroupManagers.setInstanceTemplate({project, zone, instanceGroupManager: 'nodes',
      instanceGroupManagersSetInstanceTemplateRequestResource: {instanceTemplate: 'global/instanceTemplates/v2'}}));

    const [manager] = await c.instanceGroupManagers.get({project, zone, instanceGroupManager: 'nodes'});
    expect(manager.instanceTemplate).toBe(link('global/instanceTemplates/v2'));
    const outdated = (await managed('nodes')).filter((member) => member.version?.instanceTemplate !== manager.instanceTemplate);
    expect(outdated.map((member) => member.name)).toEqual(names);
    expect(manager.status?.versionTarget?.isReached).toBe(false);

    const [first] = outdated;
    const oldId = first?.id;
    await succeeded(c, await c.instanceGroupManagers.recreateInstances({project, zone, instanceGroupManager: 'nodes',
      instanceGroupManagersRecreateInstancesRequestResource: {instances: [first?.instance ?? '']}}));
    const after = await managed('nodes');
    const replaced = after.find((member) => member.name === first?.name);
    expect(replaced?.version?.instanceTemplate).toBe(link('global/instanceTemplates/v2'));
    expect(replaced?.id).not.toBe(oldId);
    const [vm] = await c.instances.get({project, zone, instance: first?.name ?? ''});
    expect(vm.machineType).toBe(link(`zones/${zone}/machineTypes/e2-standard-2`));
    expect(after.filter((member) => member.version?.instanceTemplate === link('global/instanceTemplates/v1'))).toHaveLength(1);

    const stranger = await rejectionOf(c.instanceGroupManagers.recreateInstances({project, zone, instanceGroupManager: 'nodes',
      instanceGroupManagersRecreateInstancesRequestResource: {instances: [`zones/${zone}/instances/not-a-member`]}}));
    expect(stranger.code).toBe(3);
  });

  it('replaces outdated instances by itself when PROACTIVE (the default), one unavailable at a time', async () => {
    state.configure({instanceStartMs: 1});
    await group('nodes', 3);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await succeeded(c, await c.instanceGroupManagers.setInstanceTemplate({project, zone, instanceGroupManager: 'nodes',
      instanceGroupManagersSetInstanceTemplateRequestResource: {instanceTemplate: 'global/instanceTemplates/v2'}}));
    for (let round = 0; round < 20; round += 1) {
      const members = await managed('nodes');
      expect(members.filter((member) => member.currentAction !== 'NONE').length).toBeLessThanOrEqual(1);
      if (members.every((member) => member.currentAction === 'NONE' && member.version?.instanceTemplate === link('global/instanceTemplates/v2'))) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('the group did not converge on the new template');
  });

  it('deleteInstances deletes and shrinks the group; abandonInstances leaves the instance running outside it', async () => {
    await group('nodes', 3);
    const [gone, detached] = await managed('nodes');
    await succeeded(c, await c.instanceGroupManagers.deleteInstances({project, zone, instanceGroupManager: 'nodes',
      instanceGroupManagersDeleteInstancesRequestResource: {instances: [gone?.instance ?? '']}}));
    await succeeded(c, await c.instanceGroupManagers.abandonInstances({project, zone, instanceGroupManager: 'nodes',
      instanceGroupManagersAbandonInstancesRequestResource: {instances: [detached?.instance ?? '']}}));

    const [manager] = await c.instanceGroupManagers.get({project, zone, instanceGroupManager: 'nodes'});
    expect(manager.targetSize).toBe(1);
    const members = (await managed('nodes')).map((member) => member.name);
    expect(members).toHaveLength(1);
    expect(members).not.toContain(detached?.name);
    const names = await instanceNames();
    expect(names).toContain(detached?.name);
    expect(names).not.toContain(gone?.name);
    expect(names).toHaveLength(2);
  });

  it('recreates a member deleted behind its back (autohealing)', async () => {
    await group('nodes', 2);
    const [victim] = await managed('nodes');
    await succeeded(c, await c.instances.delete({project, zone, instance: victim?.name ?? ''}));
    const members = await managed('nodes');
    expect(members.map((member) => member.name)).toContain(victim?.name);
    const [vm] = await c.instances.get({project, zone, instance: victim?.name ?? ''});
    expect(vm.id).not.toBe(victim?.id);
  });

  it('reports why it cannot create instances (a template for another region) in lastAttempt and stays unstable', async () => {
    state.seed.subnetwork({name: 'nodes-eu', network: 'cluster', region: 'europe-west1', ipCidrRange: '10.0.1.0/24'});
    await template('eu', 'e2-medium', 'regions/europe-west1/subnetworks/nodes-eu');
    await succeeded(c, await c.instanceGroupManagers.insert({project, zone, instanceGroupManagerResource: {
      name: 'wrong', baseInstanceName: 'wrong', instanceTemplate: 'global/instanceTemplates/eu', targetSize: 1,
    }}));
    const [member] = await managed('wrong');
    expect(member).toMatchObject({currentAction: 'CREATING', lastAttempt: {errors: {errors: [{code: 'invalid'}]}}});
    expect(member?.instanceStatus).toBeFalsy();
    const [manager] = await c.instanceGroupManagers.get({project, zone, instanceGroupManager: 'wrong'});
    expect(manager.status?.isStable).toBe(false);
  });

  it('puts its members in its target pools and takes abandoned ones out', async () => {
    await succeeded(c, await c.targetPools.insert({project, region: 'us-central1', targetPoolResource: {name: 'api'}}));
    await group('masters', 2, {targetPools: ['regions/us-central1/targetPools/api']});
    const members = await managed('masters');
    const pool = async () => (await c.targetPools.get({project, region: 'us-central1', targetPool: 'api'}))[0].instances ?? [];
    expect((await pool()).sort()).toEqual(members.map((member) => member.instance).sort());

    await succeeded(c, await c.instanceGroupManagers.abandonInstances({project, zone, instanceGroupManager: 'masters',
      instanceGroupManagersAbandonInstancesRequestResource: {instances: [members[0]?.instance ?? '']}}));
    expect(await pool()).toEqual([members[1]?.instance]);
    const inUse = await rejectionOf(c.targetPools.delete({project, region: 'us-central1', targetPool: 'api'}));
    expect(inUse.message).toContain(`instanceGroupManagers/masters`);
  });

  it('deletes its instances when deleted, after which its template can go too', async () => {
    await group('nodes', 2);
    await succeeded(c, await c.instanceGroupManagers.delete({project, zone, instanceGroupManager: 'nodes'}));
    expect(await instanceNames()).toEqual([]);
    const [disks] = await c.disks.list({project, zone});
    expect(disks).toEqual([]);
    await succeeded(c, await c.instanceTemplates.delete({project, instanceTemplate: 'v1'}));
    expect((await rejectionOf(c.instanceGroupManagers.get({project, zone, instanceGroupManager: 'nodes'}))).code).toBe(5);
  });
});

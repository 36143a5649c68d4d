import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type GceState} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, gceState, link, PROJECT, succeeded, type ComputeClients} from './gce-clients.js';

let sim: CloudSim;
let c: ComputeClients;
let state: GceState;

const project = PROJECT;
const region = 'us-central1';

beforeEach(async () => {
  sim = await startCloudSim();
  c = computeClients(sim);
  state = gceState(sim);
  state.configure({operationDelayMs: 10, instanceStartMs: 0});
  state.seed.network({name: 'cluster'});
  state.seed.subnetwork({name: 'nodes', network: 'cluster', region, ipCidrRange: '10.0.0.0/24'});
});

afterEach(async () => {
  await c.close();
  await sim.close();
});

describe('Compute addresses and forwarding rules', () => {
  it('reserves regional and global addresses; a forwarding rule on one makes it IN_USE until the rule goes', async () => {
    await succeeded(c, await c.addresses.insert({project, region, addressResource: {name: 'api', labels: {'k8s-io-cluster-name': 'a'}}}));
    await succeeded(c, await c.globalAddresses.insert({project, addressResource: {name: 'global-api'}}));
    await succeeded(c, await c.addresses.insert({project, region, addressResource: {name: 'internal', addressType: 'INTERNAL', subnetwork: `regions/${region}/subnetworks/nodes`}}));
    const [api] = await c.addresses.get({project, region, address: 'api'});
    expect(api).toMatchObject({status: 'RESERVED', addressType: 'EXTERNAL', networkTier: 'PREMIUM', region: link(`regions/${region}`)});
    const [internal] = await c.addresses.get({project, region, address: 'internal'});
    expect(internal.address).toBe('10.0.0.2');

    await succeeded(c, await c.targetPools.insert({project, region, targetPoolResource: {name: 'api'}}));
    await succeeded(c, await c.forwardingRules.insert({project, region, forwardingRuleResource: {
      name: 'api', IPAddress: api.address, IPProtocol: 'TCP', portRange: '443', target: `regions/${region}/targetPools/api`, labels: {'k8s-io-cluster-name': 'a'},
    }}));
    const [rule] = await c.forwardingRules.get({project, region, forwardingRule: 'api'});
    expect(rule).toMatchObject({IPAddress: api.address, portRange: '443-443', target: link(`regions/${region}/targetPools/api`), loadBalancingScheme: 'EXTERNAL'});
    const [used] = await c.addresses.get({project, region, address: 'api'});
    expect(used).toMatchObject({status: 'IN_USE', users: [rule.selfLink]});

    const inUse = await rejectionOf(c.addresses.delete({project, region, address: 'api'}));
    expect(inUse.message).toContain('is already being used by');
    const poolInUse = await rejectionOf(c.targetPools.delete({project, region, targetPool: 'api'}));
    expect(poolInUse.code).toBe(3);

    await succeeded(c, await c.forwardingRules.delete({project, region, forwardingRule: 'api'}));
    const [released] = await c.addresses.get({project, region, address: 'api'});
    expect(released.status).toBe('RESERVED');
    await succeeded(c, await c.addresses.delete({project, region, address: 'api'}));
  });

  it('gives a rule without an address an ephemeral one, sets labels by fingerprint and lists rules and addresses of every scope', async () => {
    await succeeded(c, await c.targetPools.insert({project, region, targetPoolResource: {name: 'pool'}}));
    await succeeded(c, await c.forwardingRules.insert({project, region, forwardingRuleResource: {name: 'ephemeral', target: `regions/${region}/targetPools/pool`, portRange: '80-81'}}));
    const [rule] = await c.forwardingRules.get({project, region, forwardingRule: 'ephemeral'});
    expect(rule.IPAddress).toMatch(/^34\./);
    await succeeded(c, await c.forwardingRules.setLabels({project, region, resource: 'ephemeral', regionSetLabelsRequestResource: {
      labels: {'k8s-io-cluster-name': 'a'}, labelFingerprint: rule.labelFingerprint,
    }}));
    const neither = await rejectionOf(c.forwardingRules.insert({project, region, forwardingRuleResource: {name: 'neither', portRange: '80'}}));
    expect(neither.code).toBe(3);

    state.seed.address({name: 'global-one', labels: {'k8s-io-cluster-name': 'a'}});
    state.seed.address({name: 'eu-one', region: 'europe-west1', labels: {'k8s-io-cluster-name': 'b'}});
    const owned: string[] = [];
    for await (const [scope, list] of c.addresses.aggregatedListAsync({project, filter: 'labels.k8s-io-cluster-name = a'}, {autoPaginate: false})) {
      for (const address of list.addresses ?? []) owned.push(`${scope}:${address.name ?? ''}`);
    }
    expect(owned).toEqual(['global:global-one']);
    const rules: string[] = [];
    for await (const [scope, list] of c.forwardingRules.aggregatedListAsync({project, filter: 'labels.k8s-io-cluster-name = a'}, {autoPaginate: false})) {
      for (const found of list.forwardingRules ?? []) rules.push(`${scope}:${found.name ?? ''}`);
    }
    expect(rules).toEqual([`regions/${region}:ephemeral`]);
  });
});

describe('Compute health checks and backend services', () => {
  it('fills health check defaults; a backend service over a group blocks deleting the group and the health check', async () => {
    await succeeded(c, await c.regionHealthChecks.insert({project, region, healthCheckResource: {name: 'api', type: 'TCP', tcpHealthCheck: {port: 443}}}));
    await succeeded(c, await c.healthChecks.insert({project, healthCheckResource: {name: 'http', type: 'HTTP', httpHealthCheck: {port: 8080}}}));
    const [tcp] = await c.regionHealthChecks.get({project, region, healthCheck: 'api'});
    expect(tcp).toMatchObject({type: 'TCP', tcpHealthCheck: {port: 443}, checkIntervalSec: 5, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 2});
    const [http] = await c.healthChecks.get({project, healthCheck: 'http'});
    expect(http.httpHealthCheck).toMatchObject({port: 8080, requestPath: '/'});
    const slow = await rejectionOf(c.healthChecks.insert({project, healthCheckResource: {name: 'slow', type: 'TCP', checkIntervalSec: 5, timeoutSec: 10}}));
    expect(slow.code).toBe(3);

    await succeeded(c, await c.instanceTemplates.insert({project, instanceTemplateResource: {name: 'master', properties: {
      machineType: 'e2-medium',
      disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: 'projects/debian-cloud/global/images/family/debian-12'}}],
      networkInterfaces: [{subnetwork: `regions/${region}/subnetworks/nodes`}],
    }}}));
    await succeeded(c, await c.instanceGroupManagers.insert({project, zone: 'us-central1-a', instanceGroupManagerResource: {
      name: 'master', baseInstanceName: 'master', instanceTemplate: 'global/instanceTemplates/master', targetSize: 1,
    }}));
    await succeeded(c, await c.regionBackendServices.insert({project, region, backendServiceResource: {
      name: 'api', loadBalancingScheme: 'EXTERNAL', protocol: 'TCP',
      healthChecks: [`regions/${region}/healthChecks/api`],
      backends: [{group: 'zones/us-central1-a/instanceGroups/master'}],
    }}));
    const [service] = await c.regionBackendServices.get({project, region, backendService: 'api'});
    expect(service).toMatchObject({
      healthChecks: [link(`regions/${region}/healthChecks/api`)],
      backends: [{group: link('zones/us-central1-a/instanceGroups/master'), balancingMode: 'CONNECTION'}],
    });
    expect(service.fingerprint).toBeTruthy();

    const groupInUse = await rejectionOf(c.instanceGroupManagers.delete({project, zone: 'us-central1-a', instanceGroupManager: 'master'}));
    expect(groupInUse.message).toBe(`The instance_group resource 'projects/${project}/zones/us-central1-a/instanceGroups/master' is already being used by 'projects/${project}/regions/${region}/backendServices/api'`);
    const checkInUse = await rejectionOf(c.regionHealthChecks.delete({project, region, healthCheck: 'api'}));
    expect(checkInUse.code).toBe(3);

    await succeeded(c, await c.forwardingRules.insert({project, region, forwardingRuleResource: {
      name: 'api', backendService: `regions/${region}/backendServices/api`, portRange: '443',
    }}));
    const serviceInUse = await rejectionOf(c.regionBackendServices.delete({project, region, backendService: 'api'}));
    expect(serviceInUse.message).toContain('forwardingRules/api');

    const stale = await rejectionOf(c.regionBackendServices.patch({project, region, backendService: 'api', backendServiceResource: {fingerprint: 'AAAAAAAAAAA=', timeoutSec: 60}}));
    expect(stale.code).toBe(9);
    await succeeded(c, await c.regionBackendServices.patch({project, region, backendService: 'api', backendServiceResource: {fingerprint: service.fingerprint, timeoutSec: 60}}));
  });
});

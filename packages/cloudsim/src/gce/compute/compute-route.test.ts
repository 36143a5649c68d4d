import {describe, expect, it} from 'vitest';
import {computeAction, isMutating, parseComputeRoute} from './compute-route.js';

const P = '/compute/v1/projects/p';

describe('Compute routes', () => {
  it.each([
    ['GET', `${P}/global/networks`, 'compute.networks.list', false],
    ['POST', `${P}/zones/us-east1-b/instances`, 'compute.instances.insert', true],
    ['DELETE', `${P}/regions/us-east1/addresses/api`, 'compute.addresses.delete', true],
    ['POST', `${P}/global/addresses`, 'compute.globalAddresses.insert', true],
    ['PATCH', `${P}/regions/us-east1/healthChecks/api`, 'compute.regionHealthChecks.patch', true],
    ['POST', `${P}/zones/us-east1-b/instanceGroupManagers/g/resize`, 'compute.instanceGroupManagers.resize', true],
    ['POST', `${P}/zones/us-east1-b/instanceGroupManagers/g/listManagedInstances`, 'compute.instanceGroupManagers.listManagedInstances', false],
    ['POST', `${P}/zones/us-east1-b/operations/operation-1/wait`, 'compute.zoneOperations.wait', false],
    ['GET', `${P}/global/operations/operation-1`, 'compute.globalOperations.get', false],
    ['GET', `${P}/aggregated/instances`, 'compute.instances.aggregatedList', false],
    ['GET', '/compute/v1/projects/debian-cloud/global/images/family/debian-12', 'compute.images.getFromFamily', false],
    ['GET', `${P}/zones`, 'compute.zones.list', false],
    ['GET', `${P}/zones/us-east1-b/machineTypes/e2-medium`, 'compute.machineTypes.get', false],
  ])('%s %s is %s (mutating: %s)', (method, path, action, mutating) => {
    const route = parseComputeRoute(path);
    expect(computeAction(route, method)).toBe(action);
    expect(isMutating(route, method)).toBe(mutating);
  });

  it('has no route for paths the API does not have', () => {
    expect(parseComputeRoute(`${P}/elsewhere/networks`)).toBeUndefined();
    expect(parseComputeRoute(`${P}/global/networks/n/method/extra`)).toBeUndefined();
    expect(parseComputeRoute('/storage/v1/b/bucket')).toBeUndefined();
  });
});

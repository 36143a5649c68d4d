import {buildCluster} from '@kopsx/core';
import type {CloudDefaults} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {fillCloudDefaults} from './fill-cloud-defaults.js';

const defaults: CloudDefaults = {controlPlaneMachineType: 'cp.large', nodeMachineType: 'node.medium', bastionMachineType: 'bastion.small', image: 'os-1'};

describe('fillCloudDefaults', () => {
  it("fills each empty machine type with its role's default and every empty image", () => {
    const bundle = buildCluster({name: 'd.k8s.local', cloud: 'x', zones: ['z1'], topology: 'private', bastion: true});
    const filled = fillCloudDefaults(bundle, defaults);
    expect(filled.instanceGroups.map((ig) => [ig.spec.role, ig.spec.machineType, ig.spec.image])).toEqual([
      ['Bastion', 'bastion.small', 'os-1'],
      ['ControlPlane', 'cp.large', 'os-1'],
      ['Node', 'node.medium', 'os-1'],
    ]);
    expect(filled.cluster).toEqual(bundle.cluster);
    expect(bundle.instanceGroups.every((ig) => ig.spec.machineType === undefined)).toBe(true);
  });

  it('keeps what the user chose', () => {
    const bundle = buildCluster({name: 'd.k8s.local', cloud: 'x', zones: ['z1'], nodeSize: 'huge', image: 'my-os'});
    const filled = fillCloudDefaults(bundle, defaults);
    expect(filled.instanceGroups.map((ig) => [ig.spec.machineType, ig.spec.image])).toEqual([
      ['cp.large', 'my-os'],
      ['huge', 'my-os'],
    ]);
  });
});

import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import type {InstanceGroup} from '../model/index.js';
import {nodeLabelsOf} from './node-labels.js';

function group(role: InstanceGroup['spec']['role'], nodeLabels: Record<string, string>): InstanceGroup {
  return {
    apiVersion: 'kops.k8s.io/v1alpha2',
    kind: 'InstanceGroup',
    metadata: {name: 'workers'},
    spec: {role, minSize: 1, maxSize: 1, subnets: ['a'], nodeLabels},
  };
}

describe('nodeLabelsOf', () => {
  it('lets the kubelet set labels outside the protected namespaces and the ones it is allowed there', () => {
    const labels = nodeLabelsOf(
      group('Node', {
        team: 'blue',
        'example.com/tier': 'web',
        'node.kubernetes.io/pool': 'a',
        'topology.kubernetes.io/zone': 'z1',
        'kubelet.kubernetes.io/x': 'y',
      }),
    );
    expect(labels.kubelet).toEqual({
      'example.com/tier': 'web',
      'kubelet.kubernetes.io/x': 'y',
      'node.kubernetes.io/pool': 'a',
      team: 'blue',
      'topology.kubernetes.io/zone': 'z1',
    });
  });

  it('leaves kOps instance-group and role labels, and any other kubernetes.io or k8s.io label, to a control plane', () => {
    const labels = nodeLabelsOf(group('Node', {'node-role.kubernetes.io/worker': '', 'kops.k8s.io/gpu': '1', 'kubernetes.io/role': 'node'}));
    expect(labels.restricted).toEqual({
      'kops.k8s.io/gpu': '1',
      'kops.k8s.io/instancegroup': 'workers',
      'kubernetes.io/role': 'node',
      'node-role.kubernetes.io/worker': '',
    });
    expect(labels.kubelet).toEqual({});
  });

  it('always names the group, overriding a stale value', () => {
    expect(nodeLabelsOf(group('Node', {'kops.k8s.io/instancegroup': 'old'})).restricted).toEqual({'kops.k8s.io/instancegroup': 'workers'});
  });

  it('refuses control-plane labels on workers and bastions, not on control planes', () => {
    for (const key of ['node-role.kubernetes.io/control-plane', 'node-restriction.kubernetes.io/secure']) {
      expect(() => nodeLabelsOf(group('Node', {[key]: ''}))).toThrow(ValidationError);
      expect(() => nodeLabelsOf(group('Bastion', {[key]: ''}))).toThrow(ValidationError);
      expect(nodeLabelsOf(group('ControlPlane', {[key]: ''})).restricted).toHaveProperty([key], '');
    }
  });
});

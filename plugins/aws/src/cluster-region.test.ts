import {buildCluster, ValidationError} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {regionOfCluster} from './cluster-region.js';

describe('regionOfCluster', () => {
  it('takes the region from the zones, and has none when the zones name none', () => {
    const bundle = buildCluster({name: 'r.k8s.local', cloud: 'aws', zones: ['eu-west-1a', 'eu-west-1b']});
    expect(regionOfCluster(bundle)).toBe('eu-west-1');
    const zoneless = {...bundle, cluster: {...bundle.cluster, spec: {...bundle.cluster.spec, subnets: []}}};
    expect(regionOfCluster(zoneless)).toBeUndefined();
  });

  it('refuses zones of several regions', () => {
    const bundle = buildCluster({name: 'r.k8s.local', cloud: 'aws', zones: ['eu-west-1a']});
    const [subnet] = bundle.cluster.spec.subnets;
    if (!subnet) throw new Error('no subnet');
    const spec = {...bundle.cluster.spec, subnets: [subnet, {...subnet, name: 'other', zone: 'us-east-1a'}]};
    expect(() => regionOfCluster({...bundle, cluster: {...bundle.cluster, spec}})).toThrow(ValidationError);
  });
});

import {describe, expect, it} from 'vitest';
import {
  apiLoadBalancingNames,
  clusterOfApiLoadBalancing,
  clusterOfIamPath,
  clusterScopedName,
  elbName,
  iamName,
  iamPath,
  partitionOf,
  regionOfZone,
  unscopedName,
} from './names.js';

describe('AWS names', () => {
  it('keeps load balancer names within 32 characters and different for clusters that differ after the cut', () => {
    const a = elbName('api', 'a-very-long-cluster-name-number-one.example.com');
    const b = elbName('api', 'a-very-long-cluster-name-number-two.example.com');
    expect(a.length).toBeLessThanOrEqual(32);
    expect(a).toMatch(/^api-a-very-long-[a-z0-9-]+$/);
    expect(a).not.toBe(b);
    expect(elbName('api', 'c.example.com')).toBe(elbName('api', 'c.example.com'));
  });

  it('cuts IAM names to 64 characters, keeping short ones as they are', () => {
    expect(iamName('nodes.c.example.com')).toBe('nodes.c.example.com');
    const long = iamName(`control-plane.${'x'.repeat(80)}.example.com`);
    expect(long.length).toBe(64);
  });

  it('maps zones to regions and regions to partitions', () => {
    expect(regionOfZone('us-east-1a')).toBe('us-east-1');
    expect(regionOfZone('us-west-2-lax-1a')).toBe('us-west-2');
    expect(regionOfZone('us-gov-west-1a')).toBe('us-gov-west-1');
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('eu-west-1')).toBe('aws');
  });

  it('reads the cluster back from its IAM path and its load balancer\'s names, and the group from its resources\'', () => {
    expect(clusterOfIamPath(iamPath('c.example.com'))).toBe('c.example.com');
    const {resource} = apiLoadBalancingNames('c.example.com');
    expect(clusterOfApiLoadBalancing(resource)).toBe('c.example.com');
    expect(clusterOfApiLoadBalancing(`${resource}:443`)).toBe('c.example.com');
    expect(unscopedName(clusterScopedName('nodes-us-east-1a', 'c.example.com'), 'c.example.com')).toBe('nodes-us-east-1a');
  });
});

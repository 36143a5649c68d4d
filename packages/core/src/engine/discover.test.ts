import {describe, expect, it} from 'vitest';
import type {HandlerContext} from '../provider/index.js';
import {discover} from './discover.js';
import {DiscoveryError} from './errors.js';
import {FakeCloud} from './testing/fake-cloud.js';

function context(log: string[] = []): HandlerContext {
  return {clusterName: 'test.k8s.local', signal: new AbortController().signal, log: (m) => log.push(m)};
}

const kinds = {network: {latencyMs: 20}, subnet: {latencyMs: 20}, route: {latencyMs: 20}, group: {latencyMs: 20}};

describe('discover', () => {
  it('lists every kind exactly once and indexes what it finds by key and by kind', async () => {
    const cloud = new FakeCloud(kinds);
    const network = cloud.seed({kind: 'network', name: 'main'});
    const a = cloud.seed({kind: 'subnet', name: 'a'});
    const b = cloud.seed({kind: 'subnet', name: 'b'});
    const inventory = await discover(cloud.connection(), context());
    expect(cloud.callsOf('list').map((c) => c.kind).sort()).toEqual(['group', 'network', 'route', 'subnet']);
    expect(inventory.get('network/main')).toEqual(network);
    expect(inventory.ofKind('subnet')).toEqual([a, b]);
    expect(inventory.ofKind('route')).toEqual([]);
  });

  it('lists kinds in parallel, no more at once than asked', async () => {
    const cloud = new FakeCloud(kinds);
    await discover(cloud.connection(), context(), {concurrency: 2});
    expect(cloud.maxInFlight).toBe(2);
  });

  it('retries a throttled list and logs why', async () => {
    const cloud = new FakeCloud(kinds);
    cloud.failCalls({op: 'list', kind: 'subnet', errorClass: 'throttled', times: 2});
    const log: string[] = [];
    await discover(cloud.connection(), context(log), {retry: {baseDelayMs: 1, maxDelayMs: 2}});
    expect(cloud.callsOf('list').filter((c) => c.kind === 'subnet')).toHaveLength(3);
    expect(log).toEqual([
      'retrying list of subnet (attempt 2): injected throttled error on list subnet/',
      'retrying list of subnet (attempt 3): injected throttled error on list subnet/',
    ]);
  });

  it('fails with the kind that could not be listed', async () => {
    const cloud = new FakeCloud(kinds);
    cloud.failCalls({op: 'list', kind: 'route', errorClass: 'fatal'});
    const error = await discover(cloud.connection(), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).kind).toBe('route');
    expect((error as DiscoveryError).message).toBe(
      "could not list the cluster's route resources: injected fatal error on list route/",
    );
  });
});

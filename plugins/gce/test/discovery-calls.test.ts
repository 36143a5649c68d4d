import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openClusterStore} from './cluster-store.js';
import type {ClusterStore} from './cluster-store.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

describe('the API calls of a preview', () => {
  let fx: SimFixture;
  let clusters: ClusterStore;
  beforeAll(async () => {
    fx = await startSimFixture();
    clusters = await openClusterStore(fx);
    await fx.dns.createZone('example-com', {dnsName: 'example.com.', description: 'calls test'});
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** The calls one preview makes, by action, and the number of resources it plans. */
  async function measuredPreview(name: string) {
    const before = fx.sim.requests().length;
    const plan = await clusters.plan(name);
    const calls = fx.sim.requests().slice(before);
    const byAction: Record<string, number> = {};
    for (const {action} of calls) byAction[action] = (byAction[action] ?? 0) + 1;
    return {calls: calls.length, byAction, resources: plan.desired.length, changes: plan.changes.length};
  }

  it('lists each kind once, so that a preview costs as many calls for a large cluster as for a small one', async () => {
    await clusters.create({name: 'small.example.com', dnsZone: 'example.com', topology: 'private'});
    const zones = ['us-central1-a', 'us-central1-b', 'us-central1-c'];
    await clusters.create({name: 'large.example.com', dnsZone: 'example.com', zones, controlPlaneCount: 3, topology: 'private', nodeCount: 6});
    await clusters.update('small.example.com');
    await clusters.update('large.example.com');

    const small = await measuredPreview('small.example.com');
    const large = await measuredPreview('large.example.com');
    expect([small.changes, large.changes]).toEqual([0, 0]);
    expect(large.resources).toBeGreaterThan(small.resources + 10);
    expect(large.calls).toBe(small.calls);
    // One listing per kind (Cloud DNS: the zones, then the records of the zone that holds the names), paged.
    expect(Object.entries(large.byAction).filter(([, count]) => count > 1)).toEqual([]);
    expect(large.calls).toBeLessThanOrEqual(15);
  }, 60_000);
});

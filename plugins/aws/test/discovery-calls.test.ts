import {CreateHostedZoneCommand, Route53Client} from '@aws-sdk/client-route-53';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openClusterStore} from './cluster-store.js';
import type {ClusterStore} from './cluster-store.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

/** What issue 3 promises for a preview: a fraction of a call per resource, whatever the cluster's size. */
const MAX_CALLS_PER_RESOURCE = 0.25;

describe('the API calls of a preview', () => {
  let fx: SimFixture;
  let clusters: ClusterStore;
  beforeAll(async () => {
    fx = await startSimFixture();
    clusters = await openClusterStore(fx);
    await new Route53Client(fx.clientConfig).send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'calls-test'}));
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

  it('stays under a quarter of a call per resource for a 3-zone private cluster with 3 control planes, before and after it exists', async () => {
    const name = 'calls.example.com';
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    await clusters.create({name, dnsZone: 'example.com', zones, controlPlaneCount: 3, topology: 'private'});

    const fresh = await measuredPreview(name);
    expect(fresh.changes).toBe(fresh.resources - 2); // everything but the shared image and hosted zone
    expect(fresh.calls / fresh.resources).toBeLessThanOrEqual(MAX_CALLS_PER_RESOURCE);

    await clusters.update(name);
    const existing = await measuredPreview(name);
    expect(existing.changes).toBe(0);
    expect(existing.resources).toBeGreaterThanOrEqual(75);
    expect(existing.calls / existing.resources, JSON.stringify(existing.byAction)).toBeLessThanOrEqual(MAX_CALLS_PER_RESOURCE);
    // One listing per kind at most, never one call per resource: no action is repeated.
    expect(Object.entries(existing.byAction).filter(([, count]) => count > 1)).toEqual([]);
  }, 60_000);
});

/**
 * Cluster shapes through the built CLI on the AWS simulator: public and private topology, one and three
 * control planes, gossip (`.k8s.local`, no DNS at all) and a Route53 zone. Each is built, converges (a second
 * preview finds nothing), and is deleted without leaving anything behind.
 */
import type {SimResource} from '@kopsx/cloudsim';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {awsState, clusterResources, IPV4_ACCESS, startAwsWorld} from './support/aws-world.js';
import type {AwsWorld} from './support/aws-world.js';
import {AWS_PLUGIN_DIR, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';

interface Shape {
  readonly title: string;
  readonly name: string;
  readonly flags: readonly string[];
  readonly controlPlanes: number;
  readonly zones: number;
  readonly topology: 'public' | 'private';
  /** The Route53 zone the API records go to; none for gossip. */
  readonly dnsZone?: string;
}

const shapes: Shape[] = [
  {
    title: 'public topology, 1 control plane, gossip',
    name: 'public.k8s.local',
    flags: ['--zones', 'us-east-1a'],
    controlPlanes: 1,
    zones: 1,
    topology: 'public',
  },
  {
    title: 'private topology, 3 control planes, Route53 DNS',
    name: 'private.example.com',
    flags: ['--zones', 'us-east-1a,us-east-1b,us-east-1c', '--control-plane-count', '3', '--node-count', '1', '--topology', 'private', '--dns-zone', 'example.com'],
    controlPlanes: 3,
    zones: 3,
    topology: 'private',
    dnsZone: 'example.com',
  },
];

let plugins: LinkedPlugins;
let world: AwsWorld;

beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
  world = await startAwsWorld(plugins);
  awsState(world.sim).seed.hostedZone({name: 'example.com'});
});
afterAll(async () => {
  await world?.close();
  plugins?.remove();
});

const kinds = (resources: readonly SimResource[], kind: string) => resources.filter((r) => r.kind === kind);

describe.each(shapes)('$title', (shape) => {
  let firstRequest = 0;
  let before: SimResource[] = [];
  let built: SimResource[] = [];

  beforeAll(async () => {
    firstRequest = world.sim.requests().length;
    before = world.sim.resources();
    await world.user.ok(['create', 'cluster', shape.name, '--cloud', 'aws', ...shape.flags, ...IPV4_ACCESS]);
    await world.user.ok(['update', 'cluster', shape.name, '--yes']);
    built = clusterResources(world.sim, shape.name);
  });

  it('converges: a second preview finds nothing to change', async () => {
    expect(await world.user.ok(['update', 'cluster', shape.name])).toBe('No changes need to be applied\n');
  });

  it(`runs ${shape.controlPlanes} control plane(s) and the network of a ${shape.topology} topology`, () => {
    const instances = kinds(built, 'ec2:instance');
    expect(instances.filter((i) => i.tags['k8s.io/role/control-plane'] === '1')).toHaveLength(shape.controlPlanes);
    // Private: a private and a utility subnet per zone, and one NAT gateway per zone for the private ones.
    expect(kinds(built, 'ec2:subnet')).toHaveLength(shape.topology === 'private' ? 2 * shape.zones : shape.zones);
    expect(kinds(built, 'ec2:nat-gateway')).toHaveLength(shape.topology === 'private' ? shape.zones : 0);
    expect(kinds(built, 'elbv2:loadbalancer')).toHaveLength(1);
  });

  if (shape.dnsZone) {
    it('publishes api and api.internal records in the DNS zone', () => {
      const records = kinds(built, 'route53:recordset').map((r) => r.name);
      expect(records).toEqual(expect.arrayContaining([`api.${shape.name}.`, `api.internal.${shape.name}.`]));
    });
  } else {
    it('never calls Route53', () => {
      const dns = world.sim.requests().slice(firstRequest).filter((r) => r.service === 'route53');
      expect(dns).toEqual([]);
    });
  }

  it('delete cluster --yes leaves nothing of it', async () => {
    await world.user.ok(['delete', 'cluster', shape.name, '--yes']);
    // Terminated instances (and the volumes that go with them) take a moment to leave the listing, as on AWS.
    await vi.waitFor(() => expect(world.sim.resources()).toEqual(before), {timeout: 15_000, interval: 250});
    expect(clusterResources(world.sim, shape.name)).toEqual([]);
    if (!shape.dnsZone) expect(world.sim.requests().slice(firstRequest).filter((r) => r.service === 'route53')).toEqual([]);
  });
});

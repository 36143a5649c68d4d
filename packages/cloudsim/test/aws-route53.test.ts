import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let route53: Route53Client;

beforeEach(async () => {
  sim = await startCloudSim();
  route53 = awsClients(sim).route53;
});

afterEach(async () => {
  await sim.close();
});

async function createZone(name: string): Promise<string> {
  const {HostedZone} = await route53.send(new CreateHostedZoneCommand({Name: name, CallerReference: `${name}-${Date.now()}`}));
  return HostedZone?.Id ?? '';
}

function change(zoneId: string, ...changes: Change[]) {
  return route53.send(new ChangeResourceRecordSetsCommand({HostedZoneId: zoneId, ChangeBatch: {Changes: changes}}));
}

const aRecord = (action: 'CREATE' | 'UPSERT' | 'DELETE', name: string, ip: string): Change => ({
  Action: action,
  ResourceRecordSet: {Name: name, Type: 'A', TTL: 60, ResourceRecords: [{Value: ip}]},
});

describe('hosted zones', () => {
  it('creates a zone with its SOA and NS records and name servers', async () => {
    const created = await route53.send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'ref-1', HostedZoneConfig: {Comment: 'kopsx'}}));
    expect(created.HostedZone).toMatchObject({Name: 'example.com.', Config: {Comment: 'kopsx', PrivateZone: false}, ResourceRecordSetCount: 2});
    expect(created.HostedZone?.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]{20}$/);
    expect(created.ChangeInfo?.Status).toBe('PENDING');
    expect(created.DelegationSet?.NameServers).toHaveLength(4);

    const fetched = await route53.send(new GetHostedZoneCommand({Id: created.HostedZone?.Id}));
    expect(fetched.DelegationSet?.NameServers).toEqual(created.DelegationSet?.NameServers);
    const {ResourceRecordSets} = await route53.send(new ListResourceRecordSetsCommand({HostedZoneId: created.HostedZone?.Id}));
    expect(ResourceRecordSets?.map((record) => record.Type)).toEqual(['NS', 'SOA']);

    const duplicate = await rejectionOf(route53.send(new CreateHostedZoneCommand({Name: 'example.org', CallerReference: 'ref-1'})));
    expect(duplicate.name).toBe('HostedZoneAlreadyExists');
  });

  it('finds zones by name in Route53 order', async () => {
    await createZone('b.example.com');
    await createZone('example.org');
    await createZone('a.example.com');
    const {HostedZones} = await route53.send(new ListHostedZonesByNameCommand({}));
    expect(HostedZones?.map((zone) => zone.Name)).toEqual(['a.example.com.', 'b.example.com.', 'example.org.']);
    const fromB = await route53.send(new ListHostedZonesByNameCommand({DNSName: 'b.example.com', MaxItems: 1}));
    expect(fromB).toMatchObject({IsTruncated: true, NextDNSName: 'example.org.'});
    expect(fromB.HostedZones?.map((zone) => zone.Name)).toEqual(['b.example.com.']);
  });

  it('refuses to delete a zone with records, and reports unknown zones', async () => {
    const zoneId = await createZone('example.com');
    await change(zoneId, aRecord('CREATE', 'api.example.com', '1.2.3.4'));
    const notEmpty = await rejectionOf(route53.send(new DeleteHostedZoneCommand({Id: zoneId})));
    expect(notEmpty.name).toBe('HostedZoneNotEmpty');
    await change(zoneId, aRecord('DELETE', 'api.example.com', '1.2.3.4'));
    await route53.send(new DeleteHostedZoneCommand({Id: zoneId}));
    const gone = await rejectionOf(route53.send(new GetHostedZoneCommand({Id: zoneId})));
    expect(gone.name).toBe('NoSuchHostedZone');
    expect(gone.$metadata).toMatchObject({httpStatusCode: 404});
  });
});

describe('record sets', () => {
  it('creates, upserts and lists records, including an alias to a load balancer', async () => {
    const zoneId = await createZone('a.example.com');
    const {ChangeInfo} = await route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Comment: 'kopsx',
        Changes: [
          aRecord('CREATE', 'api.internal.a.example.com', '10.0.0.4'),
          {Action: 'CREATE', ResourceRecordSet: {
            Name: 'api.a.example.com', Type: 'A',
            AliasTarget: {HostedZoneId: 'Z26RNL4JYFTOTI', DNSName: 'api-0123456789abcdef.elb.us-east-1.amazonaws.com', EvaluateTargetHealth: false},
          }},
          {Action: 'CREATE', ResourceRecordSet: {Name: '*.apps.a.example.com', Type: 'CNAME', TTL: 300, ResourceRecords: [{Value: 'api.a.example.com'}]}},
        ],
      },
    }));
    expect(ChangeInfo?.Status).toBe('PENDING');
    const submitted = await route53.send(new GetChangeCommand({Id: ChangeInfo?.Id}));
    expect(submitted.ChangeInfo?.Status).toBe('INSYNC');

    await change(zoneId, aRecord('UPSERT', 'api.internal.a.example.com', '10.0.0.5'));
    const {ResourceRecordSets} = await route53.send(new ListResourceRecordSetsCommand({HostedZoneId: zoneId}));
    expect(ResourceRecordSets?.map((record) => `${record.Name} ${record.Type}`)).toEqual([
      'a.example.com. NS',
      'a.example.com. SOA',
      'api.a.example.com. A',
      '\\052.apps.a.example.com. CNAME',
      'api.internal.a.example.com. A',
    ]);
    const internal = ResourceRecordSets?.find((record) => record.Name === 'api.internal.a.example.com.');
    expect(internal?.ResourceRecords).toEqual([{Value: '10.0.0.5'}]);
    const alias = ResourceRecordSets?.find((record) => record.Name === 'api.a.example.com.');
    expect(alias?.AliasTarget).toEqual({HostedZoneId: 'Z26RNL4JYFTOTI', DNSName: 'api-0123456789abcdef.elb.us-east-1.amazonaws.com.', EvaluateTargetHealth: false});
  });

  it('rejects a whole batch with InvalidChangeBatch when one change conflicts', async () => {
    const zoneId = await createZone('example.com');
    await change(zoneId, aRecord('CREATE', 'api.example.com', '1.2.3.4'));
    const conflict = await rejectionOf(route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {Changes: [aRecord('CREATE', 'new.example.com', '1.1.1.1'), aRecord('CREATE', 'api.example.com', '5.6.7.8')]},
    })));
    expect(conflict.name).toBe('InvalidChangeBatch');
    expect(conflict.message).toContain("Tried to create resource record set [name='api.example.com.', type='A'] but it already exists");
    const missing = await rejectionOf(change(zoneId, aRecord('DELETE', 'old.example.com', '1.1.1.1')));
    expect(missing.message).toContain('but it was not found');
    const outside = await rejectionOf(change(zoneId, aRecord('CREATE', 'api.example.org', '1.1.1.1')));
    expect(outside.message).toContain('is not permitted in zone example.com.');

    const {ResourceRecordSets} = await route53.send(new ListResourceRecordSetsCommand({HostedZoneId: zoneId}));
    expect(ResourceRecordSets?.map((record) => record.Name)).not.toContain('new.example.com.');
  });

  it('pages records with maxitems and the next name and type', async () => {
    const zone = awsState(sim).seed.hostedZone({name: 'example.com'});
    const changes = Array.from({length: 5}, (_, index) => aRecord('CREATE', `node-${index}.example.com`, `10.0.0.${index}`));
    await route53.send(new ChangeResourceRecordSetsCommand({HostedZoneId: zone.id, ChangeBatch: {Changes: changes}}));
    const first = await route53.send(new ListResourceRecordSetsCommand({HostedZoneId: zone.id, MaxItems: 3}));
    expect(first).toMatchObject({IsTruncated: true, NextRecordName: 'node-1.example.com.', NextRecordType: 'A'});
    const second = await route53.send(new ListResourceRecordSetsCommand({
      HostedZoneId: zone.id, MaxItems: 3, StartRecordName: first.NextRecordName, StartRecordType: first.NextRecordType,
    }));
    expect(second.ResourceRecordSets?.map((record) => record.Name)).toEqual(['node-1.example.com.', 'node-2.example.com.', 'node-3.example.com.']);
  });
});

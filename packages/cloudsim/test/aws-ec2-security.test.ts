import {createHash, generateKeyPairSync, type KeyObject} from 'node:crypto';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  ImportKeyPairCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let ec2: EC2Client;
let vpcId: string;

beforeEach(async () => {
  sim = await startCloudSim();
  ec2 = awsClients(sim).ec2;
  vpcId = awsState(sim).seed.vpc().id;
});

afterEach(async () => {
  await sim.close();
});

async function createGroup(name: string): Promise<string> {
  const {GroupId} = await ec2.send(new CreateSecurityGroupCommand({GroupName: name, Description: `${name} group`, VpcId: vpcId}));
  return GroupId ?? '';
}

describe('security groups', () => {
  it('authorizes CIDR and group rules, lists them with rule IDs and revokes them by ID', async () => {
    const nodes = await createGroup('nodes');
    const masters = await createGroup('masters');
    const {SecurityGroupRules: added} = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: masters,
      IpPermissions: [
        {IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{CidrIp: '0.0.0.0/0', Description: 'kubernetes API'}]},
        {IpProtocol: '-1', UserIdGroupPairs: [{GroupId: nodes}]},
      ],
    }));
    expect(added).toHaveLength(2);
    expect(added?.[0]?.SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);

    const {SecurityGroups} = await ec2.send(new DescribeSecurityGroupsCommand({GroupIds: [masters]}));
    expect(SecurityGroups?.[0]?.IpPermissions).toEqual(expect.arrayContaining([
      expect.objectContaining({IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{CidrIp: '0.0.0.0/0', Description: 'kubernetes API'}]}),
      expect.objectContaining({IpProtocol: '-1', UserIdGroupPairs: [expect.objectContaining({GroupId: nodes})]}),
    ]));
    expect(SecurityGroups?.[0]?.IpPermissionsEgress?.[0]).toMatchObject({IpProtocol: '-1', IpRanges: [{CidrIp: '0.0.0.0/0'}]});

    const {SecurityGroupRules} = await ec2.send(new DescribeSecurityGroupRulesCommand({Filters: [{Name: 'group-id', Values: [masters]}]}));
    const ingress = SecurityGroupRules?.filter((rule) => !rule.IsEgress) ?? [];
    expect(ingress.map((rule) => rule.SecurityGroupRuleId).sort()).toEqual(added?.map((rule) => rule.SecurityGroupRuleId).sort());

    await ec2.send(new RevokeSecurityGroupIngressCommand({GroupId: masters, SecurityGroupRuleIds: [added?.[0]?.SecurityGroupRuleId ?? '']}));
    const after = await ec2.send(new DescribeSecurityGroupRulesCommand({Filters: [{Name: 'group-id', Values: [masters]}]}));
    expect(after.SecurityGroupRules?.filter((rule) => !rule.IsEgress)).toHaveLength(1);
  });

  it('keeps IPv6 ranges as rules of their own, with rule IDs, and revokes them by ID or by range', async () => {
    const api = await createGroup('api');
    const https = {IpProtocol: 'tcp', FromPort: 443, ToPort: 443};
    const {SecurityGroupRules: added} = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: api,
      IpPermissions: [{...https, IpRanges: [{CidrIp: '0.0.0.0/0'}], Ipv6Ranges: [{CidrIpv6: '::/0', Description: 'anywhere, IPv6'}]}],
    }));
    const ipv6 = added?.find((rule) => rule.CidrIpv6);
    expect(added).toHaveLength(2);
    expect(ipv6).toMatchObject({CidrIpv6: '::/0', IsEgress: false, FromPort: 443, SecurityGroupRuleId: expect.stringMatching(/^sgr-/)});
    expect(ipv6?.CidrIpv4).toBeUndefined();

    const {SecurityGroups} = await ec2.send(new DescribeSecurityGroupsCommand({GroupIds: [api]}));
    expect(SecurityGroups?.[0]?.IpPermissions).toEqual([
      expect.objectContaining({...https, IpRanges: [{CidrIp: '0.0.0.0/0'}], Ipv6Ranges: [{CidrIpv6: '::/0', Description: 'anywhere, IPv6'}]}),
    ]);
    const duplicate = await rejectionOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: api,
      IpPermissions: [{...https, Ipv6Ranges: [{CidrIpv6: '::/0'}]}],
    })));
    expect(duplicate.name).toBe('InvalidPermission.Duplicate');

    await ec2.send(new RevokeSecurityGroupIngressCommand({GroupId: api, SecurityGroupRuleIds: [ipv6?.SecurityGroupRuleId ?? '']}));
    await ec2.send(new AuthorizeSecurityGroupEgressCommand({GroupId: api, IpPermissions: [{IpProtocol: '-1', Ipv6Ranges: [{CidrIpv6: '::/0'}]}]}));
    await ec2.send(new RevokeSecurityGroupEgressCommand({GroupId: api, IpPermissions: [{IpProtocol: '-1', Ipv6Ranges: [{CidrIpv6: '::/0'}]}]}));
    const {SecurityGroupRules} = await ec2.send(new DescribeSecurityGroupRulesCommand({Filters: [{Name: 'group-id', Values: [api]}]}));
    expect(SecurityGroupRules?.filter((rule) => rule.CidrIpv6)).toEqual([]);
    const missing = await rejectionOf(ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: api,
      IpPermissions: [{...https, Ipv6Ranges: [{CidrIpv6: '::/0'}]}],
    })));
    expect(missing.name).toBe('InvalidPermission.NotFound');
  });

  it('tags rules by their sgr- ID and finds them by tag', async () => {
    const api = await createGroup('api');
    const {SecurityGroupRules: added} = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: api,
      IpPermissions: [{IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{CidrIp: '10.0.0.0/8'}]}],
    }));
    const ruleId = added?.[0]?.SecurityGroupRuleId ?? '';
    await ec2.send(new CreateTagsCommand({Resources: [ruleId], Tags: [{Key: 'Name', Value: 'api:tcp-443'}]}));

    const byTag = await ec2.send(new DescribeSecurityGroupRulesCommand({Filters: [{Name: 'tag:Name', Values: ['api:tcp-443']}]}));
    expect(byTag.SecurityGroupRules?.map((rule) => rule.SecurityGroupRuleId)).toEqual([ruleId]);
    expect(byTag.SecurityGroupRules?.[0]?.Tags).toEqual([{Key: 'Name', Value: 'api:tcp-443'}]);
    const {Tags} = await ec2.send(new DescribeTagsCommand({Filters: [{Name: 'resource-id', Values: [ruleId]}]}));
    expect(Tags).toEqual([{ResourceId: ruleId, ResourceType: 'security-group-rule', Key: 'Name', Value: 'api:tcp-443'}]);
    const unknown = await rejectionOf(ec2.send(new CreateTagsCommand({Resources: ['sgr-0123456789abcdef0'], Tags: [{Key: 'a', Value: 'b'}]})));
    expect(unknown.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('rejects duplicate rules and duplicate group names', async () => {
    const group = await createGroup('api');
    const rule = {GroupId: group, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8'};
    await ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
    const duplicateRule = await rejectionOf(ec2.send(new AuthorizeSecurityGroupIngressCommand(rule)));
    expect(duplicateRule.name).toBe('InvalidPermission.Duplicate');
    const duplicateGroup = await rejectionOf(createGroup('api'));
    expect(duplicateGroup.name).toBe('InvalidGroup.Duplicate');
    const missingRule = await rejectionOf(ec2.send(new RevokeSecurityGroupIngressCommand({...rule, FromPort: 23, ToPort: 23})));
    expect(missingRule.name).toBe('InvalidPermission.NotFound');
  });

  it('refuses to delete a group another group refers to, and the default group', async () => {
    const nodes = await createGroup('nodes');
    const masters = await createGroup('masters');
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: masters,
      IpPermissions: [{IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{GroupId: nodes}]}],
    }));

    const referenced = await rejectionOf(ec2.send(new DeleteSecurityGroupCommand({GroupId: nodes})));
    expect(referenced.name).toBe('DependencyViolation');
    await ec2.send(new DeleteSecurityGroupCommand({GroupId: masters}));
    await ec2.send(new DeleteSecurityGroupCommand({GroupId: nodes}));

    const {SecurityGroups} = await ec2.send(new DescribeSecurityGroupsCommand({Filters: [{Name: 'group-name', Values: ['default']}]}));
    const defaultGroup = await rejectionOf(ec2.send(new DeleteSecurityGroupCommand({GroupId: SecurityGroups?.[0]?.GroupId})));
    expect(defaultGroup.name).toBe('CannotDelete');
  });

  it('answers InvalidGroup.NotFound for an unknown group', async () => {
    const error = await rejectionOf(ec2.send(new DeleteSecurityGroupCommand({GroupId: 'sg-0123456789abcdef0'})));
    expect(error.name).toBe('InvalidGroup.NotFound');
  });
});

/** The SSH wire format: each field as a 4-byte big-endian length and the bytes. */
function sshBlob(...fields: Buffer[]): Buffer {
  return Buffer.concat(fields.flatMap((field) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(field.length);
    return [length, field];
  }));
}

/** An SSH mpint: big-endian, with a leading zero byte when the high bit is set. */
function mpint(base64url: string): Buffer {
  const bytes = Buffer.from(base64url, 'base64url');
  return (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

function openSshLine(publicKey: KeyObject): {line: string; blob: Buffer} {
  const jwk = publicKey.export({format: 'jwk'});
  const blob = jwk.kty === 'RSA'
    ? sshBlob(Buffer.from('ssh-rsa'), mpint(jwk.e ?? ''), mpint(jwk.n ?? ''))
    : sshBlob(Buffer.from('ssh-ed25519'), Buffer.from(jwk.x ?? '', 'base64url'));
  const type = jwk.kty === 'RSA' ? 'ssh-rsa' : 'ssh-ed25519';
  return {line: `${type} ${blob.toString('base64')} admin@example.com`, blob};
}

describe('key pairs', () => {
  it('imports an RSA key with the fingerprint AWS gives imported keys (MD5 of the DER public key)', async () => {
    const {publicKey} = generateKeyPairSync('rsa', {modulusLength: 2048});
    const {line} = openSshLine(publicKey);
    const imported = await ec2.send(new ImportKeyPairCommand({KeyName: 'kubernetes.a.example.com', PublicKeyMaterial: Buffer.from(line)}));
    const expected = createHash('md5').update(publicKey.export({type: 'spki', format: 'der'})).digest('hex').match(/../g)?.join(':');
    expect(imported.KeyFingerprint).toBe(expected);
    expect(imported.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);

    const {KeyPairs} = await ec2.send(new DescribeKeyPairsCommand({KeyNames: ['kubernetes.a.example.com'], IncludePublicKey: true}));
    expect(KeyPairs?.[0]).toMatchObject({KeyName: 'kubernetes.a.example.com', KeyType: 'rsa', KeyFingerprint: expected});
    expect(KeyPairs?.[0]?.PublicKey).toBe(line.split(' ').slice(0, 2).join(' '));
  });

  it('imports an ed25519 key with the base64 SHA-256 fingerprint', async () => {
    const {publicKey} = generateKeyPairSync('ed25519');
    const {line, blob} = openSshLine(publicKey);
    const imported = await ec2.send(new ImportKeyPairCommand({KeyName: 'ed', PublicKeyMaterial: Buffer.from(line)}));
    expect(imported.KeyFingerprint).toBe(createHash('sha256').update(blob).digest('base64'));
  });

  it('rejects duplicates and keys that are not OpenSSH public keys, and reports unknown key pairs', async () => {
    const {line} = openSshLine(generateKeyPairSync('ed25519').publicKey);
    await ec2.send(new ImportKeyPairCommand({KeyName: 'admin', PublicKeyMaterial: Buffer.from(line)}));
    const duplicate = await rejectionOf(ec2.send(new ImportKeyPairCommand({KeyName: 'admin', PublicKeyMaterial: Buffer.from(line)})));
    expect(duplicate.name).toBe('InvalidKeyPair.Duplicate');
    const malformed = await rejectionOf(ec2.send(new ImportKeyPairCommand({KeyName: 'bad', PublicKeyMaterial: Buffer.from('not a key')})));
    expect(malformed.name).toBe('InvalidKey.Format');

    await ec2.send(new DeleteKeyPairCommand({KeyName: 'admin'}));
    const missing = await rejectionOf(ec2.send(new DescribeKeyPairsCommand({KeyNames: ['admin']})));
    expect(missing.name).toBe('InvalidKeyPair.NotFound');
  });
});

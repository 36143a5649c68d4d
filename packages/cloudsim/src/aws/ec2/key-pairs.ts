import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {ec2Id} from '../wire/ids.js';
import {items} from '../wire/xml-writer.js';
import type {KeyPair} from './ec2-state.js';
import {parseOpenSshPublicKey} from './key-fingerprint.js';
import {requestedTags, tagSetXml} from './tags.js';

export interface KeyPairSpec {
  readonly region: string;
  readonly name: string;
  /** The OpenSSH public key line, e.g. `ssh-ed25519 AAAA... comment`. */
  readonly publicKey: string;
  readonly tags?: ReadonlyMap<string, string>;
}

export function importKeyPair(aws: AwsState, spec: KeyPairSpec): KeyPair {
  if (aws.ec2.keyPairs.inRegion(spec.region).some((pair) => pair.name === spec.name)) {
    throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${spec.name}' already exists.`);
  }
  const parsed = parseOpenSshPublicKey(spec.publicKey);
  return aws.ec2.keyPairs.add({
    id: ec2Id('key'),
    region: spec.region,
    tags: new Map(spec.tags),
    name: spec.name,
    keyType: parsed.keyType,
    fingerprint: parsed.fingerprint,
    publicKey: parsed.publicKey,
    createTime: new Date(aws.now()),
  });
}

export function keyPairNotFound(name: string): AwsError {
  return new AwsError('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);
}

export const keyPairHandlers: QueryHandlers = {
  ImportKeyPair(call) {
    const material = Buffer.from(call.input.requireString('PublicKeyMaterial'), 'base64').toString('utf8');
    const pair = importKeyPair(call.aws, {
      region: call.region,
      name: call.input.requireString('KeyName'),
      publicKey: material,
      tags: requestedTags(call, 'key-pair'),
    });
    return {keyFingerprint: pair.fingerprint, keyName: pair.name, keyPairId: pair.id, tagSet: tagSetXml(pair.tags)};
  },

  DeleteKeyPair({input, region, aws}) {
    const id = input.string('KeyPairId');
    const name = input.string('KeyName');
    const pair = aws.ec2.keyPairs.inRegion(region).find((candidate) => candidate.id === id || (!id && candidate.name === name));
    // Like AWS, deleting by a name that does not exist succeeds; an unknown ID is an error.
    if (!pair && id) throw keyPairNotFound(id);
    if (pair) aws.ec2.keyPairs.delete(pair.id);
    return {return: true, keyPairId: pair?.id};
  },

  DescribeKeyPairs({input, region, aws}) {
    const names = input.strings('KeyName');
    const ids = input.strings('KeyPairId');
    const pairs = aws.ec2.keyPairs.inRegion(region);
    const missing = [...names.filter((name) => !pairs.some((pair) => pair.name === name)),
      ...ids.filter((id) => !pairs.some((pair) => pair.id === id))][0];
    if (missing !== undefined) throw keyPairNotFound(missing);
    const wanted = pairs.filter((pair) =>
      (names.length === 0 || names.includes(pair.name)) && (ids.length === 0 || ids.includes(pair.id)));
    const matching = applyFilters(wanted, readFilters(input, 'Filter', 'Value'), {
      fields: {
        'key-pair-id': (pair) => pair.id,
        'key-name': (pair) => pair.name,
        fingerprint: (pair) => pair.fingerprint,
        'key-type': (pair) => pair.keyType,
      },
      tags: (pair) => pair.tags,
    });
    const includePublicKey = input.boolean('IncludePublicKey') ?? false;
    return {
      keySet: items(matching.map((pair) => ({
        keyPairId: pair.id,
        keyName: pair.name,
        keyFingerprint: pair.fingerprint,
        keyType: pair.keyType,
        createTime: pair.createTime,
        publicKey: includePublicKey ? pair.publicKey : undefined,
        tagSet: tagSetXml(pair.tags),
      }))),
    };
  },
};

/** The admin SSH key, imported as an EC2 key pair. Its name carries the key's fingerprint, so a new key is a new pair. */
import {DeleteKeyPairCommand, DescribeKeyPairsCommand, ImportKeyPairCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {read} from './read-properties.js';

/** `type body`, without the comment AWS or the user may have appended. */
function keyOnly(publicKey: string | undefined): string | undefined {
  return publicKey?.trim().split(/\s+/).slice(0, 2).join(' ');
}

export function keyPairHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  return {
    kind: Kind.keyPair,
    replaceOn: ['publicKey'],
    equal: (field, observedValue, desiredValue) =>
      field === 'publicKey' ? keyOnly(String(observedValue)) === keyOnly(String(desiredValue)) : looseEqual(field, observedValue, desiredValue),

    async list(ctx) {
      // DescribeKeyPairs answers in one page.
      const out = await ec2.send(new DescribeKeyPairsCommand({Filters: clusterFilter(ctx.clusterName), IncludePublicKey: true}), {
        abortSignal: ctx.signal,
      });
      return (out.KeyPairs ?? []).flatMap((pair) => {
        const tags = visibleTags(pair.Tags);
        const id = pair.KeyPairId;
        if (!id || !pair.KeyName || ownershipOf(tags, ctx.clusterName, Kind.keyPair) !== 'owned') return [];
        const properties = {publicKey: keyOnly(pair.PublicKey), tags};
        return [observed({kind: Kind.keyPair, name: pair.KeyName, id, properties, attributes: {name: pair.KeyName}})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new ImportKeyPairCommand({
          KeyName: desired.name,
          PublicKeyMaterial: Buffer.from(p.string('publicKey')),
          TagSpecifications: tagSpecifications('key-pair', p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      if (!out.KeyPairId) throw new Error(`ImportKeyPair for ${desired.name} returned no ID`);
      return observed({kind: Kind.keyPair, name: desired.name, id: out.KeyPairId, properties: {...desired.properties}, attributes: {name: desired.name}});
    },

    async update(ctx, current, desired) {
      reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteKeyPairCommand({KeyPairId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}

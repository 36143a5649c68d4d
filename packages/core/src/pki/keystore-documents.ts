/**
 * The keystore's objects in kOps' own formats, so kOps and kopsx can read each other's keys:
 *
 * - a keypair is a `kops.k8s.io/v1alpha2` Keyset (YAML) whose items carry the PEM certificate
 *   (`publicMaterial`) and PEM private key (`privateMaterial`), both base64; the item id is the certificate's
 *   serial number in decimal, and `primaryId` names the item in use;
 * - a secret is JSON `{"Data": "<base64>"}`.
 */
import yaml from 'js-yaml';
import {z} from 'zod';
import {KopsxError} from '../errors.js';
import {Secret} from './secret.js';

/** The item of a keyset that is in use. */
export interface KeysetItem {
  readonly id: string;
  readonly certPem: string;
  /** Absent in the certificate-only copies under `pki/issued/`. */
  readonly keyPem?: Secret;
}

const keysetSchema = z.object({
  apiVersion: z.literal('kops.k8s.io/v1alpha2'),
  kind: z.literal('Keyset'),
  spec: z.object({
    type: z.literal('Keypair'),
    primaryId: z.string().optional(),
    keys: z
      .array(z.object({id: z.string(), publicMaterial: z.string(), privateMaterial: z.string().optional()}))
      .min(1),
  }),
});

const secretSchema = z.object({Data: z.string()});

export function encodeKeyset(name: string, item: KeysetItem): string {
  const privateMaterial = item.keyPem && {privateMaterial: base64(item.keyPem.reveal())};
  const doc = {
    apiVersion: 'kops.k8s.io/v1alpha2',
    kind: 'Keyset',
    metadata: {name},
    spec: {
      type: 'Keypair',
      primaryId: item.id,
      keys: [{id: item.id, publicMaterial: base64(item.certPem), ...privateMaterial}],
    },
  };
  return yaml.dump(doc, {sortKeys: true, noArrayIndent: true, lineWidth: -1});
}

/** The primary item of the keyset stored at `key`. */
export function decodeKeyset(data: Buffer, key: string): KeysetItem {
  const parsed = keysetSchema.safeParse(parseYaml(data, key));
  if (!parsed.success) throw keystoreObjectDamaged(key, describeIssue(parsed.error));
  const {primaryId, keys} = parsed.data.spec;
  // kOps appends rotated keys; without a primaryId the newest one is in use.
  const item = keys.find((k) => k.id === primaryId) ?? keys.at(-1);
  if (!item) throw keystoreObjectDamaged(key, 'spec.keys is empty');
  return {
    id: item.id,
    certPem: fromBase64(item.publicMaterial),
    ...(item.privateMaterial === undefined ? {} : {keyPem: new Secret(fromBase64(item.privateMaterial))}),
  };
}

export function encodeSecret(value: Secret): string {
  return JSON.stringify({Data: base64(value.reveal())});
}

export function decodeSecret(data: Buffer, key: string): Secret {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    throw keystoreObjectDamaged(key, 'not JSON');
  }
  const parsed = secretSchema.safeParse(json);
  if (!parsed.success) throw keystoreObjectDamaged(key, describeIssue(parsed.error));
  return new Secret(fromBase64(parsed.data.Data));
}

function parseYaml(data: Buffer, key: string): unknown {
  try {
    return yaml.load(data.toString('utf8'), {schema: yaml.CORE_SCHEMA});
  } catch {
    // js-yaml quotes the offending line, which may hold key material: say only where.
    throw keystoreObjectDamaged(key, 'not YAML');
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(document)'}: ${issue.message}` : 'unexpected content';
}

/** An object of the keystore that cannot be read back: the user must restore it, not regenerate it. */
export function keystoreObjectDamaged(key: string, reason: string): KopsxError {
  return new KopsxError(
    `${key} in the state store is damaged (${reason})`,
    'CorruptKeystore',
    'restore it from a backup or an earlier version of the state store',
  );
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function fromBase64(encoded: string): string {
  return Buffer.from(encoded, 'base64').toString('utf8');
}

import {createPrivateKey} from 'node:crypto';
import yaml from 'js-yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {KopsxError} from '../errors.js';
import {
  createCertificateAuthority,
  describeCertificate,
  issueCertificate,
  type CertificateKeyPair,
} from './certificates.js';
import {decodeKeyset, decodeSecret, encodeKeyset, encodeSecret} from './keystore-documents.js';
import {Secret} from './secret.js';

const KEY = 'c/pki/private/kubernetes-ca/keyset.yaml';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('keystore documents', () => {
  let older: CertificateKeyPair;
  let newer: CertificateKeyPair;
  beforeAll(async () => {
    [older, newer] = await Promise.all([
      createCertificateAuthority({commonName: 'kubernetes-ca'}),
      createCertificateAuthority({commonName: 'kubernetes-ca'}),
    ]);
  });

  it('round-trips a keypair, and a certificate-only copy without privateMaterial', () => {
    const full = encodeKeyset('kubernetes-ca', {id: '42', ...older});
    const decoded = decodeKeyset(Buffer.from(full), KEY);
    expect({id: decoded.id, certPem: decoded.certPem, keyPem: decoded.keyPem?.reveal()}).toEqual({
      id: '42',
      certPem: older.certPem,
      keyPem: older.keyPem.reveal(),
    });
    const publicOnly = encodeKeyset('kubernetes-ca', {id: '42', certPem: older.certPem});
    expect(publicOnly).not.toContain('privateMaterial');
    expect(decodeKeyset(Buffer.from(publicOnly), KEY).keyPem).toBeUndefined();
    // A numeric-looking id stays a string for kOps' reader.
    expect(publicOnly).toMatch(/primaryId: '42'/);
  });

  it('reads a kOps keyset with rotated keys and a PKCS#1 private key, using the primary one', async () => {
    // Older kOps releases wrote the key as PKCS#1 ("RSA PRIVATE KEY").
    const pkcs1 = createPrivateKey(older.keyPem.reveal()).export({type: 'pkcs1', format: 'pem'}).toString();
    const keyset = (primaryId?: string) =>
      yaml.dump({
        apiVersion: 'kops.k8s.io/v1alpha2',
        kind: 'Keyset',
        metadata: {name: 'kubernetes-ca'},
        spec: {
          type: 'Keypair',
          ...(primaryId ? {primaryId} : {}),
          keys: [
            {id: '1', publicMaterial: b64(older.certPem), privateMaterial: b64(pkcs1)},
            {id: '2', publicMaterial: b64(newer.certPem), privateMaterial: b64(newer.keyPem.reveal())},
          ],
        },
      });
    const primary = decodeKeyset(Buffer.from(keyset('1')), KEY);
    expect(primary.id).toBe('1');
    expect(primary.keyPem?.reveal()).toContain('BEGIN RSA PRIVATE KEY');
    expect(decodeKeyset(Buffer.from(keyset()), KEY).certPem).toBe(newer.certPem);
    // The PKCS#1 key read from a kOps store signs.
    const ca = {certPem: primary.certPem, keyPem: primary.keyPem ?? new Secret('')};
    const issued = await issueCertificate({ca, commonName: 'x', usages: ['client'], validityMs: 60_000});
    expect(describeCertificate(issued.certPem).issuer).toBe('CN=kubernetes-ca');
  });

  it('round-trips a secret as kOps JSON', () => {
    const encoded = encodeSecret(new Secret('abcdef.0123456789abcdef'));
    expect(JSON.parse(encoded)).toEqual({Data: b64('abcdef.0123456789abcdef')});
    expect(decodeSecret(Buffer.from(encoded), 'c/secrets/t').reveal()).toBe('abcdef.0123456789abcdef');
  });

  it('reports damaged documents with the object key and no content', () => {
    const damaged: Array<[string, () => unknown]> = [
      ['not YAML', () => decodeKeyset(Buffer.from('a: [SECRETSTUFF'), KEY)],
      ['spec', () => decodeKeyset(Buffer.from('apiVersion: kops.k8s.io/v1alpha2\nkind: Keyset\n'), KEY)],
      ['not JSON', () => decodeSecret(Buffer.from('{SECRETSTUFF'), 'c/secrets/t')],
      ['Data', () => decodeSecret(Buffer.from('{"data":"SECRETSTUFF"}'), 'c/secrets/t')],
    ];
    for (const [reason, decode] of damaged) {
      expect(decode).toThrow(KopsxError);
      try {
        decode();
      } catch (err) {
        expect((err as KopsxError).code).toBe('CorruptKeystore');
        expect((err as KopsxError).message).toMatch(/^c\/(pki|secrets)\//);
        expect((err as KopsxError).message).toContain(reason);
        expect((err as KopsxError).message).not.toContain('SECRETSTUFF');
      }
    }
  });
});

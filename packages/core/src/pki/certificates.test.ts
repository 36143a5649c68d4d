import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {KopsxError} from '../errors.js';
import {
  createCertificateAuthority,
  describeCertificate,
  issueCertificate,
  kubeadmCaCertHash,
  type CertificateKeyPair,
} from './certificates.js';

const HOUR_MS = 60 * 60 * 1000;
const dir = mkdtempSync(join(tmpdir(), 'kopsx-pki-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** Writes `content` to a file in the test directory and returns its path. */
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, {mode: 0o600});
  return path;
}

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, {encoding: 'utf8'});
}

/** The public key of a certificate and of a private key, as openssl derives them. */
function publicKeys(pair: CertificateKeyPair, name: string): {fromCert: string; fromKey: string} {
  return {
    fromCert: openssl('x509', '-in', file(`${name}.crt`, pair.certPem), '-noout', '-pubkey'),
    fromKey: openssl('pkey', '-in', file(`${name}.key`, pair.keyPem.reveal()), '-pubout'),
  };
}

describe('certificates', () => {
  let ca: CertificateKeyPair;
  beforeAll(async () => {
    ca = await createCertificateAuthority({commonName: 'kubernetes-ca'});
  });

  it('creates a self-signed CA valid for ten years whose key matches its certificate', () => {
    const caPath = file('ca.crt', ca.certPem);
    const text = openssl('x509', '-in', caPath, '-noout', '-text');
    expect(text).toMatch(/CA:TRUE/);
    expect(text).toMatch(/Certificate Sign, CRL Sign/);
    expect(text).toMatch(/Subject: CN = kubernetes-ca/);
    expect(openssl('verify', '-CAfile', caPath, caPath)).toContain(': OK');
    const {fromCert, fromKey} = publicKeys(ca, 'ca');
    expect(fromKey).toBe(fromCert);
    const info = describeCertificate(ca.certPem);
    const years = (Date.parse(info.notAfter) - Date.parse(info.notBefore)) / (365.25 * 24 * HOUR_MS);
    expect(years).toBeCloseTo(10, 1);
    expect(info.isCa).toBe(true);
  });

  it('issues a client certificate that openssl verifies against the CA, with the groups as O=', async () => {
    const admin = await issueCertificate({
      ca,
      commonName: 'kopsx-admin',
      organizations: ['system:masters'],
      usages: ['client'],
      validityMs: 18 * HOUR_MS,
    });
    const certPath = file('admin.crt', admin.certPem);
    expect(openssl('verify', '-CAfile', file('ca.crt', ca.certPem), certPath)).toContain(': OK');
    const text = openssl('x509', '-in', certPath, '-noout', '-text');
    expect(text).toMatch(/Subject: O = system:masters, CN = kopsx-admin/);
    expect(text).toMatch(/TLS Web Client Authentication/);
    expect(text).not.toMatch(/TLS Web Server Authentication/);
    expect(text).toMatch(/CA:FALSE/);
    const {fromCert, fromKey} = publicKeys(admin, 'admin');
    expect(fromKey).toBe(fromCert);
    // Both moduli print the same way when the key is RSA and belongs to the certificate.
    expect(openssl('rsa', '-in', join(dir, 'admin.key'), '-noout', '-modulus')).toBe(
      openssl('x509', '-in', certPath, '-noout', '-modulus'),
    );
    const info = describeCertificate(admin.certPem);
    expect(info.isCa).toBe(false);
    expect(info.issuer).toBe('CN=kubernetes-ca');
    expect(Date.parse(info.notAfter) - Date.parse(info.notBefore)).toBe(18 * HOUR_MS);
  });

  it('issues a server certificate carrying the DNS and IP subject alternative names', async () => {
    const server = await issueCertificate({
      ca,
      commonName: 'kube-apiserver',
      usages: ['server', 'client'],
      dnsNames: ['api.internal.example.com', 'kubernetes.default'],
      ipAddresses: ['100.64.0.1', 'fd00::1'],
      validityMs: 365 * 24 * HOUR_MS,
    });
    const certPath = file('server.crt', server.certPem);
    expect(openssl('verify', '-CAfile', file('ca.crt', ca.certPem), '-purpose', 'sslserver', certPath)).toContain(': OK');
    const text = openssl('x509', '-in', certPath, '-noout', '-ext', 'subjectAltName,extendedKeyUsage');
    expect(text).toContain('DNS:api.internal.example.com, DNS:kubernetes.default, IP Address:100.64.0.1, IP Address:FD00:0:0:0:0:0:0:1');
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
  });

  it('computes the kubeadm CA hash over the DER SubjectPublicKeyInfo, as openssl does', () => {
    const caPath = file('ca.crt', ca.certPem);
    const der = execFileSync('sh', ['-c', `openssl x509 -in '${caPath}' -pubkey -noout | openssl pkey -pubin -outform der`]);
    const expected = execFileSync('sha256sum', {input: der, encoding: 'utf8'}).split(' ')[0];
    expect(kubeadmCaCertHash(ca.certPem)).toBe(`sha256:${expected}`);
  });

  it('reports the serial in decimal and the SHA-256 fingerprint as openssl prints them', () => {
    const caPath = file('ca.crt', ca.certPem);
    const info = describeCertificate(ca.certPem);
    const serialHex = openssl('x509', '-in', caPath, '-noout', '-serial').trim().replace('serial=', '');
    expect(info.serial).toBe(BigInt(`0x${serialHex}`).toString(10));
    const fingerprint = openssl('x509', '-in', caPath, '-noout', '-fingerprint', '-sha256').trim();
    expect(fingerprint).toBe(`sha256 Fingerprint=${info.fingerprint}`);
  });

  it('refuses a certificate that would outlive its CA, or a non-CA signer', async () => {
    const shortCa = await createCertificateAuthority({commonName: 'short', validityMs: HOUR_MS});
    await expect(
      issueCertificate({ca: shortCa, commonName: 'x', usages: ['client'], validityMs: 2 * HOUR_MS}),
    ).rejects.toSatisfy((err) => err instanceof KopsxError && err.code === 'CertificateOutlivesCa');
    const leaf = await issueCertificate({ca, commonName: 'leaf', usages: ['client'], validityMs: HOUR_MS});
    await expect(issueCertificate({ca: leaf, commonName: 'x', usages: ['client'], validityMs: HOUR_MS})).rejects.toSatisfy(
      (err) => err instanceof KopsxError && err.code === 'InvalidCertificateAuthority',
    );
  });

  it('rejects malformed requests with a KopsxError', async () => {
    const bad = [
      () => issueCertificate({ca, commonName: 'x', usages: [], validityMs: HOUR_MS}),
      () => issueCertificate({ca, commonName: 'x', usages: ['server'], ipAddresses: ['10.0.0.300'], validityMs: HOUR_MS}),
      () => issueCertificate({ca, commonName: 'x', usages: ['client'], validityMs: 0}),
    ];
    for (const request of bad) {
      await expect(request()).rejects.toSatisfy((err) => err instanceof KopsxError && err.code === 'InvalidCertificateRequest');
    }
    expect(() => describeCertificate('not a certificate')).toThrow(KopsxError);
  });
});

/**
 * X.509 for the cluster: self-signed certificate authorities, certificates they sign, and the facts kubeadm
 * and `get keypairs` need about a certificate. @peculiar/x509 builds and signs the certificates (see
 * docs/decisions.md); node:crypto generates keys and parses what we read back.
 */
// @peculiar/x509 resolves its extension classes through tsyringe, which needs the Reflect metadata API
// loaded before it.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {
  createHash,
  createPrivateKey,
  generateKeyPair,
  randomBytes,
  webcrypto,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import {isIP} from 'node:net';
import {promisify} from 'node:util';
import {KopsxError} from '../errors.js';
import {Secret} from './secret.js';

x509.cryptoProvider.set(webcrypto);

/**
 * RSA 2048 rather than ECDSA P-256: it is kubeadm's default key type and what kOps stores, so every consumer
 * accepts it — kubeadm's phases, kube-apiserver's service-account issuer, and the OIDC verifiers of cloud
 * workload identity, some of which take RS256 only. ECDSA is faster to generate, but we generate a handful
 * of keys per cluster.
 */
const RSA_MODULUS_BITS = 2048;
const SIGNATURE_ALGORITHM = {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'} as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a certificate authority is valid: ten years, as kubeadm and kOps make them. */
export const CA_VALIDITY_MS = 3650 * DAY_MS;
/** Certificates start a little in the past so that a node whose clock runs behind still accepts them. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const generateKeyPairAsync = promisify(generateKeyPair);

/** A certificate and its private key, both PEM (PKCS#8 for the key). */
export interface CertificateKeyPair {
  readonly certPem: string;
  readonly keyPem: Secret;
}

export type CertificateUsage = 'client' | 'server';

export interface CertificateAuthorityOptions {
  readonly commonName: string;
  /** Defaults to CA_VALIDITY_MS. */
  readonly validityMs?: number;
}

export interface IssueCertificateOptions {
  /** The signing CA: its certificate and private key. */
  readonly ca: CertificateKeyPair;
  readonly commonName: string;
  /** Subject O= values; Kubernetes reads them as the user's groups (e.g. `system:masters`). */
  readonly organizations?: readonly string[];
  /** Extended key usages: `client` (clientAuth), `server` (serverAuth), or both for etcd peers. */
  readonly usages: readonly CertificateUsage[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly validityMs: number;
}

/** What can be shown about a certificate without its key. */
export interface CertificateInfo {
  /** The serial number in decimal, which kOps uses as the keypair's id. */
  readonly serial: string;
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601. */
  readonly notBefore: string;
  /** ISO 8601. */
  readonly notAfter: string;
  /** SHA-256 over the DER certificate, colon-separated, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint: string;
  readonly isCa: boolean;
}

/** A new RSA key and a self-signed CA certificate for it (CA:TRUE, may sign certificates and CRLs). */
export async function createCertificateAuthority(options: CertificateAuthorityOptions): Promise<CertificateKeyPair> {
  const validityMs = options.validityMs ?? CA_VALIDITY_MS;
  assertPositiveValidity(validityMs);
  const key = await generateRsaKey();
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: subjectName(options.commonName, []),
    notBefore,
    notAfter: new Date(notBefore.getTime() + validityMs),
    signingAlgorithm: SIGNATURE_ALGORITHM,
    keys: {privateKey: key.signingKey, publicKey: key.verifyingKey},
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(key.verifyingKey),
    ],
  });
  return {certPem: cert.toString('pem'), keyPem: key.pem};
}

/** A new RSA key and a certificate for it signed by `options.ca`; it cannot outlive the CA. */
export async function issueCertificate(options: IssueCertificateOptions): Promise<CertificateKeyPair> {
  assertPositiveValidity(options.validityMs);
  if (options.usages.length === 0) {
    throw new KopsxError(
      'a certificate needs at least one usage',
      'InvalidCertificateRequest',
      'pass "client", "server" or both',
    );
  }
  const caCert = parseCertificatePem(options.ca.certPem);
  const caKey = parsePrivateKeyPem(options.ca.keyPem);
  if (!caCert.ca || !caCert.checkPrivateKey(caKey)) {
    throw new KopsxError(
      `the signing keypair "${caCert.subject}" is not a certificate authority with its private key`,
      'InvalidCertificateAuthority',
      'sign with a CA keypair from the keystore (e.g. kubernetes-ca)',
    );
  }
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfter = new Date(notBefore.getTime() + options.validityMs);
  const caNotAfter = new Date(caCert.validTo);
  if (notAfter > caNotAfter) {
    throw new KopsxError(
      `a certificate valid until ${notAfter.toISOString()} would outlive its CA "${caCert.subject}" ` +
        `(valid until ${caNotAfter.toISOString()})`,
      'CertificateOutlivesCa',
      'ask for a shorter validity',
    );
  }
  const key = await generateRsaKey();
  const caX509 = new x509.X509Certificate(caCert.raw);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: subjectName(options.commonName, options.organizations ?? []),
    issuer: caX509.subjectName,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNATURE_ALGORITHM,
    publicKey: key.verifyingKey,
    signingKey: await importSigningKey(caKey),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(options.usages.map(extendedKeyUsage)),
      ...subjectAlternativeNames(options.dnsNames ?? [], options.ipAddresses ?? []),
      await x509.SubjectKeyIdentifierExtension.create(key.verifyingKey),
      await x509.AuthorityKeyIdentifierExtension.create(caX509.publicKey),
    ],
  });
  return {certPem: cert.toString('pem'), keyPem: key.pem};
}

/**
 * kubeadm's `--discovery-token-ca-cert-hash`: `sha256:` and the hex SHA-256 of the CA's DER
 * SubjectPublicKeyInfo. Joining nodes use it to pin the CA they fetch with the bootstrap token.
 */
export function kubeadmCaCertHash(certPem: string): string {
  const spki = parseCertificatePem(certPem).publicKey.export({type: 'spki', format: 'der'});
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}

export function describeCertificate(certPem: string): CertificateInfo {
  const cert = parseCertificatePem(certPem);
  return {
    serial: BigInt(`0x${cert.serialNumber}`).toString(10),
    subject: cert.subject.replaceAll('\n', ', '),
    issuer: cert.issuer.replaceAll('\n', ', '),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprint: cert.fingerprint256,
    isCa: cert.ca,
  };
}

/** Parses one PEM certificate; a malformed one is a KopsxError rather than OpenSSL's bare message. */
export function parseCertificatePem(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new KopsxError(
      'not a PEM-encoded X.509 certificate',
      'InvalidCertificate',
      'expect "-----BEGIN CERTIFICATE-----"',
    );
  }
}

/** Parses a PEM private key (PKCS#8, or PKCS#1 as older kOps stores hold); the error never quotes the key. */
export function parsePrivateKeyPem(pem: Secret): KeyObject {
  try {
    return createPrivateKey(pem.reveal());
  } catch {
    throw new KopsxError('not a PEM-encoded private key', 'InvalidPrivateKey', 'expect "-----BEGIN PRIVATE KEY-----"');
  }
}

interface GeneratedKey {
  readonly pem: Secret;
  readonly signingKey: webcrypto.CryptoKey;
  readonly verifyingKey: webcrypto.CryptoKey;
}

async function generateRsaKey(): Promise<GeneratedKey> {
  // node:crypto generates in the libuv thread pool, so several keys are made in parallel.
  const {privateKey, publicKey} = await generateKeyPairAsync('rsa', {modulusLength: RSA_MODULUS_BITS});
  const verifyingKey = await webcrypto.subtle.importKey(
    'spki',
    publicKey.export({type: 'spki', format: 'der'}),
    SIGNATURE_ALGORITHM,
    true,
    ['verify'],
  );
  return {
    pem: new Secret(privateKey.export({type: 'pkcs8', format: 'pem'}).toString()),
    signingKey: await importSigningKey(privateKey),
    verifyingKey,
  };
}

async function importSigningKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', key.export({type: 'pkcs8', format: 'der'}), SIGNATURE_ALGORITHM, false, [
    'sign',
  ]);
}

/** 128 random bits, positive (top bit clear) and never zero, as RFC 5280 asks; hex for @peculiar/x509. */
function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes.writeUInt8((bytes.readUInt8(0) & 0x7f) | 0x40, 0);
  return bytes.toString('hex');
}

function subjectName(commonName: string, organizations: readonly string[]): x509.JsonName {
  // The structured form, unlike "CN=..., O=...", needs no escaping of commas or colons in values.
  return [...organizations.map((o) => ({O: [o]})), {CN: [commonName]}];
}

function extendedKeyUsage(usage: CertificateUsage): x509.ExtendedKeyUsage {
  return usage === 'client' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth;
}

function subjectAlternativeNames(dnsNames: readonly string[], ipAddresses: readonly string[]): x509.Extension[] {
  const badIp = ipAddresses.find((ip) => isIP(ip) === 0);
  if (badIp !== undefined) {
    throw new KopsxError(`"${badIp}" is not an IP address`, 'InvalidCertificateRequest', 'give IPv4 or IPv6 addresses');
  }
  const names = [
    ...dnsNames.map((value) => ({type: 'dns' as const, value})),
    ...ipAddresses.map((value) => ({type: 'ip' as const, value})),
  ];
  return names.length === 0 ? [] : [new x509.SubjectAlternativeNameExtension(names)];
}

function assertPositiveValidity(validityMs: number): void {
  if (!Number.isFinite(validityMs) || validityMs <= 0) {
    throw new KopsxError(
      `certificate validity must be a positive duration, got ${validityMs} ms`,
      'InvalidCertificateRequest',
      'give a duration such as 18h',
    );
  }
}

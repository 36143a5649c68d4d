import 'reflect-metadata';
import {createPrivateKey, webcrypto} from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type {PemPair} from './machine.js';

x509.cryptoProvider.set(webcrypto);

const {subtle} = webcrypto;
const EC_KEY = {name: 'ECDSA', namedCurve: 'P-256'} as const;
const DAY_MS = 86_400_000;

/** A CA of the simulator's own, for clusters whose user-data carries none: ECDSA P-256, ten years. */
export async function generateAuthority(clusterName: string): Promise<PemPair> {
  const keys = await subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=kubernetes, O=kopsx-cloudsim ${clusterName}`,
    keys,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 3650 * DAY_MS),
    signingAlgorithm: {name: 'ECDSA', hash: 'SHA-256'},
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {certPem: certificate.toString('pem'), keyPem: await privateKeyPem(keys.privateKey)};
}

/**
 * The API server's serving certificate, signed by the cluster CA (RSA or ECDSA key), valid for 127.0.0.1 (where
 * the load balancers listen) and the names clients of a kubeadm cluster use.
 */
export async function servingCertificate(ca: PemPair, clusterName: string): Promise<PemPair> {
  const authority = new x509.X509Certificate(ca.certPem);
  const signer = await importSigningKey(ca.keyPem);
  const keys = await subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const names = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
    `api.${clusterName}`,
    `api.internal.${clusterName}`,
    'localhost',
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    subject: 'CN=kube-apiserver',
    issuer: authority.subject,
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.algorithm,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 365 * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{type: 'ip', value: '127.0.0.1'}, ...names.map((value) => ({type: 'dns' as const, value}))]),
    ],
  });
  return {certPem: certificate.toString('pem'), keyPem: await privateKeyPem(keys.privateKey)};
}

/** A PEM key (PKCS#1, PKCS#8 or SEC1) as a WebCrypto signing key, with the matching signature algorithm. */
async function importSigningKey(pem: string): Promise<{key: webcrypto.CryptoKey; algorithm: webcrypto.Algorithm | webcrypto.EcdsaParams}> {
  const key = createPrivateKey(pem);
  const der = key.export({type: 'pkcs8', format: 'der'});
  if (key.asymmetricKeyType === 'rsa') {
    const algorithm = {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'};
    return {key: await subtle.importKey('pkcs8', der, algorithm, false, ['sign']), algorithm};
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = {prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521'}[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve) {
      const imported = await subtle.importKey('pkcs8', der, {name: 'ECDSA', namedCurve: curve}, false, ['sign']);
      return {key: imported, algorithm: {name: 'ECDSA', hash: 'SHA-256'}};
    }
  }
  throw new Error(`the cluster CA key is of a type the simulator cannot sign with (${key.asymmetricKeyType ?? 'unknown'}); use RSA or ECDSA`);
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

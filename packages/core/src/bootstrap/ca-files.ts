import {createPrivateKey, createPublicKey, X509Certificate, type KeyObject} from 'node:crypto';
import {KopsxError} from '../errors.js';
import type {HostFile} from './host-files.js';
import type {ClusterCaMaterial, PemKeyPair} from './user-data-options.js';

const PKI = '/etc/kubernetes/pki';

/**
 * The pre-generated authorities where `kubeadm init` looks for them (it uses a CA it finds instead of making
 * one). Written 0600, certificates included, as they only serve root's kubeadm. Each pair is checked first: a
 * certificate that is not a CA or does not match its key would otherwise surface as a failed `kubeadm init`.
 */
export function caFiles(material: ClusterCaMaterial): HostFile[] {
  const serviceAccountKey = parseKey(material.serviceAccountKeyPem, 'service-account');
  return [
    ...pair(material.kubernetesCa, 'kubernetes-ca', `${PKI}/ca`),
    ...pair(material.etcdCa, 'etcd-ca', `${PKI}/etcd/ca`),
    ...pair(material.frontProxyCa, 'front-proxy-ca', `${PKI}/front-proxy-ca`),
    secretFile(`${PKI}/sa.key`, material.serviceAccountKeyPem),
    secretFile(`${PKI}/sa.pub`, createPublicKey(serviceAccountKey).export({type: 'spki', format: 'pem'}).toString()),
  ];
}

function pair(ca: PemKeyPair, name: string, pathStem: string): HostFile[] {
  const key = parseKey(ca.keyPem, name);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(ca.certPem);
  } catch {
    throw invalid(`the certificate of "${name}" is not a PEM X.509 certificate`);
  }
  if (!certificate.ca) throw invalid(`the certificate of "${name}" is not a certificate authority`);
  if (!certificate.checkPrivateKey(key)) throw invalid(`the private key of "${name}" does not belong to its certificate`);
  return [secretFile(`${pathStem}.crt`, ca.certPem), secretFile(`${pathStem}.key`, ca.keyPem)];
}

function parseKey(pem: string, name: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw invalid(`the private key of "${name}" is not a PEM private key`);
  }
}

function secretFile(path: string, content: string): HostFile {
  return {path, content: content.endsWith('\n') ? content : `${content}\n`, permissions: '0600'};
}

function invalid(message: string): KopsxError {
  return new KopsxError(message, 'InvalidCaMaterial', 'check the keypairs with `kopsx get keypairs`; the state store may hold a damaged keypair');
}

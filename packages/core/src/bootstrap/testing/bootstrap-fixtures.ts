/**
 * Inputs for the bootstrap tests: clusters built and completed by the real model, join material in kubeadm's
 * formats, and real CAs made by openssl (so the checks of CA material run against genuine certificates).
 */
import {execFileSync} from 'node:child_process';
import {createHash, randomBytes, randomInt} from 'node:crypto';
import {gunzipSync} from 'node:zlib';
import yaml from 'js-yaml';
import {buildCluster, completeCluster, type ClusterBundle} from '../../model/index.js';
import type {ClusterCaMaterial, JoinMaterial, PemKeyPair} from '../user-data-options.js';

export interface TestClusterOptions {
  readonly controlPlanes: 1 | 3;
  readonly topology: 'public' | 'private';
  readonly networking?: string;
}

export const ZONES = ['sim-east-1a', 'sim-east-1b', 'sim-east-1c'];

/** A completed cluster as `create cluster` makes it: bastion in the private topology, three node groups. */
export function testCluster(options: TestClusterOptions): ClusterBundle {
  return completeCluster(
    buildCluster({
      name: `${options.topology}-${options.controlPlanes}.example.com`,
      cloud: 'sim',
      zones: ZONES,
      controlPlaneCount: options.controlPlanes,
      topology: options.topology,
      bastion: options.topology === 'private',
      ...(options.networking ? {networking: options.networking} : {}),
    }),
  );
}

export function testJoinMaterial(): JoinMaterial {
  const chars = (n: number) => Array.from({length: n}, () => 'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(randomInt(36))).join('');
  return {
    bootstrapToken: `${chars(6)}.${chars(16)}`,
    caCertHash: `sha256:${createHash('sha256').update(randomBytes(32)).digest('hex')}`,
    certificateKey: randomBytes(32).toString('hex'),
  };
}

export function testCaMaterial(): ClusterCaMaterial {
  return {
    kubernetesCa: selfSignedCa('kubernetes-ca'),
    etcdCa: selfSignedCa('etcd-ca'),
    frontProxyCa: selfSignedCa('front-proxy-ca'),
    serviceAccountKeyPem: selfSignedCa('service-account').keyPem,
  };
}

/** openssl's `req -x509` marks the certificate CA:TRUE. */
export function selfSignedCa(commonName: string): PemKeyPair {
  const out = execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '-', '-out', '-', '-subj', `/CN=${commonName}`, '-days', '1'],
    {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']},
  );
  const block = (label: string) => new RegExp(`-----BEGIN ${label}-----[^-]+-----END ${label}-----\\n`).exec(out)?.[0] ?? '';
  return {certPem: block('CERTIFICATE'), keyPem: block('PRIVATE KEY')};
}

/** A file cloud-init writes, as the tests read it back. */
export interface WrittenFile {
  readonly path: string;
  readonly permissions: string;
  readonly owner: string;
  readonly content: string;
}

export interface ParsedCloudConfig {
  readonly bootcmd?: string[];
  readonly write_files?: WrittenFile[];
  readonly runcmd?: string[][];
  readonly [key: string]: unknown;
}

export function parseCloudConfig(document: string): ParsedCloudConfig {
  return yaml.load(document) as ParsedCloudConfig;
}

export function fileAt(config: ParsedCloudConfig, path: string): WrittenFile | undefined {
  return config.write_files?.find((f) => f.path === path);
}

/** The kubeadm documents of a file, by kind. */
export function kubeadmDocuments(config: ParsedCloudConfig, path: string): Record<string, Record<string, unknown>> {
  const content = fileAt(config, path)?.content;
  if (content === undefined) return {};
  const docs = yaml.loadAll(content) as Array<Record<string, unknown>>;
  return Object.fromEntries(docs.map((doc) => [String(doc.kind), doc]));
}

/** The cloud-config document, unpacked when it was gzipped. */
export function documentOf(userData: {readonly content: string; readonly compressed: boolean}): string {
  return userData.compressed ? gunzipSync(Buffer.from(userData.content, 'base64')).toString('utf8') : userData.content;
}

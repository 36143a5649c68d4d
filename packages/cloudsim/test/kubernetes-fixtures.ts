// A simulator with a controlled clock, AWS infrastructure made through the SDK, the cloud-config user-data of
// the machines of a kubeadm cluster, and real @kubernetes/client-node clients — what the kubernetes-*.test.ts
// files share.
import 'reflect-metadata';
import {execFileSync} from 'node:child_process';
import {createPrivateKey, webcrypto} from 'node:crypto';
import {request} from 'node:https';
import type {PeerCertificate, TLSSocket} from 'node:tls';
import {gzipSync} from 'node:zlib';
import {CreateLoadBalancerCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import {CreateAutoScalingGroupCommand} from '@aws-sdk/client-auto-scaling';
import {CreateLaunchTemplateCommand, RunInstancesCommand} from '@aws-sdk/client-ec2';
import {AppsV1Api, CoreV1Api, KubeConfig, PolicyV1Api} from '@kubernetes/client-node';
import * as x509 from '@peculiar/x509';
import yaml from 'js-yaml';
import {CANONICAL_OWNER_ID, startCloudSim, type AwsState, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';

x509.cryptoProvider.set(webcrypto);

export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** The node boot delay the tests run with; the clock only moves when a test moves it. */
export const BOOT_DELAY_MS = 1000;

export interface KubernetesFixture {
  readonly sim: CloudSim;
  readonly aws: AwsState;
  readonly clients: ReturnType<typeof awsClients>;
  readonly subnetId: string;
  /** Moves the simulated account's clock forward. */
  advance(ms: number): void;
  /** An internet-facing NLB tagged for the cluster; resolves with its DNS name. */
  apiLoadBalancer(cluster: string): Promise<string>;
  /** RunInstances with this user-data (base64 of it) and tags; resolves with the instance IDs. */
  launch(userData: Buffer | string | undefined, tags: Readonly<Record<string, string>>, count?: number): Promise<string[]>;
  /** A launch template with this user-data and a group of `desired` instances whose tags propagate at launch. */
  autoScalingGroup(name: string, userData: string, tags: Readonly<Record<string, string>>, desired: number): Promise<void>;
  close(): Promise<void>;
}

export async function startKubernetesFixture(): Promise<KubernetesFixture> {
  const sim = await startCloudSim({kubernetes: {nodeBootDelayMs: BOOT_DELAY_MS}});
  const aws = awsState(sim);
  let clock = Date.now();
  // Instances run as soon as they are seen and load balancers are active at once: the tests move the clock.
  aws.configure({now: () => clock, settleDelayMs: 0, settleAfterDescribes: 0});
  const clients = awsClients(sim);
  const vpc = aws.seed.vpc();
  const subnetId = aws.seed.subnet({vpcId: vpc.id, cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1a'}).id;
  const ubuntu = aws.ec2.images.inRegion('us-east-1').find((image) => image.ownerId === CANONICAL_OWNER_ID);
  return {
    sim,
    aws,
    clients,
    subnetId,
    advance(ms) {
      clock += ms;
    },
    async apiLoadBalancer(cluster) {
      const {LoadBalancers} = await clients.elbv2.send(new CreateLoadBalancerCommand({
        Name: `api-${cluster.replaceAll('.', '-')}`.slice(0, 32),
        Type: 'network',
        Subnets: [subnetId],
        Tags: [{Key: 'KubernetesCluster', Value: cluster}],
      }));
      return LoadBalancers?.[0]?.DNSName ?? '';
    },
    async launch(userData, tags, count = 1) {
      const {Instances} = await clients.ec2.send(new RunInstancesCommand({
        ImageId: ubuntu?.id,
        InstanceType: 't3.medium',
        MinCount: count,
        MaxCount: count,
        SubnetId: subnetId,
        ...(userData === undefined ? {} : {UserData: Buffer.from(userData).toString('base64')}),
        TagSpecifications: [{ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({Key, Value}))}],
      }));
      return (Instances ?? []).map((instance) => instance.InstanceId ?? '');
    },
    async autoScalingGroup(name, userData, tags, desired) {
      const {LaunchTemplate} = await clients.ec2.send(new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        LaunchTemplateData: {ImageId: ubuntu?.id, InstanceType: 't3.medium', UserData: Buffer.from(userData).toString('base64')},
      }));
      await clients.autoscaling.send(new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        MinSize: 0,
        MaxSize: 10,
        DesiredCapacity: desired,
        LaunchTemplate: {LaunchTemplateId: LaunchTemplate?.LaunchTemplateId, Version: '$Latest'},
        VPCZoneIdentifier: subnetId,
        Tags: Object.entries(tags).map(([Key, Value]) => ({Key, Value, PropagateAtLaunch: true})),
      }));
    },
    async close() {
      for (const client of Object.values(clients)) client.destroy();
      await sim.close();
    },
  };
}

/** A CA as openssl makes it (RSA 2048, CA:TRUE), like the keystore's. */
export function opensslCa(commonName: string): PemPair {
  const out = execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '-', '-out', '-', '-subj', `/CN=${commonName}`, '-days', '1'],
    {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']},
  );
  const block = (label: string) => new RegExp(`-----BEGIN ${label}-----[^-]+-----END ${label}-----\\n`).exec(out)?.[0] ?? '';
  return {certPem: block('CERTIFICATE'), keyPem: block('PRIVATE KEY')};
}

/** A client certificate for `CN=kubernetes-admin, O=system:masters`, signed by `ca` (RSA or ECDSA). */
export async function clientCertificate(ca: PemPair): Promise<PemPair> {
  const caKey = createPrivateKey(ca.keyPem);
  const rsa = caKey.asymmetricKeyType === 'rsa';
  const signingAlgorithm = rsa ? {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'} : {name: 'ECDSA', hash: 'SHA-256'};
  const importAlgorithm = rsa ? signingAlgorithm : {name: 'ECDSA', namedCurve: 'P-256'};
  const signingKey = await webcrypto.subtle.importKey('pkcs8', caKey.export({type: 'pkcs8', format: 'der'}), importAlgorithm, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: 'CN=kubernetes-admin, O=system:masters',
    issuer: new x509.X509Certificate(ca.certPem).subject,
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return {certPem: certificate.toString('pem'), keyPem};
}

/** The clients kopsx uses, for `https://<DNSName>` with the cluster CA and a client certificate. */
export function kubernetesClients(dnsName: string, caPem: string, client: PemPair): {core: CoreV1Api; policy: PolicyV1Api; apps: AppsV1Api} {
  const kubeConfig = new KubeConfig();
  const encode = (pem: string) => Buffer.from(pem).toString('base64');
  kubeConfig.loadFromOptions({
    clusters: [{name: 'sim', server: `https://${dnsName}`, caData: encode(caPem), skipTLSVerify: false}],
    users: [{name: 'admin', certData: encode(client.certPem), keyData: encode(client.keyPem)}],
    contexts: [{name: 'sim', cluster: 'sim', user: 'admin'}],
    currentContext: 'sim',
  });
  return {core: kubeConfig.makeApiClient(CoreV1Api), policy: kubeConfig.makeApiClient(PolicyV1Api), apps: kubeConfig.makeApiClient(AppsV1Api)};
}

// --- user-data, as kopsx's bootstrap writes it: a cloud-config whose files hold kubeadm v1beta4 configuration.

export interface NodeRegistration {
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly {key: string; value?: string; effect: string}[];
}

function registration(options: NodeRegistration): Record<string, unknown> {
  const labels = Object.entries(options.labels ?? {}).map(([key, value]) => `${key}=${value}`).join(',');
  return {
    criSocket: 'unix:///run/containerd/containerd.sock',
    ...(labels ? {kubeletExtraArgs: [{name: 'node-labels', value: labels}]} : {}),
    ...(options.taints ? {taints: options.taints} : {}),
  };
}

function cloudConfig(files: readonly {path: string; content: string}[]): string {
  const document = {write_files: files.map((file) => ({path: file.path, owner: 'root:root', permissions: '0600', content: file.content})), runcmd: [['/usr/local/sbin/kopsx-bootstrap']]};
  return `#cloud-config\n${yaml.dump(document, {lineWidth: -1})}`;
}

const documents = (docs: readonly object[]) => docs.map((doc) => yaml.dump(doc)).join('---\n');
const KUBEADM = 'kubeadm.k8s.io/v1beta4';
const join = (controlPlane: boolean, options: NodeRegistration) => ({
  apiVersion: KUBEADM,
  kind: 'JoinConfiguration',
  discovery: {bootstrapToken: {apiServerEndpoint: 'api.internal.example:443', token: 'abcdef.0123456789abcdef', caCertHashes: ['sha256:00']}},
  nodeRegistration: registration(options),
  ...(controlPlane ? {controlPlane: {localAPIEndpoint: {bindPort: 443}, certificateKey: '00'}} : {}),
});

/** `kubeadm init` with the cluster CA; gzipped (as kopsx does when the document is over the cloud's limit). */
export function firstControlPlaneUserData(ca: PemPair, options: NodeRegistration & {readonly selfLabels?: string}): Buffer {
  const init = documents([
    {apiVersion: KUBEADM, kind: 'InitConfiguration', bootstrapTokens: [{token: 'abcdef.0123456789abcdef'}], nodeRegistration: registration(options)},
    {apiVersion: KUBEADM, kind: 'ClusterConfiguration', kubernetesVersion: 'v1.35.7', controlPlaneEndpoint: 'api.internal.example:443'},
  ]);
  return gzipSync(cloudConfig([
    {path: '/etc/kopsx/kubeadm-init.yaml', content: init},
    {path: '/etc/kopsx/kubeadm-join.yaml', content: documents([join(true, options)])},
    {path: '/etc/kubernetes/pki/ca.crt', content: ca.certPem},
    {path: '/etc/kubernetes/pki/ca.key', content: ca.keyPem},
    {
      path: '/usr/local/sbin/kopsx-bootstrap',
      content: [
        '#!/bin/bash',
        'echo "kopsx: installing the network plugin (cilium)"',
        ...(options.selfLabels ? [`retry kubectl label node "$node_name" --overwrite ${options.selfLabels}`] : []),
        '',
      ].join('\n'),
    },
  ]));
}

export function joiningControlPlaneUserData(options: NodeRegistration = {}): string {
  return cloudConfig([{path: '/etc/kopsx/kubeadm-join.yaml', content: documents([join(true, options)])}]);
}

/** A worker; `claims` is the annotation in which it asks a control plane for the labels its kubelet may not set. */
export function workerUserData(options: NodeRegistration & {readonly claims?: string} = {}): string {
  return cloudConfig([
    {path: '/etc/kopsx/kubeadm-join.yaml', content: documents([join(false, options)])},
    {
      path: '/usr/local/sbin/kopsx-bootstrap',
      content: options.claims
        ? `#!/bin/bash\nretry kubectl --kubeconfig /etc/kubernetes/kubelet.conf annotate node "$node_name" --overwrite '${options.claims}'\n`
        : '#!/bin/bash\n',
    },
  ]);
}

export interface RawResponse {
  readonly status: number;
  readonly body: string;
  readonly serverCertificate: PeerCertificate;
}

/** One GET with node:https, without a client certificate unless given. */
export function httpsGet(
  dnsName: string,
  path: string,
  options: {readonly ca: string; readonly client?: PemPair; readonly headers?: Record<string, string>},
): Promise<RawResponse> {
  const [host, port] = dnsName.split(':');
  return new Promise((resolve, reject) => {
    const req = request({
      host,
      port: Number(port),
      path,
      ca: options.ca,
      ...(options.client ? {cert: options.client.certPem, key: options.client.keyPem} : {}),
      ...(options.headers ? {headers: options.headers} : {}),
      agent: false,
    }, (res) => {
      const serverCertificate = (res.socket as TLSSocket).getPeerCertificate();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), serverCertificate}));
    });
    req.on('error', reject);
    req.end();
  });
}

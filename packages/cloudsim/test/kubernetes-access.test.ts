import {DeleteLoadBalancerCommand, DescribeLoadBalancersCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import {ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, ListResourceRecordSetsCommand} from '@aws-sdk/client-route-53';
import {KubeConfig, VersionApi} from '@kubernetes/client-node';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {rejectionOf} from './clients.js';
import {
  BOOT_DELAY_MS,
  clientCertificate,
  firstControlPlaneUserData,
  httpsGet,
  kubernetesClients,
  opensslCa,
  startKubernetesFixture,
  type KubernetesFixture,
  type PemPair,
} from './kubernetes-fixtures.js';

const CLUSTER = 'access.example.com';
const CONNECTION_CLOSED = /socket hang up|ECONNRESET|disconnected/;

let ca: PemPair;
let admin: PemPair;
let fx: KubernetesFixture;

beforeAll(async () => {
  ca = opensslCa('kubernetes');
  admin = await clientCertificate(ca);
});

beforeEach(async () => {
  fx = await startKubernetesFixture();
});

afterEach(async () => {
  await fx.close();
});

/** A load balancer and a first control plane that has booted: the API answers. */
async function bootedCluster(): Promise<string> {
  const dnsName = await fx.apiLoadBalancer(CLUSTER);
  await fx.launch(firstControlPlaneUserData(ca, {}), {KubernetesCluster: CLUSTER});
  fx.advance(BOOT_DELAY_MS);
  return dnsName;
}

describe('reaching a cluster through its load balancer', () => {
  it('names the load balancer 127.0.0.1:<port> and closes connections until the first control plane has booted', async () => {
    const dnsName = await fx.apiLoadBalancer(CLUSTER);
    expect(dnsName).toMatch(/^127\.0\.0\.1:\d+$/);
    const {LoadBalancers} = await fx.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers?.[0]?.DNSName).toBe(dnsName);
    const {core} = kubernetesClients(dnsName, ca.certPem, admin);
    expect((await rejectionOf(core.listNode())).message).toMatch(CONNECTION_CLOSED);

    await fx.launch(firstControlPlaneUserData(ca, {}), {KubernetesCluster: CLUSTER});
    fx.advance(BOOT_DELAY_MS - 1);
    expect((await rejectionOf(core.listNode())).message).toMatch(CONNECTION_CLOSED);

    fx.advance(1);
    const nodes = await core.listNode();
    expect(nodes.items.map((node) => node.metadata?.name)).toEqual([expect.stringMatching(/^ip-10-0-1-\d+\.ec2\.internal$/)]);
    expect(nodes.items[0]?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('lets a Route53 alias record point at the load balancer, as kopsx publishes api.<cluster>', async () => {
    const dnsName = await fx.apiLoadBalancer(CLUSTER);
    const {HostedZone} = await fx.clients.route53.send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'access'}));
    await fx.clients.route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: HostedZone?.Id,
      ChangeBatch: {Changes: [{Action: 'UPSERT', ResourceRecordSet: {
        Name: `api.${CLUSTER}`, Type: 'A', AliasTarget: {DNSName: dnsName, HostedZoneId: 'Z26RNL4JYFTOTI', EvaluateTargetHealth: false},
      }}]},
    }));
    const {ResourceRecordSets} = await fx.clients.route53.send(new ListResourceRecordSetsCommand({HostedZoneId: HostedZone?.Id}));
    expect(ResourceRecordSets?.find((record) => record.Type === 'A')?.AliasTarget?.DNSName).toBe(`${dnsName}.`);
  });

  it('serves a certificate of the cluster CA for 127.0.0.1 and the API names, and answers 401 without a client certificate', async () => {
    const dnsName = await bootedCluster();
    const anonymous = await httpsGet(dnsName, '/api/v1/nodes', {ca: ca.certPem});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401,
    });
    expect(anonymous.serverCertificate.subjectaltname?.split(', ')).toEqual(expect.arrayContaining([
      'IP Address:127.0.0.1', 'DNS:kubernetes', 'DNS:kubernetes.default', `DNS:api.${CLUSTER}`, `DNS:api.internal.${CLUSTER}`,
    ]));
    // kubeadm lets anyone read the health endpoints.
    expect(await httpsGet(dnsName, '/healthz', {ca: ca.certPem})).toMatchObject({status: 200, body: 'ok'});
    expect((await httpsGet(dnsName, '/api/v1/nodes', {ca: ca.certPem, client: admin})).status).toBe(200);

    const other = opensslCa('another-cluster');
    await expect(httpsGet(dnsName, '/healthz', {ca: other.certPem})).rejects.toThrow(/self.signed|unable to verify/);
  });

  it('refuses a client certificate another CA signed with 401 Unauthorized', async () => {
    const dnsName = await bootedCluster();
    const stranger = kubernetesClients(dnsName, ca.certPem, await clientCertificate(opensslCa('another-cluster')));
    const error = await rejectionOf(stranger.core.listNode());
    // The client keeps no body for a 401; the raw request above shows the Status object.
    expect(error.code).toBe(401);
    expect(error.message).toContain('Unauthorized');
  });

  it('reports the Kubernetes version of the control plane and answers discovery', async () => {
    const dnsName = await bootedCluster();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{name: 'c', server: `https://${dnsName}`, caData: Buffer.from(ca.certPem).toString('base64')}],
      users: [{name: 'u', certData: Buffer.from(admin.certPem).toString('base64'), keyData: Buffer.from(admin.keyPem).toString('base64')}],
      contexts: [{name: 'c', cluster: 'c', user: 'u'}],
      currentContext: 'c',
    });
    expect(await kubeConfig.makeApiClient(VersionApi).getCode()).toMatchObject({major: '1', minor: '35', gitVersion: 'v1.35.7'});
    const groups = JSON.parse((await httpsGet(dnsName, '/apis', {ca: ca.certPem, client: admin})).body) as {groups: {name: string}[]};
    expect(groups.groups.map((group) => group.name)).toEqual(['apps', 'policy']);
    const unknown = await httpsGet(dnsName, '/apis/apps/v1/deployments', {ca: ca.certPem, client: admin});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({kind: 'Status', reason: 'NotFound', code: 404});
  });

  it('prints nodes as kubectl asks, in a Table', async () => {
    const dnsName = await bootedCluster();
    const table = await httpsGet(dnsName, '/api/v1/nodes', {
      ca: ca.certPem,
      client: admin,
      headers: {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'},
    });
    const {columnDefinitions, rows} = JSON.parse(table.body) as {columnDefinitions: {name: string}[]; rows: {cells: string[]}[]};
    expect(columnDefinitions.map((column) => column.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    // Registered when its machine started booting, BOOT_DELAY_MS (1 s) ago.
    expect(rows.map((row) => row.cells.slice(1))).toEqual([['Ready', 'control-plane', '1s', 'v1.35.7']]);
  });
});

describe('the admin API', () => {
  it('gives the CA taken from user-data without its key', async () => {
    await fx.launch(firstControlPlaneUserData(ca, {}), {KubernetesCluster: CLUSTER});
    const response = await fetch(`${fx.sim.endpoint}/_sim/kubernetes/${CLUSTER}/ca`);
    expect(await response.json()).toEqual({cluster: CLUSTER, source: 'user-data', certificate: ca.certPem});
  });

  it('generates a CA, with its key, for a cluster whose user-data carries none', async () => {
    const dnsName = await fx.apiLoadBalancer('placeholder.example.com');
    // The placeholder user-data of a provider without bootstrap: the tags say what the machine is.
    const placeholder = '#cloud-config\nwrite_files:\n  - path: /etc/kopsx/instance.env\n    content: KOPSX_CLUSTER_NAME=placeholder.example.com\n';
    await fx.launch(placeholder, {'KubernetesCluster': 'placeholder.example.com', 'k8s.io/role/control-plane': '1'});
    fx.advance(BOOT_DELAY_MS);
    const response = await fetch(`${fx.sim.endpoint}/_sim/kubernetes/placeholder.example.com/ca`);
    const generated = await response.json() as {source: string; certificate: string; privateKey: string};
    expect(generated.source).toBe('generated');

    const client = await clientCertificate({certPem: generated.certificate, keyPem: generated.privateKey});
    const {core} = kubernetesClients(dnsName, generated.certificate, client);
    const nodes = await core.listNode();
    expect(nodes.items[0]?.metadata?.labels).toHaveProperty('node-role.kubernetes.io/control-plane', '');
  });

  it('sets the node boot delay with POST /_sim/config and refuses unknown settings', async () => {
    const post = (body: unknown) => fetch(`${fx.sim.endpoint}/_sim/config`, {method: 'POST', body: JSON.stringify(body)});
    const changed = await post({kubernetes: {nodeBootDelayMs: 5000}});
    expect(await changed.json()).toEqual({latencyMs: 0, throttleRate: 0, faultAtCall: 0, kubernetes: {nodeBootDelayMs: 5000}});
    const unknown = await post({kubernetes: {nodeBootSpeed: 1}});
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({error: 'unknown setting "kubernetes.nodeBootSpeed"; known settings: kubernetes.nodeBootDelayMs'});
    expect((await post({kubernetes: {nodeBootDelayMs: -1}})).status).toBe(400);

    const dnsName = await fx.apiLoadBalancer(CLUSTER);
    await fx.launch(firstControlPlaneUserData(ca, {}), {KubernetesCluster: CLUSTER});
    const {core} = kubernetesClients(dnsName, ca.certPem, admin);
    fx.advance(4999);
    expect((await rejectionOf(core.listNode())).message).toMatch(CONNECTION_CLOSED);
    fx.advance(1);
    expect((await core.listNode()).items).toHaveLength(1);
  });

  it('lists nodes among the resources; reset forgets them and closes the load balancers\' ports', async () => {
    const dnsName = await bootedCluster();
    const {core} = kubernetesClients(dnsName, ca.certPem, admin);
    const [node] = (await core.listNode()).items;
    expect(fx.sim.resources()).toContainEqual(expect.objectContaining({
      cloud: 'kubernetes', kind: 'node', name: node?.metadata?.name, id: `${CLUSTER}/${node?.metadata?.name}`,
    }));

    fx.sim.reset();
    expect(fx.sim.resources().filter((resource) => resource.cloud === 'kubernetes')).toEqual([]);
    expect((await rejectionOf(core.listNode())).message).toMatch(/ECONNREFUSED/);
  });

  it('closes the port of a deleted load balancer', async () => {
    const dnsName = await bootedCluster();
    const {LoadBalancers} = await fx.clients.elbv2.send(new DescribeLoadBalancersCommand({}));
    await fx.clients.elbv2.send(new DeleteLoadBalancerCommand({LoadBalancerArn: LoadBalancers?.[0]?.LoadBalancerArn}));
    const {core} = kubernetesClients(dnsName, ca.certPem, admin);
    expect((await rejectionOf(core.listNode())).message).toMatch(/ECONNREFUSED/);
  });
});

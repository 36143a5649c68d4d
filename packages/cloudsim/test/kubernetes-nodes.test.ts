import {DescribeAutoScalingGroupsCommand} from '@aws-sdk/client-auto-scaling';
import {DescribeInstancesCommand, TerminateInstancesCommand} from '@aws-sdk/client-ec2';
import {PatchStrategy, setHeaderOptions, type CoreV1Api, type V1Node} from '@kubernetes/client-node';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {rejectionOf} from './clients.js';
import {
  BOOT_DELAY_MS,
  clientCertificate,
  firstControlPlaneUserData,
  joiningControlPlaneUserData,
  kubernetesClients,
  opensslCa,
  startKubernetesFixture,
  workerUserData,
  type KubernetesFixture,
  type PemPair,
} from './kubernetes-fixtures.js';

const CLUSTER = 'nodes.example.com';
const CONTROL_PLANE_TAINT = {key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'};

let ca: PemPair;
let admin: PemPair;
let fx: KubernetesFixture;
let core: CoreV1Api;

beforeAll(async () => {
  ca = opensslCa('kubernetes');
  admin = await clientCertificate(ca);
});

beforeEach(async () => {
  fx = await startKubernetesFixture();
  core = kubernetesClients(await fx.apiLoadBalancer(CLUSTER), ca.certPem, admin).core;
});

afterEach(async () => {
  await fx.close();
});

const ready = (node: V1Node | undefined) => node?.status?.conditions?.find((condition) => condition.type === 'Ready')?.status;

async function privateDnsNames(): Promise<Map<string, string>> {
  const {Reservations} = await fx.clients.ec2.send(new DescribeInstancesCommand({}));
  const instances = (Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
  return new Map(instances.map((instance) => [instance.InstanceId ?? '', instance.PrivateDnsName ?? '']));
}

async function nodesByName(): Promise<Map<string, V1Node>> {
  return new Map((await core.listNode()).items.map((node) => [node.metadata?.name ?? '', node]));
}

async function firstControlPlane(): Promise<string> {
  const [id = ''] = await fx.launch(
    firstControlPlaneUserData(ca, {selfLabels: 'kops.k8s.io/instancegroup=control-plane-us-east-1a'}),
    {KubernetesCluster: CLUSTER},
  );
  return id;
}

describe('nodes', () => {
  it('registers the cluster\'s machines as their kubeadm configuration says, under their private DNS names', async () => {
    const first = await firstControlPlane();
    const [second = ''] = await fx.launch(joiningControlPlaneUserData(), {KubernetesCluster: CLUSTER});
    await fx.autoScalingGroup('nodes', workerUserData({
      labels: {'team': 'payments', 'node.kubernetes.io/lifecycle': 'spot'},
      taints: [{key: 'dedicated', value: 'gpu', effect: 'NoSchedule'}],
      // The labeler grants worker labels the kubelet may not set, never a control plane's.
      claims: 'kopsx.io/node-labels=kops.k8s.io/instancegroup=nodes,node-role.kubernetes.io/node=,node-role.kubernetes.io/control-plane=',
    }), {'KubernetesCluster': CLUSTER, 'k8s.io/role/node': '1'}, 2);
    // Not nodes: a bastion (no kubeadm configuration) and a machine of another cluster.
    await fx.launch('#cloud-config\nruncmd: [[true]]\n', {'KubernetesCluster': CLUSTER, 'k8s.io/role/bastion': '1'});
    await fx.launch(workerUserData(), {KubernetesCluster: 'other.example.com'});
    // No kubeadm configuration, but the tags say it is a node (a provider without bootstrap yet).
    const [tagged = ''] = await fx.launch(undefined, {'KubernetesCluster': CLUSTER, 'k8s.io/role/node': '1', 'kops.k8s.io/instancegroup': 'legacy'});
    // The first control plane boots, then the others join and boot.
    fx.advance(BOOT_DELAY_MS * 2);

    const names = await privateDnsNames();
    const nodes = await nodesByName();
    const workers = [...nodes.values()].filter((node) => node.metadata?.labels?.['node-role.kubernetes.io/node'] === '');
    expect(nodes.size).toBe(5);
    expect(workers).toHaveLength(2);
    expect(nodes.get(names.get(first) ?? '')).toMatchObject({
      metadata: {labels: {
        'node-role.kubernetes.io/control-plane': '',
        'kops.k8s.io/instancegroup': 'control-plane-us-east-1a',
        'kubernetes.io/hostname': names.get(first),
        'topology.kubernetes.io/zone': 'us-east-1a',
      }},
      spec: {providerID: `aws:///us-east-1a/${first}`, taints: [CONTROL_PLANE_TAINT]},
    });
    expect(nodes.get(names.get(second) ?? '')?.spec?.taints).toEqual([CONTROL_PLANE_TAINT]);
    expect(workers[0]?.metadata?.labels).toMatchObject({'team': 'payments', 'node.kubernetes.io/lifecycle': 'spot', 'kops.k8s.io/instancegroup': 'nodes'});
    expect(workers[0]?.metadata?.labels).not.toHaveProperty('node-role.kubernetes.io/control-plane');
    expect(workers[0]?.spec?.taints).toEqual([{key: 'dedicated', value: 'gpu', effect: 'NoSchedule'}]);
    expect(nodes.get(names.get(tagged) ?? '')).toMatchObject({metadata: {labels: {'kops.k8s.io/instancegroup': 'legacy'}}});
    expect(nodes.get(names.get(tagged) ?? '')?.spec?.taints).toBeUndefined();

    const selected = await core.listNode({labelSelector: '!node-role.kubernetes.io/control-plane,kops.k8s.io/instancegroup in (nodes)'});
    expect(selected.items.map((node) => node.metadata?.name).sort()).toEqual(workers.map((node) => node.metadata?.name).sort());
  });

  it('makes machines Ready nodeBootDelayMs after they join, and they join once the cluster exists', async () => {
    await firstControlPlane();
    const [early = ''] = await fx.launch(workerUserData(), {KubernetesCluster: CLUSTER});
    fx.advance(BOOT_DELAY_MS);
    const names = await privateDnsNames();
    // The worker ran all along but waited for the API: it joined when the cluster came up.
    const joined = (await nodesByName()).get(names.get(early) ?? '');
    expect(ready(joined)).toBe('False');
    expect(joined?.spec?.taints).toEqual([{key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule'}]);

    fx.advance(BOOT_DELAY_MS);
    expect(ready((await nodesByName()).get(names.get(early) ?? ''))).toBe('True');

    const [late = ''] = await fx.launch(workerUserData(), {KubernetesCluster: CLUSTER});
    const lateName = (await privateDnsNames()).get(late) ?? '';
    fx.advance(BOOT_DELAY_MS - 1);
    expect(ready((await nodesByName()).get(lateName))).toBe('False');
    fx.advance(1);
    expect(ready(await core.readNode({name: lateName}))).toBe('True');
  });

  it('drops a terminated instance\'s node and its pods; the group\'s replacement joins and turns Ready', async () => {
    await firstControlPlane();
    await fx.autoScalingGroup('nodes', workerUserData(), {KubernetesCluster: CLUSTER}, 1);
    fx.advance(BOOT_DELAY_MS * 2);
    const workers = async () => (await core.listNode({labelSelector: '!node-role.kubernetes.io/control-plane'})).items;
    const [before] = await workers();
    expect(ready(before)).toBe('True');
    const nodeName = before?.metadata?.name ?? '';
    await core.createNamespacedPod({namespace: 'default', body: {metadata: {name: 'pinned'}, spec: {nodeName, containers: [{name: 'app', image: 'nginx'}]}}});

    const instanceId = before?.spec?.providerID?.split('/').at(-1) ?? '';
    await fx.clients.ec2.send(new TerminateInstancesCommand({InstanceIds: [instanceId]}));
    expect(await workers()).toEqual([]);
    expect((await rejectionOf(core.readNamespacedPod({namespace: 'default', name: 'pinned'}))).code).toBe(404);

    // The group notices on its next call and launches a replacement.
    await fx.clients.autoscaling.send(new DescribeAutoScalingGroupsCommand({}));
    const [replacement] = await workers();
    expect(replacement?.metadata?.name).not.toBe(nodeName);
    expect(ready(replacement)).toBe('False');
    fx.advance(BOOT_DELAY_MS);
    expect(ready((await workers())[0])).toBe('True');
  });

  it('takes the API down with the last control plane, and up again with its replacement', async () => {
    const first = await firstControlPlane();
    fx.advance(BOOT_DELAY_MS);
    await fx.clients.ec2.send(new TerminateInstancesCommand({InstanceIds: [first]}));
    expect((await rejectionOf(core.listNode())).message).toMatch(/socket hang up|ECONNRESET|disconnected/);

    await firstControlPlane();
    fx.advance(BOOT_DELAY_MS);
    expect((await core.listNode()).items).toHaveLength(1);
  });
});

describe('cordoning and labelling through PATCH', () => {
  it('cordons with a merge patch, uncordons with a JSON patch, labels with a strategic-merge patch', async () => {
    await firstControlPlane();
    fx.advance(BOOT_DELAY_MS);
    const [node] = (await core.listNode()).items;
    const name = node?.metadata?.name ?? '';

    const cordoned = await core.patchNode({name, body: {spec: {unschedulable: true}}}, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(cordoned.spec?.unschedulable).toBe(true);
    expect(cordoned.spec?.taints).toContainEqual({key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule'});
    expect((await core.listNode({fieldSelector: 'spec.unschedulable=true'})).items).toHaveLength(1);

    const labelled = await core.patchNode({name, body: {metadata: {labels: {rack: 'r1'}}}}, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(labelled.metadata?.labels).toMatchObject({'rack': 'r1', 'node-role.kubernetes.io/control-plane': ''});

    const uncordoned = await core.patchNode({name, body: [{op: 'replace', path: '/spec/unschedulable', value: false}]});
    expect(uncordoned.spec?.unschedulable).toBeUndefined();
    expect(uncordoned.spec?.taints).toEqual([CONTROL_PLANE_TAINT]);
    expect(Number(uncordoned.metadata?.resourceVersion)).toBeGreaterThan(Number(cordoned.metadata?.resourceVersion));

    const invalid = await rejectionOf(core.patchNode({name, body: {spec: {unschedulable: 'yes'}}}, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)));
    expect(invalid.code).toBe(422);
    expect((await rejectionOf(core.patchNode({name: 'ip-10-9-9-9.ec2.internal', body: []}))).code).toBe(404);
  });
});

import {PatchStrategy, setHeaderOptions, type AppsV1Api, type CoreV1Api, type PolicyV1Api, type V1Pod} from '@kubernetes/client-node';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {rejectionOf} from './clients.js';
import {
  BOOT_DELAY_MS,
  clientCertificate,
  firstControlPlaneUserData,
  kubernetesClients,
  opensslCa,
  startKubernetesFixture,
  workerUserData,
  type KubernetesFixture,
  type PemPair,
} from './kubernetes-fixtures.js';

const CLUSTER = 'pods.example.com';

let ca: PemPair;
let admin: PemPair;
let fx: KubernetesFixture;
let core: CoreV1Api;
let policy: PolicyV1Api;
let apps: AppsV1Api;
let controlPlane: string;
let workers: string[];

beforeAll(async () => {
  ca = opensslCa('kubernetes');
  admin = await clientCertificate(ca);
});

/** One control plane and two workers, all Ready. */
beforeEach(async () => {
  fx = await startKubernetesFixture();
  ({core, policy, apps} = kubernetesClients(await fx.apiLoadBalancer(CLUSTER), ca.certPem, admin));
  await fx.launch(firstControlPlaneUserData(ca, {}), {KubernetesCluster: CLUSTER});
  await fx.launch(workerUserData(), {KubernetesCluster: CLUSTER}, 2);
  fx.advance(BOOT_DELAY_MS);
  controlPlane = (await core.listNode({labelSelector: 'node-role.kubernetes.io/control-plane'})).items[0]?.metadata?.name ?? '';
  workers = (await core.listNode({labelSelector: '!node-role.kubernetes.io/control-plane'})).items.map((node) => node.metadata?.name ?? '');
  fx.advance(BOOT_DELAY_MS);
});

afterEach(async () => {
  await fx.close();
});

const cordon = (name: string) =>
  core.patchNode({name, body: {spec: {unschedulable: true}}}, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));

/** A pod of `app`; with `replicaSet`, owned by that ReplicaSet as a Deployment's pods are. */
function pod(name: string, app: string, options: {nodeName?: string; replicaSet?: string} = {}): V1Pod {
  return {
    metadata: {
      name,
      labels: {app},
      ...(options.replicaSet
        ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: options.replicaSet, uid: 'b7c1e6a2-0000-4000-8000-000000000001', controller: true}]}
        : {}),
    },
    spec: {...(options.nodeName ? {nodeName: options.nodeName} : {}), containers: [{name: app, image: `${app}:1`}]},
  };
}

async function podsOf(app: string): Promise<V1Pod[]> {
  return (await core.listNamespacedPod({namespace: 'default', labelSelector: `app=${app}`})).items;
}

/** The Status object of a failed call (client-node keeps the body as text). */
function statusOf(error: Record<string, unknown>): Record<string, unknown> {
  return (typeof error.body === 'string' ? JSON.parse(error.body) : error.body) as Record<string, unknown>;
}

describe('kube-system', () => {
  it('runs the pods of a kubeadm cluster, each on its node, Running once the node is Ready', async () => {
    const {items} = await core.listNamespacedPod({namespace: 'kube-system'});
    const names = items.map((item) => item.metadata?.name ?? '');
    expect(names).toEqual(expect.arrayContaining(
      ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'].map((component) => `${component}-${controlPlane}`),
    ));
    expect(names.filter((name) => /^kube-proxy-[a-z0-9]{5}$/.test(name))).toHaveLength(3);
    expect(names.filter((name) => /^cilium-[a-z0-9]{5}$/.test(name))).toHaveLength(3);
    expect(names.filter((name) => /^coredns-[a-z0-9]{10}-[a-z0-9]{5}$/.test(name))).toHaveLength(2);
    expect(items).toHaveLength(12);
    for (const item of items) {
      expect(item.status?.phase).toBe('Running');
      expect(item.status?.containerStatuses?.every((container) => container.ready)).toBe(true);
    }
    const proxies = items.filter((item) => item.metadata?.name?.startsWith('kube-proxy-'));
    expect(proxies.map((item) => item.spec?.nodeName).sort()).toEqual([controlPlane, ...workers].sort());
    expect(proxies[0]?.metadata?.ownerReferences?.[0]).toMatchObject({kind: 'DaemonSet', name: 'kube-proxy', controller: true});
    expect(items.find((item) => item.metadata?.name === `etcd-${controlPlane}`)?.metadata?.ownerReferences?.[0])
      .toMatchObject({kind: 'Node', name: controlPlane});
  });

  it('shows the DaemonSets of the per-node pods, which drain tools look up before they leave such pods alone', async () => {
    const {items} = await apps.listNamespacedDaemonSet({namespace: 'kube-system'});
    expect(items.map((item) => [item.metadata?.name, item.status?.desiredNumberScheduled, item.status?.numberReady]))
      .toEqual([['cilium', 3, 3], ['kube-proxy', 3, 3]]);
    const [proxy] = (await core.listNamespacedPod({namespace: 'kube-system', labelSelector: 'k8s-app=kube-proxy'})).items;
    const owner = proxy?.metadata?.ownerReferences?.[0];
    expect((await apps.readNamespacedDaemonSet({namespace: 'kube-system', name: owner?.name ?? ''})).metadata?.uid).toBe(owner?.uid);
    expect((await rejectionOf(apps.readNamespacedDaemonSet({namespace: 'default', name: 'kube-proxy'}))).code).toBe(404);
  });

  it('shows a joining node\'s pods Pending until it is Ready, and brings back a deleted DaemonSet pod', async () => {
    await fx.launch(workerUserData(), {KubernetesCluster: CLUSTER});
    const onNode = async (name: string) => (await core.listPodForAllNamespaces({fieldSelector: `spec.nodeName=${name}`})).items;
    const [joining] = (await core.listNode({fieldSelector: `metadata.name!=${controlPlane}`})).items
      .filter((node) => !workers.includes(node.metadata?.name ?? ''));
    const name = joining?.metadata?.name ?? '';
    expect((await onNode(name)).map((item) => item.status?.phase)).toEqual(['Pending', 'Pending']);
    fx.advance(BOOT_DELAY_MS);
    expect((await onNode(name)).map((item) => item.status?.phase)).toEqual(['Running', 'Running']);

    const proxy = (await onNode(name)).find((item) => item.metadata?.name?.startsWith('kube-proxy-'));
    await core.deleteNamespacedPod({namespace: 'kube-system', name: proxy?.metadata?.name ?? ''});
    const after = (await onNode(name)).filter((item) => item.metadata?.name?.startsWith('kube-proxy-'));
    expect(after).toHaveLength(1);
    expect(after[0]?.metadata?.name).not.toBe(proxy?.metadata?.name);
  });
});

describe('pods', () => {
  it('schedules pods onto Ready, schedulable nodes whose taints they tolerate, and lists them by node and label', async () => {
    for (const name of ['web-1', 'web-2', 'web-3', 'web-4']) await core.createNamespacedPod({namespace: 'default', body: pod(name, 'web')});
    const web = await podsOf('web');
    expect(web.map((item) => item.status?.phase)).toEqual(['Running', 'Running', 'Running', 'Running']);
    // Spread over the workers; the control plane's taint keeps them off it.
    const [first = '', second = ''] = workers;
    expect(web.map((item) => item.spec?.nodeName).sort()).toEqual([first, first, second, second].sort());
    const onFirst = await core.listNamespacedPod({namespace: 'default', labelSelector: 'app=web', fieldSelector: `spec.nodeName=${first}`});
    expect(onFirst.items).toHaveLength(2);
    expect((await core.listPodForAllNamespaces({fieldSelector: `spec.nodeName=${first}`})).items).toHaveLength(4);

    await cordon(first);
    await core.createNamespacedPod({namespace: 'default', body: pod('web-5', 'web')});
    expect((await core.readNamespacedPod({namespace: 'default', name: 'web-5'})).spec?.nodeName).toBe(second);

    const tolerant = pod('admin-tool', 'tool');
    tolerant.spec = {...tolerant.spec, containers: tolerant.spec?.containers ?? [], nodeSelector: {'node-role.kubernetes.io/control-plane': ''},
      tolerations: [{key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule'}]};
    await core.createNamespacedPod({namespace: 'default', body: tolerant});
    expect((await core.readNamespacedPod({namespace: 'default', name: 'admin-tool'})).spec?.nodeName).toBe(controlPlane);

    const nowhere = pod('gpu-job', 'gpu');
    nowhere.spec = {...nowhere.spec, containers: nowhere.spec?.containers ?? [], nodeSelector: {gpu: 'true'}};
    await core.createNamespacedPod({namespace: 'default', body: nowhere});
    const pending = await core.readNamespacedPod({namespace: 'default', name: 'gpu-job'});
    expect(pending.status?.phase).toBe('Pending');
    expect(pending.status?.conditions?.[0]).toMatchObject({type: 'PodScheduled', status: 'False', reason: 'Unschedulable'});

    const duplicate = await rejectionOf(core.createNamespacedPod({namespace: 'default', body: pod('web-1', 'web')}));
    expect(duplicate.code).toBe(409);
    expect(statusOf(duplicate)).toMatchObject({reason: 'AlreadyExists', message: 'pods "web-1" already exists'});
  });
});

describe('evictions and PodDisruptionBudgets', () => {
  it('evicts a pod the budget allows; a ReplicaSet\'s pod comes back on another node, a bare pod does not', async () => {
    const [first = '', second = ''] = workers;
    await core.createNamespacedPod({namespace: 'default', body: pod('web-a', 'web', {nodeName: first, replicaSet: 'web-5d4f'})});
    await core.createNamespacedPod({namespace: 'default', body: pod('web-b', 'web', {nodeName: second, replicaSet: 'web-5d4f'})});
    await core.createNamespacedPod({namespace: 'default', body: pod('debug', 'debug', {nodeName: first})});
    const budget = await policy.createNamespacedPodDisruptionBudget({namespace: 'default', body: {
      metadata: {name: 'web'}, spec: {minAvailable: 1, selector: {matchLabels: {app: 'web'}}},
    }});
    expect(budget.status).toMatchObject({currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2});

    await cordon(first);
    await core.createNamespacedPodEviction({namespace: 'default', name: 'web-a', body: {metadata: {name: 'web-a', namespace: 'default'}}});
    const web = await podsOf('web');
    expect(web.map((item) => item.metadata?.name)).toEqual(expect.arrayContaining(['web-b', expect.stringMatching(/^web-5d4f-[a-z0-9]{5}$/)]));
    expect(web.map((item) => [item.spec?.nodeName, item.status?.phase])).toEqual([[second, 'Running'], [second, 'Running']]);
    expect((await policy.readNamespacedPodDisruptionBudget({namespace: 'default', name: 'web'})).status?.disruptionsAllowed).toBe(1);

    await core.createNamespacedPodEviction({namespace: 'default', name: 'debug', body: {metadata: {name: 'debug', namespace: 'default'}}});
    expect(await podsOf('debug')).toEqual([]);
    expect((await rejectionOf(core.createNamespacedPodEviction({namespace: 'default', name: 'debug', body: {}}))).code).toBe(404);
  });

  it('refuses an eviction the budget forbids with 429 and allows it once the budget is gone', async () => {
    for (const name of ['db-0', 'db-1', 'db-2']) await core.createNamespacedPod({namespace: 'default', body: pod(name, 'db')});
    await policy.createNamespacedPodDisruptionBudget({namespace: 'default', body: {
      metadata: {name: 'db'}, spec: {maxUnavailable: 0, selector: {matchExpressions: [{key: 'app', operator: 'In', values: ['db']}]}},
    }});
    const [budget] = (await policy.listPodDisruptionBudgetForAllNamespaces()).items;
    expect(budget?.status).toMatchObject({currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0, expectedPods: 3});

    const refused = await rejectionOf(core.createNamespacedPodEviction({namespace: 'default', name: 'db-0', body: {metadata: {name: 'db-0'}}}));
    expect(refused.code).toBe(429);
    expect(statusOf(refused)).toMatchObject({
      kind: 'Status',
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: {causes: [{reason: 'DisruptionBudget', message: 'The disruption budget db needs 3 healthy pods and has 3 currently'}]},
      code: 429,
    });
    expect(await podsOf('db')).toHaveLength(3);

    await policy.deleteNamespacedPodDisruptionBudget({namespace: 'default', name: 'db'});
    await core.createNamespacedPodEviction({namespace: 'default', name: 'db-0', body: {metadata: {name: 'db-0'}}});
    expect((await podsOf('db')).map((item) => item.metadata?.name)).toEqual(['db-1', 'db-2']);
  });

  it('rounds percentages up, evicts pending pods whatever the budget, and refuses invalid budgets', async () => {
    for (const name of ['api-0', 'api-1', 'api-2']) await core.createNamespacedPod({namespace: 'default', body: pod(name, 'api')});
    const half = await policy.createNamespacedPodDisruptionBudget({namespace: 'default', body: {
      metadata: {name: 'api'}, spec: {minAvailable: '50%', selector: {matchLabels: {app: 'api'}}},
    }});
    expect(half.status).toMatchObject({currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1});

    const stuck = pod('queue-0', 'queue');
    stuck.spec = {...stuck.spec, containers: stuck.spec?.containers ?? [], nodeSelector: {absent: 'label'}};
    await core.createNamespacedPod({namespace: 'default', body: stuck});
    await policy.createNamespacedPodDisruptionBudget({namespace: 'default', body: {
      metadata: {name: 'queue'}, spec: {minAvailable: 1, selector: {matchLabels: {app: 'queue'}}},
    }});
    await core.createNamespacedPodEviction({namespace: 'default', name: 'queue-0', body: {metadata: {name: 'queue-0'}}});
    expect(await podsOf('queue')).toEqual([]);

    const invalid = await rejectionOf(policy.createNamespacedPodDisruptionBudget({namespace: 'default', body: {
      metadata: {name: 'both'}, spec: {minAvailable: 1, maxUnavailable: 1, selector: {}},
    }}));
    expect(invalid.code).toBe(422);
    expect(statusOf(invalid)).toMatchObject({reason: 'Invalid'});
  });
});

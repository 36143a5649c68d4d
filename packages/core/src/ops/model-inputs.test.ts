import {describe, expect, it} from 'vitest';
import {buildCluster, completeCluster} from '../model/index.js';
import {CLUSTER_KEY_NAMES, Keystore} from '../pki/index.js';
import {isJoin, isRef, ref} from '../provider/index.js';
import {openStateStore} from '../state/index.js';
import {loadModelInputs} from './model-inputs.js';

const bundle = completeCluster(
  buildCluster({name: 'inputs.k8s.local', cloud: 'test', zones: ['zone-1a'], nodeSize: 'm', controlPlaneSize: 'm'}),
);
const controlPlane = bundle.instanceGroups.find((ig) => ig.spec.role === 'ControlPlane')!.metadata.name;

describe('loadModelInputs', () => {
  it('creates the cluster secrets once and renders user-data from them', async () => {
    const store = await openStateStore(`memfs://inputs-${Date.now()}`);
    const first = await loadModelInputs(store, bundle, {persistSecrets: true});
    const token = (await new Keystore(store, 'inputs.k8s.local').getSecret(CLUSTER_KEY_NAMES.bootstrapToken)).reveal();
    await loadModelInputs(store, bundle, {persistSecrets: true});
    const again = (await new Keystore(store, 'inputs.k8s.local').getSecret(CLUSTER_KEY_NAMES.bootstrapToken)).reveal();
    expect(again).toBe(token);

    const text = first.userData({instanceGroup: controlPlane, apiEndpoint: 'api.internal.inputs.k8s.local'});
    expect(typeof text).toBe('string');
    expect(text as string).toContain('#cloud-config');
    expect(text as string).toContain(token);
    expect(text as string).toContain('controlPlaneEndpoint: api.internal.inputs.k8s.local:443');
  });

  it('leaves the store untouched for a preview of a cluster without secrets', async () => {
    const store = await openStateStore(`memfs://inputs-preview-${Date.now()}`);
    const inputs = await loadModelInputs(store, bundle);
    expect(inputs.userData({instanceGroup: controlPlane, apiEndpoint: 'api.internal.inputs.k8s.local'})).toContain('kubeadm');
    expect(await store.list('')).toEqual([]);
  });

  it('turns a load balancer reference into a join around every place the endpoint appears', async () => {
    const store = await openStateStore(`memfs://inputs-join-${Date.now()}`);
    const inputs = await loadModelInputs(store, bundle);
    const endpoint = ref('load-balancer', 'api', 'dnsName');
    const value = inputs.userData({instanceGroup: 'nodes-zone-1a', apiEndpoint: endpoint});
    expect(isJoin(value)).toBe(true);
    if (!isJoin(value)) return;
    const refs = value.$join.filter(isRef);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((part) => part.$ref.name === 'api')).toBe(true);
    expect(value.$join.filter((part) => typeof part === 'string').join('')).not.toContain('kopsx.invalid');
  });
});

import {ok, type ApiHandler} from './api-call.js';

/** The resources the simulated API serves, per group version, as discovery lists them. */
const CORE_RESOURCES = [
  {name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list', 'patch'], shortNames: ['no']},
  {name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['create', 'delete', 'get', 'list'], shortNames: ['po']},
  {name: 'pods/eviction', singularName: '', namespaced: true, kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create']},
];
const POLICY_RESOURCES = [
  {
    name: 'poddisruptionbudgets',
    singularName: 'poddisruptionbudget',
    namespaced: true,
    kind: 'PodDisruptionBudget',
    verbs: ['create', 'delete', 'get', 'list'],
    shortNames: ['pdb'],
  },
];
const APPS_RESOURCES = [
  {name: 'daemonsets', singularName: 'daemonset', namespaced: true, kind: 'DaemonSet', verbs: ['get', 'list'], shortNames: ['ds']},
];
const group = (name: string) => ({name, versions: [{groupVersion: `${name}/v1`, version: 'v1'}], preferredVersion: {groupVersion: `${name}/v1`, version: 'v1'}});

export const coreVersions: ApiHandler = () =>
  ok({kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:443'}]});

export const groups: ApiHandler = () =>
  ok({
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [group('apps'), group('policy')],
  });

export const coreResources: ApiHandler = () => ok({kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources: CORE_RESOURCES});

export const appsResources: ApiHandler = () =>
  ok({kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: APPS_RESOURCES});

export const policyResources: ApiHandler = () =>
  ok({kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'policy/v1', resources: POLICY_RESOURCES});

/** `/version`: the cluster's Kubernetes release, `v1.35.7` → major 1, minor 35. */
export const version: ApiHandler = ({cluster}) => {
  const gitVersion = cluster.kubernetesVersion;
  const [major = '1', minor = '0'] = gitVersion.replace(/^v/, '').split('.');
  return ok({
    major,
    minor,
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.25.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  });
};

export const health: ApiHandler = () => ok('ok');

/**
 * The node labeler run for real: bash and the real kubectl against a small Kubernetes API on 127.0.0.1 that
 * serves what kubectl asks for (discovery, node list, node get and merge-patch) and records the patches.
 */
import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {controlPlaneServiceFiles} from './control-plane-services.js';

const run = promisify(execFile);
const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
})();

interface FakeNode {
  metadata: {name: string; labels: Record<string, string>; annotations?: Record<string, string>};
}

const CLAIMS = 'kopsx.io/node-labels';

/** Just enough of the Kubernetes API for `kubectl get nodes` and `kubectl label node`. */
function kubernetesApi(nodes: FakeNode[], patches: Array<{node: string; body: unknown}>): Server {
  const discovery: Record<string, unknown> = {
    '/api': {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: []},
    '/apis': {kind: 'APIGroupList', apiVersion: 'v1', groups: []},
    '/api/v1': {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [{name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list', 'patch'], shortNames: ['no']}],
    },
  };
  const send = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {'content-type': 'application/json'});
    res.end(JSON.stringify(body));
  };
  const read = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return JSON.parse(text || '{}') as {metadata?: {labels?: Record<string, string>}};
  };
  const asNode = (n: FakeNode) => ({apiVersion: 'v1', kind: 'Node', ...n});
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (discovery[url.pathname]) return send(res, 200, discovery[url.pathname]);
    if (url.pathname === '/api/v1/nodes') {
      const selector = url.searchParams.get('labelSelector') ?? '';
      const excluded = selector.startsWith('!') ? selector.slice(1) : undefined;
      const items = nodes.filter((n) => !excluded || !(excluded in n.metadata.labels)).map(asNode);
      return send(res, 200, {apiVersion: 'v1', kind: 'NodeList', metadata: {}, items});
    }
    const node = nodes.find((n) => url.pathname === `/api/v1/nodes/${n.metadata.name}`);
    if (!node) return send(res, 404, {kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404});
    if (req.method === 'PATCH') {
      void read(req).then((body) => {
        patches.push({node: node.metadata.name, body});
        Object.assign(node.metadata.labels, body.metadata?.labels);
        send(res, 200, asNode(node));
      });
      return;
    }
    send(res, 200, asNode(node));
  });
}

describe.skipIf(!hasKubectl)('kopsx-node-labeler (skipped when kubectl is not on PATH)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kopsx-labeler-'));
  const nodes: FakeNode[] = [
    {metadata: {name: 'worker-a', labels: {}, annotations: {[CLAIMS]: 'kops.k8s.io/instancegroup=nodes-a,node-role.kubernetes.io/worker='}}},
    {
      metadata: {
        name: 'worker-b',
        labels: {},
        annotations: {[CLAIMS]: 'node-role.kubernetes.io/control-plane=,kops.k8s.io/instancegroup=nodes-b,node-restriction.kubernetes.io/x=y'},
      },
    },
    {metadata: {name: 'worker-c', labels: {}}},
    {
      metadata: {
        name: 'control-plane-a',
        labels: {'node-role.kubernetes.io/control-plane': ''},
        annotations: {[CLAIMS]: 'kops.k8s.io/instancegroup=fake'},
      },
    },
  ];
  const patches: Array<{node: string; body: unknown}> = [];
  const server = kubernetesApi(nodes, patches);
  let stderr = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const {port} = server.address() as AddressInfo;
    const kubeconfig = join(dir, 'admin.conf');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:${port}"}\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n`,
    );
    const labeler = controlPlaneServiceFiles().find((f) => f.path === '/usr/local/sbin/kopsx-node-labeler');
    const script = join(dir, 'labeler');
    writeFileSync(script, labeler?.content.replace('/etc/kubernetes/admin.conf', kubeconfig) ?? '');
    ({stderr} = await run('bash', [script], {env: {...process.env, HOME: dir}}));
  });
  afterAll(() => {
    server.close();
    rmSync(dir, {recursive: true, force: true});
  });

  it('labels each worker with what it claims', () => {
    expect(nodes[0]?.metadata.labels).toEqual({'kops.k8s.io/instancegroup': 'nodes-a', 'node-role.kubernetes.io/worker': ''});
  });

  it('refuses control-plane labels to a worker and says so, granting the rest of its claim', () => {
    expect(nodes[1]?.metadata.labels).toEqual({'kops.k8s.io/instancegroup': 'nodes-b'});
    expect(stderr).toContain('refusing node-role.kubernetes.io/control-plane= for node worker-b');
    expect(stderr).toContain('refusing node-restriction.kubernetes.io/x=y for node worker-b');
  });

  it('leaves nodes without a claim, and control planes, alone', () => {
    expect(patches.map((p) => p.node).sort()).toEqual(['worker-a', 'worker-b']);
    expect(nodes[3]?.metadata.labels).toEqual({'node-role.kubernetes.io/control-plane': ''});
  });
});

import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, PluginDir, Sandbox} from './support/sandbox.js';

/**
 * Every way of holding kopsx wrong that we could think of. Each case must fail with a non-zero exit, one
 * error that names what was wrong, no stack trace, and a state store exactly as it was before.
 */
interface BadInputCase {
  readonly title: string;
  readonly args: readonly string[];
  /** A substring (or pattern) of stderr that names the mistake. */
  readonly error: string | RegExp;
  /** Files written into the sandbox dir (the process's cwd) first. */
  readonly files?: Readonly<Record<string, string>>;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
}

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const CLOSED_PORT = await closedPort();
const EXISTING = 'existing.k8s.local';
const editor = (name: string): string =>
  `"${process.execPath}" "${fileURLToPath(new URL(`fixtures/editors/${name}`, import.meta.url))}"`;
const create = (name: string, ...flags: string[]): string[] =>
  ['create', 'cluster', name, '--cloud', 'aws', '--zones', 'us-east-1a', ...flags];

const clusterDoc = (name: string, extra = ''): string => `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: ${name}
spec:
  cloudProvider: aws
  networkCIDR: 172.20.0.0/16
  subnets:
  - name: us-east-1a
    zone: us-east-1a
    type: Public
    cidr: 172.20.32.0/19
  etcdClusters:
  - name: main
    etcdMembers:
    - name: a
      instanceGroup: control-plane-us-east-1a
  - name: events
    etcdMembers:
    - name: a
      instanceGroup: control-plane-us-east-1a
${extra}`;
const igDoc = (name: string, labels = ''): string => `apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata:
  name: ${name}
${labels}spec:
  role: Node
  minSize: 1
  maxSize: 2
  subnets:
  - us-east-1a
`;
const labelFor = (cluster: string): string => `  labels:\n    kops.k8s.io/cluster: ${cluster}\n`;

const cases: BadInputCase[] = [
  // flags oclif rejects
  {title: 'unknown flag', args: ['get', 'clusters', '--colour'], error: 'Nonexistent flag: --colour'},
  {title: 'unknown command', args: ['frobnicate'], error: 'command frobnicate not found'},
  {
    title: 'bad --topology',
    args: create('t.k8s.local', '--topology', 'sideways'),
    error: 'Expected --topology=sideways to be one of: public, private',
  },
  {
    title: 'bad --dns',
    args: create('t.k8s.local', '--dns', 'secret'),
    error: 'Expected --dns=secret to be one of: public, private',
  },
  {
    title: 'bad -o for get',
    args: ['get', 'clusters', '-o', 'xml'],
    error: 'Expected --output=xml to be one of: table, yaml, json',
  },
  {
    title: 'bad -o for create --dry-run',
    args: create('t.k8s.local', '--dry-run', '-o', 'table'),
    error: 'Expected --output=table to be one of: yaml, json',
  },
  {title: 'missing --zones', args: ['create', 'cluster', 't.k8s.local', '--cloud', 'aws'], error: 'Missing required flag zones'},
  {
    title: 'missing --cloud',
    args: ['create', 'cluster', 't.k8s.local', '--zones', 'us-east-1a'],
    error: 'Missing required flag cloud',
  },
  {title: 'negative --node-count', args: create('t.k8s.local', '--node-count=-1'), error: 'greater than or equal to 0'},
  {title: 'zero control planes', args: create('t.k8s.local', '--control-plane-count', '0'), error: 'greater than or equal to 1'},
  {
    title: 'non-numeric --node-count',
    args: create('t.k8s.local', '--node-count', 'many'),
    error: 'Expected an integer but received: many',
  },
  {
    title: 'completion for an unknown shell',
    args: ['completion', 'fish'],
    error: 'Expected fish to be one of: bash, zsh, powershell',
  },
  {title: 'create -f without a file name', args: ['create'], error: 'Missing required flag filename'},
  // usage mistakes kopsx catches
  {
    title: 'missing cluster name',
    args: ['create', 'cluster', '--cloud', 'aws', '--zones', 'us-east-1a'],
    error: 'no cluster name given',
  },
  {title: 'two different cluster names', args: create('a.k8s.local', '--name', 'b.k8s.local'), error: 'two cluster names given'},
  {title: '-o without --dry-run', args: create('t.k8s.local', '-o', 'yaml'), error: '-o/--output only works with --dry-run'},
  {title: 'get ig without a cluster name', args: ['get', 'ig'], error: 'no cluster name given'},
  // specs the model rejects
  {title: 'invalid cluster name', args: create('Not_A_DNS_Name'), error: 'Not_A_DNS_Name'},
  {title: 'single-label cluster name', args: create('demo'), error: 'demo'},
  {title: 'even control-plane count', args: create('t.k8s.local', '--control-plane-count', '2'), error: /even|odd/},
  {title: 'bad --network-cidr', args: create('t.k8s.local', '--network-cidr', '10.0.0.0/33'), error: '10.0.0.0/33'},
  {
    title: '--network-cidr too small',
    args: create('t.k8s.local', '--network-cidr', '10.0.0.0/30'),
    error: /networkCIDR|too small/,
  },
  {title: 'bad --admin-access CIDR', args: create('t.k8s.local', '--admin-access', '300.1.2.3/8'), error: '300.1.2.3/8'},
  {title: 'bastion with public topology', args: create('t.k8s.local', '--bastion', '--topology', 'public'), error: /bastion/i},
  {title: 'unknown networking', args: create('t.k8s.local', '--networking', 'carrier-pigeon'), error: 'carrier-pigeon'},
  {title: 'DNS name without --dns-zone', args: create('demo.example.com'), error: 'dnsZone'},
  {
    title: 'zone the cloud does not have',
    args: create('t.k8s.local').map((arg) => (arg === 'us-east-1a' ? 'us-east-1z' : arg)),
    error: 'zone "us-east-1z" does not exist in us-east-1',
  },
  {
    title: 'cloud without its provider plugin',
    args: ['create', 'cluster', 't.k8s.local', '--cloud', 'gce', '--zones', 'europe-west1-b', '--dry-run'],
    error: 'cloud "gce" needs the provider plugin @kopsx/plugin-gce — run: kopsx plugins install gce',
  },
  {
    title: 'create -f of a cloud without its provider plugin',
    args: ['create', '-f', 'c.yaml'],
    files: {'c.yaml': clusterDoc('g.k8s.local').replace('cloudProvider: aws', 'cloudProvider: gce')},
    error: 'cloud "gce" needs the provider plugin @kopsx/plugin-gce',
  },
  {
    title: 'a feature flag does not stand in for a missing provider',
    args: create('t.k8s.local').map((arg) => (arg === 'aws' ? 'azure' : arg)),
    env: {KOPS_FEATURE_FLAGS: 'AlphaAllowAzure'},
    error: 'cloud "azure" needs the provider plugin @kopsx/plugin-azure',
  },
  {
    title: 'malformed zone',
    args: ['create', 'cluster', 't.k8s.local', '--cloud', 'aws', '--zones', 'Not A Zone'],
    error: 'Not A Zone',
  },
  // the store's contents
  {title: 'cluster already exists', args: create(EXISTING), error: `cluster "${EXISTING}" already exists`},
  {title: 'get a missing cluster', args: ['get', 'cluster', 'ghost.k8s.local'], error: 'cluster "ghost.k8s.local" not found'},
  {
    title: 'get all for a missing cluster',
    args: ['get', 'all', '--name', 'ghost.k8s.local'],
    error: 'cluster "ghost.k8s.local" not found',
  },
  {
    title: 'edit a missing cluster',
    args: ['edit', 'cluster', 'ghost.k8s.local'],
    error: 'cluster "ghost.k8s.local" not found',
    env: {EDITOR: 'true'},
  },
  {
    title: 'delete a missing cluster',
    args: ['delete', 'cluster', 'ghost.k8s.local', '--yes'],
    error: 'cluster "ghost.k8s.local" not found',
  },
  {
    title: 'preview deleting a missing cluster',
    args: ['delete', 'cluster', 'ghost.k8s.local'],
    error: 'cluster "ghost.k8s.local" not found',
  },
  {
    title: 'unregister a missing cluster',
    args: ['delete', 'cluster', 'ghost.k8s.local', '--unregister', '--yes'],
    error: 'cluster "ghost.k8s.local" not found',
  },
  {title: 'update a missing cluster', args: ['update', 'cluster', 'ghost.k8s.local'], error: 'cluster "ghost.k8s.local" not found'},
  {
    title: 'update --out without --target terraform',
    args: ['update', 'cluster', EXISTING, '--out', 'tf'],
    error: '--out only works with --target terraform',
  },
  {
    title: 'update -o json with --yes',
    args: ['update', 'cluster', EXISTING, '-o', 'json', '--yes'],
    error: '-o json prints the preview and cannot be combined with --yes',
  },
  {title: 'update --concurrency 0', args: ['update', 'cluster', EXISTING, '--concurrency', '0'], error: 'greater than or equal to 1'},
  {
    title: 'update to an unknown target',
    args: ['update', 'cluster', EXISTING, '--target', 'pulumi'],
    error: 'Expected --target=pulumi to be one of: direct, terraform',
  },
  {title: 'update without a cluster name', args: ['update', 'cluster'], error: 'no cluster name given'},
  {
    title: 'get a missing instance group',
    args: ['get', 'ig', 'nope', '--name', EXISTING],
    error: 'instance group "nope" not found',
  },
  {
    title: 'edit a missing instance group',
    args: ['edit', 'ig', 'nope', '--name', EXISTING],
    error: 'instance group "nope" not found',
    env: {EDITOR: 'true'},
  },
  {
    title: 'delete a missing instance group',
    args: ['delete', 'ig', 'nope', '--name', EXISTING, '--yes'],
    error: 'instance group "nope" not found',
  },
  {
    title: "delete the etcd members' control plane",
    args: ['delete', 'ig', 'control-plane-us-east-1a', '--name', EXISTING, '--yes'],
    error: 'control-plane-us-east-1a',
  },
  // manifests
  {title: 'create -f a missing file', args: ['create', '-f', 'nope.yaml'], error: 'file "nope.yaml" does not exist'},
  {title: 'replace -f a missing file', args: ['replace', '-f', 'nope.yaml'], error: 'file "nope.yaml" does not exist'},
  {title: 'delete -f a missing file', args: ['delete', '-f', 'nope.yaml', '--yes'], error: 'file "nope.yaml" does not exist'},
  {
    title: 'invalid YAML',
    args: ['create', '-f', 'bad.yaml'],
    files: {'bad.yaml': 'kind: Cluster\n  metadata: [oops\n'},
    error: 'bad.yaml',
  },
  {title: 'invalid YAML on stdin', args: ['create', '-f', '-'], input: 'kind: [\n', error: 'stdin'},
  {
    title: 'wrong apiVersion',
    args: ['create', '-f', 'c.yaml'],
    files: {'c.yaml': clusterDoc('w.k8s.local').replace('kops.k8s.io/v1alpha2', 'kops.k8s.io/v1')},
    error: 'kops.k8s.io/v1',
  },
  {
    title: 'unknown field',
    args: ['create', '-f', 'c.yaml'],
    files: {'c.yaml': clusterDoc('u.k8s.local', '  flavour: spicy\n')},
    error: 'flavour',
  },
  {
    title: 'instance group naming no cluster',
    args: ['create', '-f', 'ig.yaml'],
    files: {'ig.yaml': igDoc('extra')},
    error: 'does not say which cluster',
  },
  {
    title: 'instance group for a missing cluster',
    args: ['create', '-f', 'ig.yaml'],
    files: {'ig.yaml': igDoc('extra', labelFor('ghost.k8s.local'))},
    error: 'cluster "ghost.k8s.local" not found',
  },
  {
    title: 'create -f an instance group that exists',
    args: ['create', '-f', 'ig.yaml', '--name', EXISTING],
    files: {'ig.yaml': igDoc('nodes-us-east-1a')},
    error: 'instance group "nodes-us-east-1a" already exists',
  },
  {
    title: 'replace -f a cluster that is not stored',
    args: ['replace', '-f', 'c.yaml'],
    files: {'c.yaml': clusterDoc('new.k8s.local')},
    error: 'cluster "new.k8s.local" not found',
  },
  {
    title: 'replace -f an instance group that is not stored',
    args: ['replace', '-f', 'ig.yaml', '--name', EXISTING],
    files: {'ig.yaml': igDoc('extra')},
    error: 'instance group "extra" not found',
  },
  {
    title: 'create -f an instance group in a subnet the cluster lacks',
    args: ['create', '-f', 'ig.yaml', '--name', EXISTING],
    files: {'ig.yaml': igDoc('extra').replace('- us-east-1a', '- eu-west-1z')},
    error: 'eu-west-1z',
  },
  {title: 'empty manifest', args: ['create', '-f', 'empty.yaml'], files: {'empty.yaml': ''}, error: 'holds no Cluster or InstanceGroup'},
  // the state store itself
  {title: 'unknown store scheme', args: ['get', 'clusters', '--state', 'ftp://example.com/state'], error: 'ftp'},
  {
    title: 'unreachable s3 store',
    args: ['get', 'clusters', '--state', 's3://kopsx-state/prod'],
    env: {AWS_ENDPOINT_URL: `http://127.0.0.1:${CLOSED_PORT}`, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1'},
    error: 'cannot reach S3 for s3://kopsx-state/prod',
  },
  // editors and keys
  {
    title: 'editor exits non-zero',
    args: ['edit', 'cluster', EXISTING],
    env: {EDITOR: `${editor('exit-with.mjs')} 3`},
    error: 'exited with code 3; nothing was saved',
  },
  {
    title: 'editor cannot be found',
    args: ['edit', 'cluster', EXISTING],
    env: {EDITOR: 'no-such-editor-kopsx'},
    error: 'exited with code 127',
  },
  {
    title: 'edit left invalid',
    args: ['edit', 'ig', 'nodes-us-east-1a', '--name', EXISTING],
    env: {EDITOR: editor('break-once.mjs')},
    error: 'still has the errors',
  },
  {
    title: 'missing ssh key file',
    args: create('t.k8s.local', '--ssh-public-key', 'missing.pub'),
    error: 'SSH public key file "missing.pub" does not exist',
  },
  {
    title: 'malformed ssh key',
    args: create('t.k8s.local', '--ssh-public-key', 'key.pub'),
    files: {'key.pub': 'not a key at all\n'},
    error: 'key.pub: unsupported SSH key type "not"',
  },
  {
    title: 'private key given as ssh key',
    args: create('t.k8s.local', '--ssh-public-key', 'id'),
    files: {id: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n'},
    error: 'private key',
  },
];

let plugins: PluginDir;
let template: Sandbox;

beforeAll(async () => {
  plugins = await PluginDir.link(AWS_PLUGIN_DIR);
  template = new Sandbox({pluginDir: plugins});
  const created = await template.run(create(EXISTING));
  expect(created.code, created.stderr).toBe(0);
});

afterAll(() => {
  template?.remove();
  plugins?.remove();
});

describe('bad input', () => {
  it('covers at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.for(cases)('$title: fails cleanly and leaves the store alone', async (testCase) => {
    const sandbox = new Sandbox({pluginDir: plugins});
    try {
      sandbox.copyStoreFrom(template.storeDir);
      for (const [name, content] of Object.entries(testCase.files ?? {})) sandbox.write(name, content);
      const before = sandbox.snapshot();
      const result = await sandbox.run(testCase.args, {env: testCase.env, input: testCase.input});
      const report = `${testCase.title}\n$ kopsx ${testCase.args.join(' ')}\n${result.stderr}`;
      expect(result.code, report).not.toBe(0);
      if (typeof testCase.error === 'string') expect(result.stderr, report).toContain(testCase.error);
      else expect(result.stderr, report).toMatch(testCase.error);
      expect(result.stderr, report).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(result.stdout.trim(), report).toBe('');
      expect(sandbox.snapshot(), report).toEqual(before);
    } finally {
      sandbox.remove();
    }
  });
});

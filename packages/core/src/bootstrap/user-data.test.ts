import {createPublicKey} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {KopsxError, NotFoundError, ValidationError} from '../errors.js';
import type {ClusterBundle, InstanceGroup} from '../model/index.js';
import {firstControlPlaneGroup} from './bootstrap-role.js';
import {
  documentOf,
  fileAt,
  kubeadmDocuments,
  parseCloudConfig,
  selfSignedCa,
  testCaMaterial,
  testCluster,
  testJoinMaterial,
} from './testing/bootstrap-fixtures.js';
import {renderUserData} from './user-data.js';
import type {UserDataOptions} from './user-data-options.js';

const join = testJoinMaterial();
const caMaterial = testCaMaterial();
const INIT = '/etc/kopsx/kubeadm-init.yaml';
const JOIN = '/etc/kopsx/kubeadm-join.yaml';
const SCRIPT = '/usr/local/sbin/kopsx-bootstrap';

function render(bundle: ClusterBundle, instanceGroup: string, extra: Partial<UserDataOptions> = {}) {
  const document = documentOf(
    renderUserData({bundle, instanceGroup, apiEndpoint: `api.internal.${bundle.cluster.metadata.name}`, join, caMaterial, ...extra}),
  );
  return {document, config: parseCloudConfig(document)};
}

function withGroup(bundle: ClusterBundle, name: string, change: (ig: InstanceGroup) => void): ClusterBundle {
  const copy = structuredClone(bundle);
  const group = copy.instanceGroups.find((ig) => ig.metadata.name === name);
  if (group) change(group);
  return copy;
}

const groupsOf = (bundle: ClusterBundle, role: string) =>
  bundle.instanceGroups.filter((ig) => ig.spec.role === role).map((ig) => ig.metadata.name);

describe('renderUserData', () => {
  const bundle = testCluster({controlPlanes: 3, topology: 'private'});
  const [first, ...others] = groupsOf(bundle, 'ControlPlane').sort();
  const endpoint = `api.internal.${bundle.cluster.metadata.name}`;

  it('creates the cluster on the first control plane with the spec version, endpoint, ranges, token and certificate key', () => {
    const {config} = render(bundle, first!);
    const {InitConfiguration: init, ClusterConfiguration: cluster} = kubeadmDocuments(config, INIT);
    expect(cluster).toMatchObject({
      kubernetesVersion: bundle.cluster.spec.kubernetesVersion,
      controlPlaneEndpoint: `${endpoint}:443`,
      clusterName: bundle.cluster.metadata.name,
      networking: {podSubnet: bundle.cluster.spec.podCIDR, serviceSubnet: bundle.cluster.spec.serviceClusterIPRange},
    });
    expect(init).toMatchObject({certificateKey: join.certificateKey, localAPIEndpoint: {bindPort: 443}});
    expect(init?.bootstrapTokens).toEqual([expect.objectContaining({token: join.bootstrapToken, ttl: '0s'})]);
    expect(fileAt(config, INIT)?.permissions).toBe('0600');
    expect(fileAt(config, SCRIPT)?.content).toContain('kubeadm init --config /etc/kopsx/kubeadm-init.yaml');
  });

  it('writes the given CAs 0600 where kubeadm init looks for them, with sa.pub derived from the service-account key', () => {
    const {config} = render(bundle, first!);
    const expected: Record<string, string> = {
      '/etc/kubernetes/pki/ca.crt': caMaterial.kubernetesCa.certPem,
      '/etc/kubernetes/pki/ca.key': caMaterial.kubernetesCa.keyPem,
      '/etc/kubernetes/pki/etcd/ca.crt': caMaterial.etcdCa.certPem,
      '/etc/kubernetes/pki/etcd/ca.key': caMaterial.etcdCa.keyPem,
      '/etc/kubernetes/pki/front-proxy-ca.crt': caMaterial.frontProxyCa.certPem,
      '/etc/kubernetes/pki/front-proxy-ca.key': caMaterial.frontProxyCa.keyPem,
      '/etc/kubernetes/pki/sa.key': caMaterial.serviceAccountKeyPem,
      '/etc/kubernetes/pki/sa.pub': createPublicKey(caMaterial.serviceAccountKeyPem).export({type: 'spki', format: 'pem'}).toString(),
    };
    for (const [path, content] of Object.entries(expected)) {
      expect(fileAt(config, path), path).toMatchObject({content, permissions: '0600', owner: 'root:root'});
    }
  });

  it('joins further control planes with the certificate key and the pinned CA, carrying no CA keys', () => {
    for (const name of others) {
      const {document, config} = render(bundle, name);
      const {JoinConfiguration: joinDoc} = kubeadmDocuments(config, JOIN);
      expect(joinDoc).toMatchObject({
        discovery: {bootstrapToken: {apiServerEndpoint: `${endpoint}:443`, token: join.bootstrapToken, caCertHashes: [join.caCertHash]}},
        controlPlane: {certificateKey: join.certificateKey, localAPIEndpoint: {bindPort: 443}},
      });
      expect(fileAt(config, INIT)).toBeUndefined();
      expect(document).not.toContain('PRIVATE KEY');
      expect(fileAt(config, SCRIPT)?.content).not.toContain('kubeadm init --config');
    }
  });

  it('joins nodes with the token and CA hash only: no certificate key, no CA material', () => {
    for (const name of groupsOf(bundle, 'Node')) {
      const {document, config} = render(bundle, name);
      const {JoinConfiguration: joinDoc} = kubeadmDocuments(config, JOIN);
      expect(joinDoc).toMatchObject({
        discovery: {bootstrapToken: {apiServerEndpoint: `${endpoint}:443`, token: join.bootstrapToken, caCertHashes: [join.caCertHash]}},
      });
      expect(joinDoc).not.toHaveProperty('controlPlane');
      expect(document).not.toContain(join.certificateKey);
      expect(document).not.toContain('BEGIN');
    }
  });

  it('gives bastions hardening only: no Kubernetes and no secrets', () => {
    const [bastion] = groupsOf(bundle, 'Bastion');
    const lockdown = 'iptables -I FORWARD -d 169.254.169.254/32 -j DROP';
    const {document, config} = render(bundle, bastion!, {preKubeadmCommands: [lockdown]});
    expect(config).toMatchObject({bootcmd: [lockdown], ssh_pwauth: false, disable_root: true, package_upgrade: true});
    expect(config).not.toHaveProperty('write_files');
    for (const secret of [join.bootstrapToken, join.certificateKey, join.caCertHash, 'kubeadm']) expect(document).not.toContain(secret);
  });

  it('runs the provider hardening at every boot of every role', () => {
    const lockdown = 'iptables -I FORWARD -d 169.254.169.254/32 -j DROP';
    for (const ig of bundle.instanceGroups) {
      expect(render(bundle, ig.metadata.name, {preKubeadmCommands: [lockdown]}).config.bootcmd, ig.metadata.name).toEqual([lockdown]);
    }
  });

  it('picks the first control-plane group by name, wherever it stands in the bundle', () => {
    const reversed = {...bundle, instanceGroups: [...bundle.instanceGroups].reverse()};
    expect(firstControlPlaneGroup(reversed)?.metadata.name).toBe(first);
    const initOn = groupsOf(reversed, 'ControlPlane').filter((name) => fileAt(render(reversed, name).config, INIT));
    expect(initOn).toEqual([first]);
  });

  it('registers nodes with the group labels the kubelet may set and its taints, and claims the restricted ones', () => {
    const [nodes] = groupsOf(bundle, 'Node');
    const labelled = withGroup(bundle, nodes!, (ig) => {
      ig.spec.nodeLabels = {...ig.spec.nodeLabels, team: 'blue', 'node-role.kubernetes.io/worker': ''};
      ig.spec.taints = ['dedicated=gpu:NoSchedule', 'spot:PreferNoSchedule'];
    });
    const {config} = render(labelled, nodes!);
    const registration = kubeadmDocuments(config, JOIN).JoinConfiguration?.nodeRegistration;
    expect(registration).toMatchObject({
      kubeletExtraArgs: [{name: 'node-labels', value: 'team=blue'}],
      taints: [
        {key: 'dedicated', value: 'gpu', effect: 'NoSchedule'},
        {key: 'spot', effect: 'PreferNoSchedule'},
      ],
    });
    expect(fileAt(config, SCRIPT)?.content).toContain(
      `annotate node "$node_name" --overwrite kopsx.io/node-labels=kops.k8s.io/instancegroup=${nodes},node-role.kubernetes.io/worker=`,
    );
  });

  it('keeps the control-plane taint on control planes and lets them label themselves', () => {
    const tainted = withGroup(bundle, first!, (ig) => (ig.spec.taints = ['dedicated=etcd:NoExecute']));
    const {config} = render(tainted, first!);
    expect(kubeadmDocuments(config, INIT).InitConfiguration?.nodeRegistration).toMatchObject({
      taints: [
        {key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'},
        {key: 'dedicated', value: 'etcd', effect: 'NoExecute'},
      ],
    });
    expect(fileAt(config, SCRIPT)?.content).toContain(`kubectl label node "$node_name" --overwrite kops.k8s.io/instancegroup=${first}`);
  });

  it('refuses control-plane labels on a worker group', () => {
    const [nodes] = groupsOf(bundle, 'Node');
    const sneaky = withGroup(bundle, nodes!, (ig) => (ig.spec.nodeLabels = {'node-role.kubernetes.io/control-plane': ''}));
    expect(() => render(sneaky, nodes!)).toThrow(ValidationError);
  });

  it('installs kubeadm, kubelet and kubectl of exactly the spec version from that minor release repository', () => {
    const older = structuredClone(bundle);
    older.cluster.spec.kubernetesVersion = 'v1.34.2';
    const script = fileAt(render(older, first!).config, SCRIPT)?.content ?? '';
    expect(script).toContain('https://pkgs.k8s.io/core:/stable:/v1.34/deb/ /');
    expect(script).toContain("'kubelet=1.34.2-*' 'kubeadm=1.34.2-*' 'kubectl=1.34.2-*'");
    expect(script).toContain('apt-mark hold kubelet kubeadm kubectl');
    expect(kubeadmDocuments(render(older, first!).config, INIT).ClusterConfiguration?.kubernetesVersion).toBe('v1.34.2');
  });

  it('puts etcd on the provider volume on control planes only', () => {
    const volume = {device: '/dev/disk/by-id/google-etcd', mountPath: '/var/lib/etcd-volume'};
    const {config} = render(bundle, first!, {etcdVolume: volume});
    expect(kubeadmDocuments(config, INIT).ClusterConfiguration?.etcd).toEqual({local: {dataDir: '/var/lib/etcd-volume/data'}});
    expect(fileAt(config, SCRIPT)?.content).toContain('mount /var/lib/etcd-volume');
    const [nodes] = groupsOf(bundle, 'Node');
    expect(fileAt(render(bundle, nodes!, {etcdVolume: volume}).config, SCRIPT)?.content).not.toContain('etcd');
    expect(() => render(bundle, first!, {etcdVolume: {device: '/dev/sdf', mountPath: '/mnt/$(reboot)'}})).toThrow(/mount path/);
  });

  it('runs kubelet and controller manager with the external cloud provider when asked', () => {
    const {config} = render(bundle, first!, {externalCloudProvider: true});
    const {InitConfiguration: init, ClusterConfiguration: cluster} = kubeadmDocuments(config, INIT);
    expect(init?.nodeRegistration).toMatchObject({kubeletExtraArgs: [{name: 'cloud-provider', value: 'external'}]});
    expect(cluster?.controllerManager).toEqual({extraArgs: [{name: 'cloud-provider', value: 'external'}]});
  });

  it('gives the API certificate the endpoint, the cluster DNS names and the provider names', () => {
    const {config} = render(bundle, first!, {apiEndpoint: 'lb-123.sim.example', additionalApiNames: ['api.public.example.com']});
    expect(kubeadmDocuments(config, INIT).ClusterConfiguration?.apiServer).toEqual({
      certSANs: ['lb-123.sim.example', `api.${bundle.cluster.metadata.name}`, endpoint, 'api.public.example.com'],
    });
  });

  it('is deterministic', () => {
    for (const ig of bundle.instanceGroups) expect(render(bundle, ig.metadata.name).document).toBe(render(bundle, ig.metadata.name).document);
  });

  it('applies the chosen network plugin after kubeadm init, and provider commands instead when given', () => {
    const calico = testCluster({controlPlanes: 1, topology: 'public', networking: 'calico'});
    const [cp] = groupsOf(calico, 'ControlPlane');
    expect(fileAt(render(calico, cp!).config, SCRIPT)?.content).toMatch(/kubectl apply -f https:\/\/raw\.githubusercontent\.com\/projectcalico\/calico\/v[\d.]+\/manifests\/calico\.yaml/);
    const flannel = testCluster({controlPlanes: 1, topology: 'public', networking: 'flannel'});
    expect(fileAt(render(flannel, cp!).config, SCRIPT)?.content).toContain(`s#10.244.0.0/16#${flannel.cluster.spec.podCIDR}#g`);
    const vpc = testCluster({controlPlanes: 1, topology: 'public', networking: 'amazonvpc'});
    expect(() => render(vpc, cp!)).toThrow(expect.objectContaining({code: 'UnsupportedNetworking'}));
    const installed = fileAt(render(vpc, cp!, {networkPluginCommands: ['retry kubectl apply -f /etc/vpc-cni.yaml']}).config, SCRIPT);
    expect(installed?.content).toContain('retry kubectl apply -f /etc/vpc-cni.yaml');
  });

  it('lets containerd write the CNI configuration for kubenet, on every machine', () => {
    const kubenet = testCluster({controlPlanes: 1, topology: 'public', networking: 'kubenet'});
    for (const ig of kubenet.instanceGroups) {
      const {config} = render(kubenet, ig.metadata.name);
      expect(fileAt(config, '/etc/containerd/config.toml')?.content).toContain('conf_template = "/etc/containerd/kubenet-cni.template"');
      expect(JSON.parse(fileAt(config, '/etc/containerd/kubenet-cni.template')?.content ?? '{}')).toMatchObject({name: 'kubenet'});
    }
  });

  describe('refuses inputs that cannot boot a machine', () => {
    it('an unknown group', () => expect(() => render(bundle, 'nodes-mars')).toThrow(NotFoundError));
    it('a first control plane without CA keys', () => {
      expect(() => renderUserData({bundle, instanceGroup: first!, apiEndpoint: endpoint, join})).toThrow(/needs the CA keys/);
    });
    it('a CA key that does not belong to its certificate', () => {
      const swapped = {...caMaterial, etcdCa: {certPem: caMaterial.etcdCa.certPem, keyPem: selfSignedCa('other').keyPem}};
      expect(() => render(bundle, first!, {caMaterial: swapped})).toThrow(/"etcd-ca" does not belong/);
    });
    it('malformed join material, without repeating it', () => {
      const bad = {...join, bootstrapToken: 'NOT-A-TOKEN-secretvalue'};
      expect(() => render(bundle, others[0]!, {join: bad})).toThrow(KopsxError);
      expect(() => render(bundle, others[0]!, {join: bad})).not.toThrow(/secretvalue/);
    });
    it('an endpoint with a port or spaces', () => {
      expect(() => render(bundle, others[0]!, {apiEndpoint: 'api.example.com:6443'})).toThrow(/without a port/);
    });
    it('a version that is not a release', () => {
      const rc = structuredClone(bundle);
      rc.cluster.spec.kubernetesVersion = 'v1.36.0-rc.1';
      expect(() => render(rc, others[0]!)).toThrow(expect.objectContaining({code: 'InvalidKubernetesVersion'}));
    });
  });
});

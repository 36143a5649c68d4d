import {assertValid, buildCluster, cloudOf, Keystore} from '@kopsx/core';
import type {ClusterBundle, CreateClusterOptions, SshPublicKey} from '@kopsx/core';
import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {formatDocuments} from '../../output/format-documents.js';
import {nextSteps} from '../../output/next-steps.js';
import {sharedFlags} from '../../shared-flags.js';
import {readSshPublicKey} from '../../input/ssh-public-key.js';
import {fillCloudDefaults} from '../../spec/fill-cloud-defaults.js';
import {UsageError} from '../../usage-error.js';

const list = {multiple: true, delimiter: ',', multipleNonGreedy: true} as const;

export default class CreateCluster extends BaseCommand<typeof CreateCluster> {
  static override summary = 'Create a cluster spec in the state store, with its instance groups.';
  static override description =
    'Builds a Cluster and its InstanceGroups from the flags (the same flags as `kops create cluster`), validates them and stores ' +
    'them. The cloud\'s provider plugin must be installed: it checks the zones and picks the machine types and image the flags ' +
    'leave open. Nothing is created in the cloud: that is `kopsx update cluster --yes`. With --dry-run nothing is written and ' +
    '`-o yaml` prints the manifest instead, ready for `kopsx create -f`.';

  static override examples = [
    {
      description: 'A gossip (no DNS) cluster with three control-plane nodes, stored in S3.',
      command:
        '<%= config.bin %> create cluster --name demo.k8s.local --cloud aws --zones us-east-1a,us-east-1b,us-east-1c --control-plane-count 3 --state s3://my-state',
    },
    {
      description: 'Print the manifest without storing anything.',
      command: '<%= config.bin %> create cluster demo.k8s.local --cloud aws --zones us-east-1a --dry-run -o yaml > demo.yaml',
    },
    {
      description: 'Private topology with a bastion and my SSH key.',
      command:
        '<%= config.bin %> create cluster prod.example.com --cloud gce --zones europe-west1-b --topology private --bastion --dns-zone example.com --ssh-public-key ~/.ssh/id_ed25519.pub',
    },
  ];

  static override args = {
    name: Args.string({description: 'Cluster name (a DNS name; end it with .k8s.local for a cluster without DNS). Same as --name.'}),
  };

  static override flags = {
    cloud: Flags.string({
      description: 'Cloud to run the cluster on (aws, gce, azure, digitalocean, hetzner, openstack, ...).',
      required: true,
    }),
    zones: Flags.string({...list, description: 'Zones for nodes, comma-separated: us-east-1a,us-east-1b.', required: true}),
    'control-plane-zones': Flags.string({
      ...list,
      aliases: ['master-zones'],
      description: 'Zones for control-plane nodes (default: --zones). Alias: --master-zones.',
    }),
    'control-plane-count': Flags.integer({
      aliases: ['master-count'],
      min: 1,
      description: 'Number of control-plane nodes: 1, 3 or 5 (default: 1). Alias: --master-count.',
    }),
    'control-plane-size': Flags.string({
      aliases: ['master-size'],
      description: 'Machine type of control-plane nodes (default: chosen by the cloud provider). Alias: --master-size.',
    }),
    'control-plane-volume-size': Flags.integer({
      aliases: ['master-volume-size'],
      min: 1,
      description: 'Root volume size of control-plane nodes, in GB. Alias: --master-volume-size.',
    }),
    'node-count': Flags.integer({min: 0, description: 'Total number of worker nodes, spread over the zones (default: one per zone).'}),
    'node-size': Flags.string({description: 'Machine type of worker nodes (default: chosen by the cloud provider).'}),
    'node-volume-size': Flags.integer({min: 1, description: 'Root volume size of worker nodes, in GB.'}),
    'admin-access': Flags.string({...list, description: 'CIDRs allowed to reach the Kubernetes API (default: 0.0.0.0/0,::/0).'}),
    'ssh-access': Flags.string({...list, description: 'CIDRs allowed to reach nodes over SSH (default: the --admin-access CIDRs).'}),
    topology: Flags.option({
      options: ['public', 'private'] as const,
      description: 'public: nodes in public subnets; private: nodes in private subnets behind NAT.',
    })(),
    bastion: Flags.boolean({description: 'Add a bastion instance group for SSH (needs --topology private).'}),
    networking: Flags.string({
      description: 'CNI plugin: cilium (default), calico, flannel, kubenet, amazonvpc, canal, kindnet, gce, ...',
    }),
    'kubernetes-version': Flags.string({
      description: 'Kubernetes version to run, e.g. v1.34.2 (default: the version this kopsx release was tested with).',
    }),
    'ssh-public-key': Flags.string({description: 'OpenSSH public key file installed for the admin user, e.g. ~/.ssh/id_ed25519.pub.'}),
    'dns-zone': Flags.string({description: 'DNS zone for the API record (not used by .k8s.local clusters).'}),
    dns: Flags.option({options: ['public', 'private'] as const, description: 'Whether the DNS zone is public or private.'})(),
    'network-cidr': Flags.string({description: 'CIDR of the cluster network (default: 172.20.0.0/16).'}),
    project: Flags.string({description: "Cloud project of the cluster, on clouds that have projects (GCE; default: the provider's, e.g. GOOGLE_CLOUD_PROJECT)."}),
    image: Flags.string({description: 'Machine image for every instance group (default: chosen by the cloud provider).'}),
    'dry-run': Flags.boolean({description: 'Build and validate the spec but write nothing; with -o, print it.'}),
    output: Flags.option({
      char: 'o',
      options: ['yaml', 'json'] as const,
      description: 'With --dry-run: print the manifest in this format.',
    })(),
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    const {flags} = this;
    const name = this.clusterName(this.args.name);
    if (flags.output && !flags['dry-run']) {
      throw new UsageError('-o/--output only works with --dry-run', 'add --dry-run to print the manifest without storing it');
    }
    const provider = await this.requireProvider(flags.cloud);
    const sshKey = flags['ssh-public-key'] ? await readSshPublicKey(flags['ssh-public-key']) : undefined;
    const bundle = fillCloudDefaults(buildCluster(await this.clusterOptions(name, sshKey)), provider.defaults);
    const {warnings} = assertValid(bundle, {zoneValidator: (zones) => provider.validateZones(zones)});

    if (flags['dry-run']) {
      if (flags.output) this.log(formatDocuments([bundle.cluster, ...bundle.instanceGroups], flags.output));
      else this.log(`${describeBundle(bundle)}\nDry run: nothing was written. Add -o yaml to see the manifest.`);
      return this.warnAll(warnings);
    }

    const store = await this.store();
    await this.withLock(name, {forceUnlock: flags['force-unlock']}, async () => {
      await (await this.registry()).create(bundle);
      // The cluster's CAs and join secrets are made once, here, and kept for its whole life.
      const keystore = new Keystore(store, name);
      await keystore.ensureClusterSecrets();
      if (sshKey) await keystore.addSshPublicKey(sshKey.line);
    });
    this.log(`Created cluster "${name}" in ${store.url}:\n${describeBundle(bundle)}`);
    this.warnAll(warnings);
    this.log(
      `\n${nextSteps([
        [`kopsx get instancegroups --name ${name}`, 'list the instance groups'],
        [`kopsx edit cluster ${name}`, 'change the spec'],
        [`kopsx update cluster ${name}`, 'preview what will be created in the cloud'],
        [`kopsx update cluster ${name} --yes`, 'build the cluster in the cloud'],
      ])}`,
    );
  }

  private async clusterOptions(name: string, sshKey: SshPublicKey | undefined): Promise<CreateClusterOptions> {
    const {flags} = this;
    return {
      name,
      cloud: flags.cloud,
      zones: flags.zones,
      controlPlaneZones: flags['control-plane-zones'],
      controlPlaneCount: flags['control-plane-count'],
      controlPlaneSize: flags['control-plane-size'],
      controlPlaneVolumeSize: flags['control-plane-volume-size'],
      nodeCount: flags['node-count'],
      nodeSize: flags['node-size'],
      nodeVolumeSize: flags['node-volume-size'],
      adminAccess: flags['admin-access'],
      sshAccess: flags['ssh-access'],
      topology: flags.topology,
      bastion: flags.bastion,
      networking: flags.networking,
      kubernetesVersion: flags['kubernetes-version'],
      sshPublicKey: sshKey?.line,
      dnsZone: flags['dns-zone'],
      dns: flags.dns,
      networkCIDR: flags['network-cidr'],
      project: flags.project,
      image: flags.image,
      configBase: `${(await this.storeUrl()).replace(/\/+$/, '')}/${name}`,
    };
  }
}

function describeBundle(bundle: ClusterBundle): string {
  const {cluster} = bundle;
  const zones = [...new Set(cluster.spec.subnets.flatMap((s) => s.zone ?? []))].join(', ');
  const groups = bundle.instanceGroups.map((ig) => `    ${ig.metadata.name} (${ig.spec.role}, ${ig.spec.minSize}-${ig.spec.maxSize} instances)`);
  return [`  Cluster ${cluster.metadata.name} on ${cloudOf(cluster)}, zones ${zones}`, '  Instance groups:', ...groups].join('\n');
}

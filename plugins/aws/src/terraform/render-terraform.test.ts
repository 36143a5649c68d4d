import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {buildCluster, completeCluster} from '@kopsx/core';
import type {ClusterBundle, CreateClusterOptions} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {SSH_KEY, testInputs} from '../../test/model-inputs.js';
import {buildModel} from '../model/build-model.js';
import {renderTerraform} from './render-terraform.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tfcheck = path.resolve(repoRoot, '..', 'shared/tools/tfcheck/check-tf-json.mjs');

type Document = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function terraformDocument(options: CreateClusterOptions, sshPublicKey?: string, edit = (bundle: ClusterBundle) => bundle): Document {
  const {resources} = buildModel(edit(completeCluster(buildCluster(options))), testInputs({sshPublicKey}));
  const document: Document = {};
  for (const resource of resources) {
    const {block, type, name, body} = renderTerraform(resource);
    ((document[block] ??= {})[type] ??= {})[name] = {...body};
  }
  return document;
}

const SHAPES: Record<string, CreateClusterOptions> = {
  'public gossip': {name: 'pub.k8s.local', cloud: 'aws', zones: ['us-east-1a']},
  'private dns ha bastion': {
    name: 'ha.example.com',
    cloud: 'aws',
    zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
    controlPlaneCount: 3,
    topology: 'private',
    bastion: true,
    networking: 'calico',
    configBase: 's3://state-bucket/ha.example.com',
  },
  'private dns zone': {name: 'p.example.com', cloud: 'aws', zones: ['eu-west-1a'], topology: 'private', dns: 'private', dnsZone: 'example.com'},
  'custom image': {name: 'img.example.com', cloud: 'aws', zones: ['us-east-1a'], image: 'ami-0123456789abcdef0'},
};

describe('renderTerraform', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kopsx-aws-tf-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  /** tfcheck's report: `N resources checked, 0 problems`, or one line per problem (the useful part of a failure). */
  async function schemaCheck(name: string, document: Document): Promise<string> {
    const file = path.join(dir, `${name.replaceAll(' ', '-')}.tf.json`);
    await writeFile(file, JSON.stringify(document, null, 2));
    const result = await promisify(execFile)('node', [tfcheck, file]).catch((error: {stdout: string; stderr: string}) => error);
    return `${result.stdout}${result.stderr}`;
  }

  it.each(Object.entries(SHAPES))('renders a %s cluster that passes the provider schema check', async (shape, options) => {
    if (!existsSync(tfcheck)) return console.warn(`skipping the schema check: ${tfcheck} is absent`);
    expect(await schemaCheck(shape, terraformDocument(options, SSH_KEY))).toMatch(/^\d+ resources checked, 0 problems\n$/);
  });

  it('reads an existing VPC, subnets and hosted zone through data sources and IDs', async () => {
    const shared = (bundle: ClusterBundle): ClusterBundle => {
      const spec = {
        ...bundle.cluster.spec,
        networkID: 'vpc-0123456789abcdef0',
        dnsZone: 'Z0123456789ABCDEFGHIJ',
        subnets: bundle.cluster.spec.subnets.map((subnet, i) => ({...subnet, id: `subnet-0123456789abcdef${i}`})),
      };
      return {...bundle, cluster: {...bundle.cluster, spec}};
    };
    const document = terraformDocument(SHAPES['private dns zone'] as CreateClusterOptions, SSH_KEY, shared);
    expect(document.data?.aws_vpc?.['vpc-0123456789abcdef0']).toEqual({id: 'vpc-0123456789abcdef0'});
    expect(Object.keys(document.data?.aws_subnet ?? {})).toEqual(['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1']);
    expect(document.resource?.aws_subnet).toBeUndefined();
    expect(document.resource?.aws_route53_record?.['api-p-example-com']?.zone_id).toBe('Z0123456789ABCDEFGHIJ');
    if (existsSync(tfcheck)) expect(await schemaCheck('shared network', document)).toMatch(/^\d+ resources checked, 0 problems\n$/);
  });

  it('refers to other blocks instead of literal IDs, and every reference resolves', () => {
    const document = terraformDocument(SHAPES['private dns ha bastion'] as CreateClusterOptions, SSH_KEY);
    const subnet = document.resource?.aws_subnet?.['us-west-2a-ha-example-com'];
    expect(subnet?.vpc_id).toBe('${aws_vpc.ha-example-com.id}');
    const template = document.resource?.aws_launch_template?.['nodes-us-west-2a-ha-example-com'];
    expect(template?.user_data).toBe('${base64encode(file("${path.module}/data/aws_launch_template_nodes-us-west-2a.ha.example.com_user_data"))}');
    expect(template?.image_id).toMatch(/^\$\{data\.aws_ami\.[^.]+\.id\}$/);
    const record = document.resource?.aws_route53_record?.['api-ha-example-com'];
    expect(record?.alias).toEqual({name: '${aws_lb.api-ha-example-com.dns_name}', zone_id: '${aws_lb.api-ha-example-com.zone_id}', evaluate_target_health: false});

    const text = JSON.stringify(document);
    const addresses = [...text.matchAll(/\$\{(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}/g)];
    expect(addresses.length).toBeGreaterThan(50);
    for (const [expression, data, type = '', name = ''] of addresses) {
      const blocks = document[data ? 'data' : 'resource']?.[type];
      expect(blocks?.[name], expression).toBeDefined();
    }
  });

  it('has Terraform put the load balancer\'s DNS name into a gossip cluster\'s user-data, gzipping what may be too long', () => {
    const {resources} = buildModel(completeCluster(buildCluster({name: 'g.k8s.local', cloud: 'aws', zones: ['us-east-1a']})), testInputs());
    const template = resources.find((r) => r.kind === 'launch-template' && r.name === 'nodes-us-east-1a.g.k8s.local');
    if (!template) throw new Error('no node launch template');
    const file = '${path.module}/data/aws_launch_template_nodes-us-east-1a.g.k8s.local_user_data';
    expect(renderTerraform(template).body.user_data).toBe(
      `\${base64encode(replace(file("${file}"), "@@KOPSX_REFERENCE_0@@", aws_lb.api-g-k8s-local.dns_name))}`,
    );
    const long = {...template, properties: {...template.properties, userData: `#cloud-config\n# ${'x'.repeat(17_000)}\n`}};
    expect(renderTerraform(long).body.user_data).toBe(`\${base64gzip(file("${file}"))}`);
  });

  it('declares the egress Terraform would otherwise strip, and tags every taggable resource', () => {
    const document = terraformDocument(SHAPES['public gossip'] as CreateClusterOptions);
    const group = document.resource?.aws_security_group?.['nodes-pub-k8s-local'];
    expect(group?.egress).toEqual([expect.objectContaining({protocol: '-1', cidr_blocks: ['0.0.0.0/0']})]);
    expect(document.resource?.aws_vpc?.['pub-k8s-local']?.tags).toEqual({
      KubernetesCluster: 'pub.k8s.local',
      'kubernetes.io/cluster/pub.k8s.local': 'owned',
      Name: 'pub.k8s.local',
      'kopsx.k8s.io/kind': 'vpc',
    });
    expect(document.resource?.aws_iam_role?.['nodes-pub-k8s-local']?.tags).toMatchObject({KubernetesCluster: 'pub.k8s.local'});
    expect(document.resource?.aws_route53_record).toBeUndefined();
  });
});

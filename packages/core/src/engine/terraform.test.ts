import {describe, expect, it} from 'vitest';
import {isRef, ref} from '../provider/index.js';
import type {CloudModel, DesiredResource, PropertyValue, TerraformBlock} from '../provider/index.js';
import {ModelError} from './errors.js';
import {TERRAFORM_FILE, renderTerraform} from './terraform.js';

/** A provider's rendering as a plugin would write it: shared resources are data sources, refs expressions. */
const provider = {
  renderTerraform(resource: DesiredResource): TerraformBlock {
    const type = `sim_${resource.kind}`;
    const expression = (value: PropertyValue): unknown =>
      isRef(value) ? `\${sim_${value.$ref.kind}.${value.$ref.name}.${value.$ref.attribute}}` : value;
    const body = Object.fromEntries(Object.entries(resource.properties).map(([k, v]) => [k, expression(v)]));
    return resource.lifecycle === 'shared'
      ? {block: 'data', type, name: resource.name, body: {id: resource.id}}
      : {block: 'resource', type, name: resource.name, body};
  },
};

const model: CloudModel = {
  resources: [
    {kind: 'subnet', name: 'b', properties: {zone: 'z2', cidr: '10.0.2.0/24', network: ref('network', 'main')}},
    {kind: 'subnet', name: 'a', properties: {zone: 'z1', cidr: '10.0.1.0/24', network: ref('network', 'main')}},
    {kind: 'network', name: 'main', properties: {}, lifecycle: 'shared', id: 'net-1'},
  ],
  files: [
    {path: 'data/nodes-user-data', content: '#cloud-config\n'},
    {path: 'data/control-plane-user-data', content: '#cloud-config\n'},
  ],
};

describe('renderTerraform', () => {
  it('writes kubernetes.tf.json with resource and data blocks, then the data files', () => {
    const files = renderTerraform({provider, model});
    expect(files.map((f) => f.path)).toEqual([TERRAFORM_FILE, 'data/control-plane-user-data', 'data/nodes-user-data']);
    expect(files[0]?.content).toBe(`${JSON.stringify(
      {
        data: {sim_network: {main: {id: 'net-1'}}},
        resource: {
          sim_subnet: {
            a: {cidr: '10.0.1.0/24', network: '${sim_network.main.id}', zone: 'z1'},
            b: {cidr: '10.0.2.0/24', network: '${sim_network.main.id}', zone: 'z2'},
          },
        },
      },
      null,
      2,
    )}\n`);
  });

  it('gives the same bytes whatever order the model lists things in', () => {
    const shuffled = {resources: [...model.resources].reverse(), files: [...(model.files ?? [])].reverse()};
    expect(renderTerraform({provider, model: shuffled})).toEqual(renderTerraform({provider, model}));
  });

  it('leaves out the data section when nothing is shared', () => {
    const files = renderTerraform({provider, model: {resources: model.resources.slice(0, 1)}});
    expect(Object.keys(JSON.parse(files[0]?.content ?? '{}'))).toEqual(['resource']);
  });

  it('refuses two resources rendered under one Terraform name', () => {
    const twice = {resources: [model.resources[0], model.resources[0]] as DesiredResource[]};
    expect(() => renderTerraform({provider, model: twice})).toThrow(
      new ModelError('two resources render as the Terraform resource sim_subnet.b'),
    );
  });

  it.each(['../escape', '/etc/passwd', 'data/../../x', TERRAFORM_FILE, 'a//b'])(
    'refuses the data file path %s',
    (path) => {
      const withFile = {resources: [], files: [{path, content: ''}]};
      expect(() => renderTerraform({provider, model: withFile})).toThrow(ModelError);
    },
  );
});

import {describe, expect, it} from 'vitest';
import {FilterSyntaxError, parseListFilter} from './list-filter.js';

const nodes = {name: 'nodes-a', status: 'RUNNING', labels: {'k8s-io-cluster-name': 'a-example-com', 'k8s-io-role-node': ''}};
const master = {name: 'master-us-central1-a', status: 'STAGING', labels: {'k8s-io-cluster-name': 'b-example-com'}};
const bare = {name: 'bastion', networkInterfaces: [{network: 'https://x/global/networks/default'}]};
const all = [nodes, master, bare];

const names = (filter: string) => all.filter(parseListFilter(filter)).map((resource) => resource.name);

describe('Compute list filters', () => {
  it('matches labels and names with =, quoted or not, with or without spaces', () => {
    expect(names('labels.k8s-io-cluster-name = "a-example-com"')).toEqual(['nodes-a']);
    expect(names('labels.k8s-io-cluster-name=b-example-com')).toEqual(['master-us-central1-a']);
    expect(names("name = 'bastion'")).toEqual(['bastion']);
  });

  it('treats != as "not equal or absent", :* as "present" and : as "contains"', () => {
    expect(names('labels.k8s-io-cluster-name != a-example-com')).toEqual(['master-us-central1-a', 'bastion']);
    expect(names('labels.k8s-io-role-node:*')).toEqual(['nodes-a']);
    expect(names('name:us-central1')).toEqual(['master-us-central1-a']);
  });

  it('supports the older eq/ne regular expressions, matched in full', () => {
    expect(names('name eq nodes-.*')).toEqual(['nodes-a']);
    expect(names('name eq nodes')).toEqual([]);
    expect(names("name ne '(nodes|master)-.*'")).toEqual(['bastion']);
  });

  it('combines clauses with spaces, AND, OR and parentheses', () => {
    expect(names('(labels.k8s-io-cluster-name = a-example-com) (status = RUNNING)')).toEqual(['nodes-a']);
    expect(names('labels.k8s-io-cluster-name = a-example-com AND status = STAGING')).toEqual([]);
    expect(names('(status = STAGING) OR (name = bastion)')).toEqual(['master-us-central1-a', 'bastion']);
  });

  it('looks into arrays along the path and supports * wildcards in =', () => {
    expect(names('networkInterfaces.network = "https://x/global/networks/default"')).toEqual(['bastion']);
    expect(names('name = master-*')).toEqual(['master-us-central1-a']);
  });

  it.each(['name', 'name =', '(name = a', 'name ~ a', 'name = a)'])('rejects the malformed filter %j', (filter) => {
    expect(() => parseListFilter(filter)).toThrow(FilterSyntaxError);
  });
});

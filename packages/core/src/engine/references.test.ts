import {describe, expect, it} from 'vitest';
import {join, ref} from '../provider/index.js';
import {KNOWN_AFTER_APPLY} from './known-after-apply.js';
import {dependencyKeys, resolveReferences} from './references.js';

describe('references', () => {
  const properties = {
    url: join('https://', ref('load-balancer', 'api', 'dnsName'), '/healthz'),
    plain: 'text',
  };

  it('resolves a join into one string once every reference is known', () => {
    const resolved = resolveReferences(properties, () => 'api-123.example.com');
    expect(resolved).toEqual({url: 'https://api-123.example.com/healthz', plain: 'text'});
  });

  it('leaves a join unknown while any of its references is', () => {
    const resolved = resolveReferences(properties, () => KNOWN_AFTER_APPLY);
    expect(resolved.url).toBe(KNOWN_AFTER_APPLY);
  });

  it('counts the references inside a join as dependencies', () => {
    expect(dependencyKeys({kind: 'launch-template', name: 'nodes', properties})).toEqual(['load-balancer/api']);
  });
});

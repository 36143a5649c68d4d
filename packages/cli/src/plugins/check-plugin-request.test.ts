import {describe, expect, it} from 'vitest';
import {checkPluginRequest, UnscopedPluginError} from './check-plugin-request.js';

const naming = {scope: 'kopsx', prefix: 'plugin'};

describe('checkPluginRequest', () => {
  it('lets scoped packages through, ours and other publishers', () => {
    expect(() => checkPluginRequest({type: 'npm', name: '@kopsx/plugin-aws', tag: 'latest'}, naming)).not.toThrow();
    expect(() => checkPluginRequest({type: 'npm', name: '@someone/kopsx-plugin-x', tag: '1.2.0'}, naming)).not.toThrow();
  });

  it('lets repositories, paths and URLs through', () => {
    for (const url of ['https://github.com/someone/kopsx-plugin-x', 'file:../my-provider', 'git+ssh://git@example.test/x.git']) {
      expect(() => checkPluginRequest({type: 'repo', url}, naming)).not.toThrow();
    }
  });

  it('refuses an unscoped package, naming the scoped package a short name stands for', () => {
    let caught: unknown;
    try {
      checkPluginRequest({type: 'npm', name: 'foo', tag: 'latest'}, naming);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnscopedPluginError);
    const error = caught as UnscopedPluginError;
    expect(error.message).toBe('plugin "foo" not found: the registry npm uses for @kopsx has no @kopsx/plugin-foo (or could not be reached)');
    expect(error.hint).toContain('never as the unscoped package "foo"');
  });

  it("follows the CLI's scope and prefix", () => {
    expect(() => checkPluginRequest({type: 'npm', name: 'x', tag: 'latest'}, {scope: 'acme', prefix: 'cloud'})).toThrow('no @acme/cloud-x');
  });
});

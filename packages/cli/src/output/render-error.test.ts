import {KopsxError, NotFoundError, ValidationError} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {renderError} from './render-error.js';

describe('renderError', () => {
  it('prints the message and the hint on its own line', () => {
    const text = renderError(new NotFoundError('cluster "a.k8s.local" not found', 'list clusters with: kopsx get clusters'), {
      verbose: false,
    });
    expect(text).toBe('Error: cluster "a.k8s.local" not found\n  hint: list clusters with: kopsx get clusters');
  });

  it('lists every validation problem on its own line, with the file it came from', () => {
    const error = new ValidationError(
      [
        {path: 'spec.networkCIDR', message: 'not a CIDR'},
        {path: 'spec.subnets[0].zone', message: 'required', hint: 'add a zone'},
      ],
      'cluster.yaml',
    );
    expect(renderError(error, {verbose: false}).split('\n')).toEqual([
      'Error: cluster.yaml is invalid (2 problems):',
      '  spec.networkCIDR: not a CIDR',
      '  spec.subnets[0].zone: required (add a zone)',
    ]);
  });

  it('shows a stack trace only when verbose', () => {
    const error = new KopsxError('boom', 'Test');
    expect(renderError(error, {verbose: false})).not.toContain('at ');
    expect(renderError(error, {verbose: true})).toContain(error.stack ?? 'missing stack');
  });

  it('suggests --verbose for an unexpected error', () => {
    expect(renderError(new TypeError('x is undefined'), {verbose: false})).toBe(
      'Error: x is undefined\n  hint: rerun with --verbose to see where it failed',
    );
  });
});

import {describe, expect, it} from 'vitest';
import type {HandlerContext} from './handler.js';
import {SharedReads} from './shared-reads.js';

const context = (): HandlerContext => ({clusterName: 'c', signal: new AbortController().signal, log: () => {}});

describe('SharedReads', () => {
  it('loads once per context and key, again after invalidate or in another context', async () => {
    const reads = new SharedReads();
    let loads = 0;
    const load = async () => ++loads;
    const ctx = context();
    expect(await reads.read(ctx, 'k', load)).toBe(1);
    expect(await reads.read(ctx, 'k', load)).toBe(1);
    expect(await reads.read(context(), 'k', load)).toBe(2);
    reads.invalidate();
    expect(await reads.read(ctx, 'k', load)).toBe(3);
  });

  it('does not keep a failed load, so a retry asks the cloud again', async () => {
    const reads = new SharedReads();
    const ctx = context();
    await expect(reads.read(ctx, 'k', () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(await reads.read(ctx, 'k', async () => 'ok')).toBe('ok');
  });
});

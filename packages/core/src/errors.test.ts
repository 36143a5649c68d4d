import {describe, expect, it, vi} from 'vitest';
import {KopsxError, NotFoundError, ValidationError} from './errors.js';

/** Another copy of the classes, as a provider plugin installed with its own @kopsx/core would have. */
async function otherCopy(): Promise<typeof import('./errors.js')> {
  vi.resetModules();
  return import('./errors.js');
}

describe('KopsxError across copies of @kopsx/core', () => {
  it('recognises errors from another copy by class', async () => {
    const copy = await otherCopy();
    expect(copy.NotFoundError).not.toBe(NotFoundError); // really a second copy
    const error = new copy.NotFoundError('cluster "x" not found', 'create it first');
    expect(error instanceof KopsxError).toBe(true);
    expect(error instanceof NotFoundError).toBe(true);
    expect(error instanceof ValidationError).toBe(false);
  });

  it('still tells plain errors and sibling classes apart', () => {
    expect(new Error('x') instanceof KopsxError).toBe(false);
    expect(new NotFoundError('x') instanceof ValidationError).toBe(false);
    expect(new ValidationError([{path: 'a', message: 'b'}]) instanceof KopsxError).toBe(true);
  });
});

import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {StateStoreError} from '../src/errors.js';
import {openStateStore} from '../src/state/index.js';
import {describeLockContract} from './lock-contract.js';
import {describeStoreContract} from './store-contract.js';

const open = () => openStateStore(`memfs://test-${randomUUID()}`);

describeStoreContract('memfs://', {open, conditional: true});
describeLockContract('memfs://', open);

describe('memfs://', () => {
  it('shares one store between everything that opens the same name', async () => {
    const name = `memfs://shared-${randomUUID()}`;
    const a = await openStateStore(name);
    const b = await openStateStore(`${name}/`);
    await a.write('c1/config', 'x');
    expect((await b.read('c1/config'))?.toString()).toBe('x');
    expect(b.url).toBe(name);
  });

  it('needs a name', async () => {
    await expect(openStateStore('memfs://')).rejects.toBeInstanceOf(StateStoreError);
  });
});

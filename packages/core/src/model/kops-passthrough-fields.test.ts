import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import * as passthrough from './kops-passthrough-fields.js';

const reference = readFileSync(new URL('../../../../docs/spec-reference.md', import.meta.url), 'utf8');

describe('docs/spec-reference.md', () => {
  it('lists every kOps field kopsx stores without interpreting', () => {
    const fields = Object.values(passthrough).flat();
    expect(fields.filter((field) => !reference.includes(`\`${field}\``))).toEqual([]);
  });
});

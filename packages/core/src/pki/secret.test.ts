import {inspect} from 'node:util';
import {describe, expect, it} from 'vitest';
import {Secret} from './secret.js';

describe('Secret', () => {
  const secret = new Secret('hunter2-private-material');

  it('gives the value only through reveal()', () => {
    expect(secret.reveal()).toBe('hunter2-private-material');
  });

  it('prints [secret] in strings, JSON and inspect output', () => {
    const printed = [
      `${secret}`,
      String(secret),
      JSON.stringify({key: secret}),
      inspect(secret),
      inspect({nested: {key: secret}}, {depth: 5, showHidden: true}),
    ];
    for (const text of printed) {
      expect(text).toContain('[secret]');
      expect(text).not.toContain('hunter2');
    }
  });
});

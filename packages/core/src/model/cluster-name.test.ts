import {describe, expect, it} from 'vitest';
import {isValidClusterName} from './cluster-name.js';

describe('isValidClusterName', () => {
  it('accepts DNS names of two or more lowercase labels', () => {
    for (const name of ['dev.example.com', 'a.b', 'lab-1.k8s.local', `${'a'.repeat(63)}.example.com`]) {
      expect(isValidClusterName(name)).toBe(true);
    }
  });

  it('rejects single labels, uppercase, bad characters and oversized names or labels', () => {
    const long = Array.from({length: 64}, () => 'abc').join('.');
    for (const name of ['dev', 'Dev.example.com', 'dev_1.example.com', '-dev.example.com', 'dev-.example.com', 'dev..com', 'dev.example.com.', `${'a'.repeat(64)}.com`, long, '']) {
      expect(isValidClusterName(name), name).toBe(false);
    }
  });
});

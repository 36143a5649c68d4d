import {describe, expect, it} from 'vitest';
import {
  BOOTSTRAP_TOKEN_PATTERN,
  CERTIFICATE_KEY_PATTERN,
  generateBootstrapToken,
  generateCertificateKey,
} from './kubeadm-tokens.js';

describe('kubeadm tokens', () => {
  it('generates bootstrap tokens in kubeadm format, different every time', () => {
    const tokens = Array.from({length: 50}, generateBootstrapToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((token) => BOOTSTRAP_TOKEN_PATTERN.test(token))).toBe(true);
  });

  it('uses the whole alphabet for token characters', () => {
    const seen = new Set(Array.from({length: 200}, generateBootstrapToken).join('').replaceAll('.', ''));
    expect(seen.size).toBe(36);
  });

  it('generates 64-hex-digit certificate keys, different every time', () => {
    const keys = Array.from({length: 20}, generateCertificateKey);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => CERTIFICATE_KEY_PATTERN.test(key))).toBe(true);
  });
});

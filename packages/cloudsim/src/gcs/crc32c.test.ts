import {describe, expect, it} from 'vitest';
import {crc32cBase64} from './crc32c.js';

describe('crc32cBase64', () => {
  it('matches the published CRC-32C check value (0xE3069283 for "123456789")', () => {
    expect(Buffer.from(crc32cBase64(Buffer.from('123456789')), 'base64').readUInt32BE()).toBe(0xe3069283);
  });

  it('gives the empty input a zero checksum', () => {
    expect(crc32cBase64(Buffer.alloc(0))).toBe(Buffer.alloc(4).toString('base64'));
  });
});

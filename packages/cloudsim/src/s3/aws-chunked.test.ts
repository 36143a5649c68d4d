import {describe, expect, it} from 'vitest';
import {decodeAwsChunked, isAwsChunked} from './aws-chunked.js';

describe('aws-chunked bodies', () => {
  it('joins the chunks and collects the trailing checksum', () => {
    const raw = Buffer.from('3\r\nabc\r\n4;chunk-signature=00ff\r\ndefg\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    expect(decodeAwsChunked(raw)).toEqual({body: Buffer.from('abcdefg'), trailers: {'x-amz-checksum-crc32': 'AAAAAA=='}});
  });

  it('rejects a body shorter than its chunk sizes claim', () => {
    expect(() => decodeAwsChunked(Buffer.from('a\r\nabc'))).toThrow(SyntaxError);
  });

  it('recognises the encoding from either header', () => {
    expect(isAwsChunked({'content-encoding': 'aws-chunked'})).toBe(true);
    expect(isAwsChunked({'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'})).toBe(true);
    expect(isAwsChunked({'content-encoding': 'gzip'})).toBe(false);
  });
});

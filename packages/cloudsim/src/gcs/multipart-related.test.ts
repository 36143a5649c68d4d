import {describe, expect, it} from 'vitest';
import {parseMultipartRelated} from './multipart-related.js';

describe('parseMultipartRelated', () => {
  it('splits the metadata and media parts, keeping binary content byte-exact', () => {
    const media = Buffer.from([0, 13, 10, 255, 45, 45]);
    const body = Buffer.concat([
      Buffer.from('--xyz\r\nContent-Type: application/json\r\n\r\n{"name":"k"}\r\n--xyz\r\nContent-Type: application/octet-stream\r\n\r\n'),
      media,
      Buffer.from('\r\n--xyz--'),
    ]);
    const parts = parseMultipartRelated('multipart/related; boundary=xyz', body);
    expect(parts?.map((part) => part.headers['content-type'])).toEqual(['application/json', 'application/octet-stream']);
    expect(parts?.[0]?.body.toString()).toBe('{"name":"k"}');
    expect(parts?.[1]?.body.equals(media)).toBe(true);
  });

  it('returns undefined without a boundary or without the closing delimiter', () => {
    expect(parseMultipartRelated('multipart/related', Buffer.from('x'))).toBeUndefined();
    expect(parseMultipartRelated('multipart/related; boundary=b', Buffer.from('--b\r\nA: 1\r\n\r\nx'))).toBeUndefined();
  });
});

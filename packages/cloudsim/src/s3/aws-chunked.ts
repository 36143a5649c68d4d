/**
 * The SDK streams bodies of unknown length as `aws-chunked`: `<hex size>[;chunk-signature=..]\r\n<bytes>\r\n`
 * repeated, a zero-size chunk, then trailing headers such as `x-amz-checksum-crc32:...`.
 */
export interface DecodedChunks {
  readonly body: Buffer;
  readonly trailers: Readonly<Record<string, string>>;
}

const CRLF = Buffer.from('\r\n');

export function isAwsChunked(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

/** Throws a SyntaxError when the framing is broken. */
export function decodeAwsChunked(raw: Buffer): DecodedChunks {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf(CRLF, offset);
    if (lineEnd < 0) throw new SyntaxError('aws-chunked body ends inside a chunk header');
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) throw new SyntaxError('aws-chunked body has a bad chunk size');
    offset = lineEnd + CRLF.length;
    if (size === 0) break;
    if (offset + size > raw.length) throw new SyntaxError('aws-chunked body is shorter than its chunk sizes say');
    chunks.push(raw.subarray(offset, offset + size));
    offset += size + CRLF.length;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.subarray(offset).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {body: Buffer.concat(chunks), trailers};
}

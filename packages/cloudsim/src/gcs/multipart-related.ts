/** One part of a `multipart/related` body: its headers (lower-cased names) and its bytes. */
export interface BodyPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * Splits a `multipart/related` upload (JSON metadata part, then the media part). Returns undefined when the
 * content type has no boundary or the body is not framed by it.
 */
export function parseMultipartRelated(contentType: string, body: Buffer): BodyPart[] | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: BodyPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return undefined;
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return parts;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    // A part is CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = body.subarray(body.subarray(start, start + 2).toString('latin1') === '\r\n' ? start + 2 : start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return undefined;
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, headerEnd).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const content = part.subarray(headerEnd + 4);
    const trimmed = content.subarray(content.length - 2).toString('latin1') === '\r\n' ? content.subarray(0, -2) : content;
    parts.push({headers, body: trimmed});
    start = next;
  }
}

import {gunzipSync} from 'node:zlib';
import yaml from 'js-yaml';
import {isRecord} from './object-meta.js';

/** A file a cloud-config writes (`write_files`), with its content decoded. */
export interface WrittenFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The files an instance's user-data writes, or undefined when it is not a cloud-config. It may be gzipped
 * (cloud-init recognises the gzip magic bytes and unpacks it, and so does this).
 */
export function cloudConfigFiles(userData: Buffer | undefined): WrittenFile[] | undefined {
  if (!userData || userData.length === 0) return undefined;
  const text = unzipIfGzipped(userData)?.toString('utf8');
  if (!text?.startsWith('#cloud-config')) return undefined;
  let document: unknown;
  try {
    document = yaml.load(text);
  } catch {
    return undefined;
  }
  const entries = isRecord(document) && Array.isArray(document.write_files) ? document.write_files : [];
  return entries.filter(isRecord).flatMap((entry) => {
    const content = decodeContent(entry.content, entry.encoding);
    return typeof entry.path === 'string' && content !== undefined ? [{path: entry.path, content}] : [];
  });
}

function unzipIfGzipped(bytes: Buffer): Buffer | undefined {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    return undefined;
  }
}

/** cloud-init's `encoding` values: base64, gzip, or both. */
function decodeContent(content: unknown, encoding: unknown): string | undefined {
  if (typeof content !== 'string') return content === undefined ? '' : undefined;
  const name = typeof encoding === 'string' ? encoding.toLowerCase() : '';
  let bytes: Buffer | undefined = Buffer.from(content, ['b64', 'base64', 'gz+b64', 'gz+base64', 'gzip+b64', 'gzip+base64'].includes(name) ? 'base64' : 'utf8');
  if (name.startsWith('gz')) bytes = unzipIfGzipped(bytes);
  return bytes?.toString('utf8');
}

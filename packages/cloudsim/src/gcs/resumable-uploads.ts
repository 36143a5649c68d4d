import {randomBytes} from 'node:crypto';
import {header} from '../http-headers.js';
import type {SimRequest, SimResponse} from '../service.js';
import {GcsError, invalid} from './gcs-error.js';
import type {GcsObject, GcsStore} from './gcs-store.js';
import {parseUploadMetadata} from './object-metadata.js';
import {checkPreconditions, parsePreconditions, type Preconditions} from './preconditions.js';
import {objectResource} from './representations.js';

/** An upload started with `uploadType=resumable` whose bytes arrive in one or more PUTs to the session URI. */
interface UploadSession {
  readonly bucket: string;
  readonly name: string;
  readonly contentType: string | undefined;
  readonly metadata: Readonly<Record<string, string>> | undefined;
  readonly conditions: Preconditions;
  readonly chunks: Buffer[];
  received: number;
  /** Set once the last byte arrived; a repeated final PUT or a status check gets the same answer. */
  result?: GcsObject;
}

/** Resumable upload sessions, by upload id. */
export class ResumableUploads {
  readonly #sessions = new Map<string, UploadSession>();

  /** `POST /upload/storage/v1/b/B/o?uploadType=resumable`: preconditions are checked now and again at the end. */
  start(store: GcsStore, req: SimRequest, bucket: string): SimResponse {
    const params = req.url.searchParams;
    const body = parseUploadMetadata(req.body);
    const name = params.get('name') ?? body.name;
    if (!name) throw new GcsError(400, 'required', 'Required parameter: name');
    const conditions = parsePreconditions(params);
    checkPreconditions(conditions, store.object(bucket, name), {read: false});
    const id = randomBytes(12).toString('hex');
    this.#sessions.set(id, {
      bucket,
      name,
      contentType: header(req.headers, 'x-upload-content-type') ?? body.contentType,
      metadata: body.metadata,
      conditions,
      chunks: [],
      received: 0,
    });
    const location = new URL(`/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`, req.url.origin);
    location.search = new URLSearchParams({uploadType: 'resumable', name, upload_id: id}).toString();
    return {status: 200, headers: {location: location.toString()}};
  }

  /** `PUT <session URI>` with `Content-Range`: appends bytes, reports progress (308) or finishes the object. */
  continue(store: GcsStore, req: SimRequest): SimResponse {
    const id = req.url.searchParams.get('upload_id') ?? '';
    const session = this.#sessions.get(id);
    if (!session) throw new GcsError(404, 'notFound', `No such resumable upload: ${id}`);
    const range = parseContentRange(header(req.headers, 'content-range'), req.body.length);
    if (session.result) return this.#finished(session, req);
    if (range.start !== undefined) {
      if (range.start > session.received) throw invalid(`Upload must continue at byte ${session.received}, not ${range.start}`);
      // Bytes the server already has (a client retrying a chunk) are skipped.
      const fresh = req.body.subarray(session.received - range.start);
      session.chunks.push(fresh);
      session.received += fresh.length;
    }
    const complete = range.total === undefined ? range.last : session.received >= range.total;
    if (!complete) {
      const headers: Record<string, string> = session.received > 0 ? {range: `bytes=0-${session.received - 1}`} : {};
      return {status: 308, headers};
    }
    // No await between this check and the write: of two racing sessions for one name, one wins.
    try {
      checkPreconditions(session.conditions, store.object(session.bucket, session.name), {read: false});
    } catch (error) {
      this.#sessions.delete(id);
      throw error;
    }
    session.result = store.putObject(session.bucket, session.name, {
      data: Buffer.concat(session.chunks),
      contentType: session.contentType,
      metadata: session.metadata,
    });
    return this.#finished(session, req);
  }

  clear(): void {
    this.#sessions.clear();
  }

  #finished(session: UploadSession, req: SimRequest): SimResponse {
    const object = session.result as GcsObject;
    return {status: 200, headers: {'content-type': 'application/json; charset=UTF-8'}, body: JSON.stringify(objectResource(object, req.url.origin))};
  }
}

interface ContentRange {
  /** First byte carried by this request; undefined for a status query (`bytes *` + `/total`). */
  readonly start?: number;
  /** The object's total size, when the client knows it. */
  readonly total?: number;
  /** True when this request carries the rest of the object (open range end `a-*` or no range at all). */
  readonly last: boolean;
}

function parseContentRange(raw: string | undefined, bodyLength: number): ContentRange {
  if (raw === undefined) return {start: 0, total: bodyLength, last: true};
  const match = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(raw.trim());
  if (!match) throw invalid(`Invalid Content-Range: '${raw}'`);
  const [, start, end, total] = match;
  return {
    ...(start !== undefined ? {start: Number(start)} : {}),
    ...(total !== '*' ? {total: Number(total)} : {}),
    last: end === '*',
  };
}

import {header} from '../http-headers.js';
import type {GcsHandler} from './gcs-call.js';
import {GcsError, invalid} from './gcs-error.js';
import {parseMultipartRelated} from './multipart-related.js';
import {parseUploadMetadata, type UploadMetadata} from './object-metadata.js';
import {checkPreconditions, parsePreconditions} from './preconditions.js';
import {objectResource} from './representations.js';

/**
 * `storage.objects.insert` in all its shapes: `uploadType=multipart` (metadata + bytes), `uploadType=media`
 * (bytes only, name in the query), `uploadType=resumable` (opens a session), and PUTs to a session URI.
 */
export const insertObject: GcsHandler = (service, req, call) => {
  const {store, uploads} = service;
  store.bucket(call.bucket);
  if (req.method === 'PUT') return uploads.continue(store, req);
  const uploadType = req.url.searchParams.get('uploadType');
  if (uploadType === 'resumable') return uploads.start(store, req, call.bucket);

  let metadata: UploadMetadata;
  let data: Buffer;
  let mediaType: string | undefined;
  if (uploadType === 'multipart') {
    const parts = parseMultipartRelated(header(req.headers, 'content-type') ?? '', req.body);
    const [metadataPart, mediaPart] = parts ?? [];
    if (!metadataPart || !mediaPart) throw invalid('A multipart upload needs a metadata part and a media part.');
    metadata = parseUploadMetadata(metadataPart.body);
    data = mediaPart.body;
    mediaType = mediaPart.headers['content-type'];
  } else if (uploadType === 'media') {
    metadata = {};
    data = req.body;
    mediaType = header(req.headers, 'content-type');
  } else {
    throw invalid(`Invalid uploadType: '${uploadType ?? ''}'; use multipart, media or resumable.`);
  }
  const name = req.url.searchParams.get('name') ?? metadata.name;
  if (!name) throw new GcsError(400, 'required', 'Required parameter: name');
  // Checked right before the write, with no await in between: concurrent conditional creates cannot both win.
  checkPreconditions(parsePreconditions(req.url.searchParams), store.object(call.bucket, name), {read: false});
  const object = store.putObject(call.bucket, name, {
    data,
    contentType: metadata.contentType ?? mediaType,
    metadata: metadata.metadata,
  });
  return {status: 200, headers: {'content-type': 'application/json; charset=UTF-8'}, body: JSON.stringify(objectResource(object, req.url.origin))};
};

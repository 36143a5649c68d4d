import {etagMatches} from './conditions.js';
import type {S3Handler} from './s3-call.js';
import {S3Error} from './s3-error.js';
import {el, xmlBlocks, xmlDocument, xmlText, type XmlElement} from './xml.js';

const MAX_OBJECTS = 1000;

/** Batch delete: one result per key; an `<ETag>` makes that key's delete conditional, as with If-Match. */
export const deleteObjects: S3Handler = (store, req, call) => {
  const bucket = store.bucket(call.bucket);
  const xml = req.body.toString('utf8');
  const [deleteBlock] = xmlBlocks(xml, 'Delete');
  const entries = deleteBlock === undefined ? [] : xmlBlocks(deleteBlock, 'Object');
  if (deleteBlock === undefined || entries.length === 0 || entries.length > MAX_OBJECTS) {
    throw malformed(`a <Delete> element with 1 to ${MAX_OBJECTS} <Object> entries is required`);
  }
  const quiet = xmlText(deleteBlock, 'Quiet') === 'true';
  const keys = entries.map((entry) => xmlText(entry, 'Key'));
  if (keys.some((key) => key === undefined)) throw malformed('every <Object> needs a <Key>');
  const results: XmlElement[] = [];
  for (const [index, entry] of entries.entries()) {
    const key = keys[index] ?? '';
    const etag = xmlText(entry, 'ETag');
    const existing = bucket.objects.get(key);
    if (etag !== undefined && !existing) {
      results.push(failure(key, 'NoSuchKey', 'The specified key does not exist.'));
    } else if (etag !== undefined && existing && !etagMatches(etag, existing.etag)) {
      results.push(failure(key, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'));
    } else {
      bucket.objects.delete(key);
      if (!quiet) results.push(el('Deleted', el('Key', key)));
    }
  }
  return {status: 200, headers: {'content-type': 'application/xml'}, body: xmlDocument('DeleteResult', results)};
};

function failure(key: string, code: string, message: string): XmlElement {
  return el('Error', el('Key', key), el('Code', code), el('Message', message));
}

function malformed(detail: string): S3Error {
  return new S3Error(400, 'MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema: ${detail}`);
}

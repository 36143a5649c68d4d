/**
 * User-data in instance metadata. Google takes at most 256 KiB per metadata value, as text; a longer document is
 * gzipped and base64-encoded, with `user-data-encoding: base64` beside it, which cloud-init's GCE datasource
 * decodes before it unpacks the gzip. Reading it back gives the text, so it compares with the desired document.
 */
import {gunzipSync} from 'node:zlib';
import {fitUserData} from '@kopsx/core';
import {USER_DATA_LIMIT_BYTES} from '../model/user-data.js';

export const USER_DATA_KEY = 'user-data';
export const USER_DATA_ENCODING_KEY = 'user-data-encoding';

export interface MetadataItem {
  readonly key: string;
  readonly value: string;
}

/** The metadata items that carry `document` for `instanceGroup` (named in the error when it cannot fit). */
export function userDataItems(document: string, instanceGroup: string): MetadataItem[] {
  const fitted = fitUserData(document, {instanceGroup, maxBytes: USER_DATA_LIMIT_BYTES});
  if (!fitted.compressed) return [{key: USER_DATA_KEY, value: fitted.content}];
  return [
    {key: USER_DATA_KEY, value: fitted.content},
    {key: USER_DATA_ENCODING_KEY, value: 'base64'},
  ];
}

/** The document the items carry, or undefined when there is none. */
export function userDataOf(items: readonly {key?: string | null; value?: string | null}[]): string | undefined {
  const value = items.find((item) => item.key === USER_DATA_KEY)?.value;
  if (value === undefined || value === null) return undefined;
  if (items.find((item) => item.key === USER_DATA_ENCODING_KEY)?.value !== 'base64') return value;
  const raw = Buffer.from(value, 'base64');
  return (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
}

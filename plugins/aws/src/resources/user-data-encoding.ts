/**
 * User-data between kopsx and EC2. kopsx compares the cloud-config text; EC2 stores base64 of at most 16 KiB,
 * so a longer document goes gzipped (cloud-init recognises gzip and unpacks it) and is unpacked again when read.
 */
import {gunzipSync} from 'node:zlib';
import {fitUserData} from '@kopsx/core';
import {USER_DATA_LIMIT_BYTES} from '../model/user-data.js';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Base64 for a launch template; throws UserDataTooLargeError when even gzip does not fit. */
export function encodeUserData(document: string, instanceGroup: string): string {
  const fitted = fitUserData(document, {instanceGroup, maxBytes: USER_DATA_LIMIT_BYTES});
  return fitted.compressed ? fitted.content : Buffer.from(fitted.content).toString('base64');
}

/** The text a launch template's base64 user-data holds. */
export function decodeUserData(base64: string | undefined): string | undefined {
  if (base64 === undefined) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  return (bytes.subarray(0, 2).equals(GZIP_MAGIC) ? gunzipSync(bytes) : bytes).toString('utf8');
}

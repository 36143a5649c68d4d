import {gzipSync} from 'node:zlib';
import {KopsxError} from '../errors.js';
import type {UserData} from './user-data-options.js';

/** User-data that stays over the cloud's limit even gzipped. */
export class UserDataTooLargeError extends KopsxError {
  constructor(
    readonly instanceGroup: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `the user-data of instance group "${instanceGroup}" is ${bytes} bytes gzipped, over the cloud's limit of ${maxBytes}`,
      'UserDataTooLarge',
      'shorten the provider hooks (preKubeadmCommands, postInitCommands) or node labels; fetching user-data from the state store is not supported yet',
    );
  }
}

/**
 * The document as it is when it fits in `maxBytes`, else gzipped: cloud-init recognises gzip by its magic bytes
 * and unpacks it before reading, so no MIME wrapper or `#include` is needed. Level 9 and Node's zero timestamp
 * make the output depend only on the document, so an unchanged group keeps an unchanged launch configuration.
 */
export function fitUserData(document: string, options: {readonly instanceGroup: string; readonly maxBytes?: number}): UserData {
  const plain = Buffer.byteLength(document, 'utf8');
  const {maxBytes} = options;
  if (maxBytes === undefined || plain <= maxBytes) return {content: document, compressed: false, bytes: plain};
  const gzipped = gzipSync(document, {level: 9});
  if (gzipped.length > maxBytes) throw new UserDataTooLargeError(options.instanceGroup, gzipped.length, maxBytes);
  return {content: gzipped.toString('base64'), compressed: true, bytes: gzipped.length};
}

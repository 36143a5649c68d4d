/**
 * OpenSSH public keys (`ssh-ed25519 AAAA... comment`, one line of a `.pub` file): validated down to the key
 * blob, so a truncated paste or a private key given by mistake is refused before it reaches every node.
 */
import {createHash} from 'node:crypto';
import {KopsxError} from '../errors.js';

/** A parsed public key. Nothing here is secret. */
export interface SshPublicKey {
  /** `ssh-rsa`, `ssh-ed25519` or `ecdsa-sha2-nistp256|384|521`. */
  readonly keyType: string;
  /** `aa:bb:...`: MD5 over the key blob, as AWS, kOps and `ssh-keygen -E md5 -l` show it. */
  readonly fingerprintMd5: string;
  /** `SHA256:...` (unpadded base64), as `ssh-keygen -l` shows it. */
  readonly fingerprintSha256: string;
  readonly comment?: string;
  /** `<type> <base64>[ <comment>]`, normalised to one line. */
  readonly line: string;
}

const HINT = 'give the public half of the key pair, e.g. ~/.ssh/id_ed25519.pub (one "ssh-ed25519 AAAA... comment" line)';
/** Shorter RSA keys are breakable with today's means; OpenSSH's own default is 3072 bits. */
const MIN_RSA_BITS = 2048;
/** Bytes of an uncompressed EC point (0x04, X, Y) per curve. */
const EC_POINT_BYTES: Readonly<Record<string, number>> = {nistp256: 65, nistp384: 97, nistp521: 133};
const ED25519_KEY_BYTES = 32;
const SUPPORTED_TYPES = ['ssh-ed25519', 'ssh-rsa', ...Object.keys(EC_POINT_BYTES).map((curve) => `ecdsa-sha2-${curve}`)];

export function parseSshPublicKey(material: string): SshPublicKey {
  if (material.includes('PRIVATE KEY')) {
    // Say no more than that: the message must not echo private material.
    throw invalid('this is a private key, not a public one');
  }
  if (material.includes('BEGIN SSH2 PUBLIC KEY')) {
    throw invalid('this is the RFC 4716 format; convert it with "ssh-keygen -i -f FILE"');
  }
  const lines = material.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length !== 1) {
    throw invalid(lines.length === 0 ? 'the key is empty' : `expected one key, found ${lines.length} lines`);
  }
  const [keyType = '', encoded = '', ...commentWords] = (lines[0] ?? '').trim().split(/\s+/);
  if (!SUPPORTED_TYPES.includes(keyType)) throw unsupported(keyType);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw invalid('expected "<type> <base64 key> [comment]"');
  const blob = Buffer.from(encoded, 'base64');
  checkBlob(keyType, blob);
  const comment = commentWords.join(' ');
  const md5 = createHash('md5').update(blob).digest('hex');
  return {
    keyType,
    fingerprintMd5: md5.replace(/(..)(?!$)/g, '$1:'),
    fingerprintSha256: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    ...(comment ? {comment} : {}),
    line: [keyType, encoded, ...(comment ? [comment] : [])].join(' '),
  };
}

/** Checks that the blob holds a well-formed key of the (supported) type the line names, and nothing more. */
function checkBlob(keyType: string, blob: Buffer): void {
  const reader = new WireReader(blob);
  if (reader.string().toString('latin1') !== keyType) throw invalid(`the key data is not a ${keyType} key`);
  if (keyType === 'ssh-rsa') {
    reader.string(); // public exponent
    const modulus = reader.string();
    // An mpint has a leading zero byte when its top bit is set; it does not count towards the size.
    const bits = (modulus[0] === 0 ? modulus.length - 1 : modulus.length) * 8;
    if (bits < MIN_RSA_BITS) throw invalid(`RSA keys need at least ${MIN_RSA_BITS} bits, this one has about ${bits}`);
  } else if (keyType === 'ssh-ed25519') {
    if (reader.string().length !== ED25519_KEY_BYTES) throw invalid('the Ed25519 key has the wrong length');
  } else {
    const curve = keyType.slice('ecdsa-sha2-'.length);
    if (reader.string().toString('latin1') !== curve) throw invalid(`the key data is not on curve ${curve}`);
    const point = reader.string();
    if (point.length !== EC_POINT_BYTES[curve] || point[0] !== 0x04) throw invalid(`the ${curve} point is malformed`);
  }
  if (!reader.done()) throw invalid('the key data has trailing bytes');
}

/** Reads the SSH wire format: each field is a 4-byte big-endian length followed by that many bytes. */
class WireReader {
  private offset = 0;

  constructor(private readonly data: Buffer) {}

  string(): Buffer {
    if (this.offset + 4 > this.data.length) throw invalid('the key data is truncated');
    const length = this.data.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (start + length > this.data.length) throw invalid('the key data is truncated');
    this.offset = start + length;
    return this.data.subarray(start, this.offset);
  }

  done(): boolean {
    return this.offset === this.data.length;
  }
}

function invalid(reason: string): KopsxError {
  return new KopsxError(`invalid SSH public key: ${reason}`, 'InvalidSshPublicKey', HINT);
}

function unsupported(keyType: string): KopsxError {
  return new KopsxError(
    `unsupported SSH key type "${keyType.slice(0, 40)}"`,
    'InvalidSshPublicKey',
    'use an ssh-ed25519, ssh-rsa (2048 bits or more) or ecdsa-sha2-nistp256/384/521 key',
  );
}

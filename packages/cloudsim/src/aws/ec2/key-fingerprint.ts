import {createHash, createPublicKey} from 'node:crypto';
import {AwsError} from '../wire/aws-error.js';

export interface ParsedPublicKey {
  readonly keyType: 'rsa' | 'ed25519';
  /** What DescribeKeyPairs reports for an imported key. */
  readonly fingerprint: string;
  /** The key in OpenSSH text form, without the comment. */
  readonly publicKey: string;
}

/**
 * Parses an OpenSSH public key line and computes the fingerprint AWS reports for imported keys: for RSA the
 * MD5 of the DER (SubjectPublicKeyInfo) encoding, colon-separated; for ed25519 the base64 SHA-256 of the key.
 */
export function parseOpenSshPublicKey(text: string): ParsedPublicKey {
  const [type, encoded] = text.trim().split(/\s+/);
  const blob = Buffer.from(encoded ?? '', 'base64');
  const fields = readSshStrings(blob);
  if (type === 'ssh-rsa' && fields[0]?.toString() === 'ssh-rsa' && fields.length === 3) {
    const [, exponent, modulus] = fields as [Buffer, Buffer, Buffer];
    const der = createPublicKey({
      key: {kty: 'RSA', e: stripLeadingZeros(exponent).toString('base64url'), n: stripLeadingZeros(modulus).toString('base64url')},
      format: 'jwk',
    }).export({type: 'spki', format: 'der'});
    const fingerprint = createHash('md5').update(der).digest('hex').match(/../g)?.join(':') ?? '';
    return {keyType: 'rsa', fingerprint, publicKey: `${type} ${encoded}`};
  }
  if (type === 'ssh-ed25519' && fields[0]?.toString() === 'ssh-ed25519' && fields[1]?.length === 32) {
    return {keyType: 'ed25519', fingerprint: createHash('sha256').update(blob).digest('base64'), publicKey: `${type} ${encoded}`};
  }
  throw new AwsError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
}

/** The SSH wire format: a sequence of 4-byte big-endian lengths, each followed by that many bytes. */
function readSshStrings(blob: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset + 4 <= blob.length) {
    const length = blob.readUInt32BE(offset);
    if (offset + 4 + length > blob.length) return [];
    fields.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return offset === blob.length ? fields : [];
}

function stripLeadingZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}

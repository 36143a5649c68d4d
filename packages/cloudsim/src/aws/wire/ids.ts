import {randomBytes, randomUUID} from 'node:crypto';

/** Lower-case hex digits, as in EC2 resource IDs. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Upper-case letters and digits, as in IAM unique IDs and Route53 zone IDs. */
export function randomUpperAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** An EC2-style ID: `vpc-0a1b2c3d4e5f60718` (prefix, dash, 17 hex digits). */
export function ec2Id(prefix: string): string {
  return `${prefix}-${randomHex(17)}`;
}

export function requestId(): string {
  return randomUUID();
}

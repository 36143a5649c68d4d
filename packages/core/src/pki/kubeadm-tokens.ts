/**
 * The two shared secrets kubeadm needs to grow a cluster: the bootstrap token new nodes authenticate with,
 * and the key that encrypts the control-plane certificates `kubeadm init --upload-certs` leaves in the cluster
 * for joining control planes.
 */
import {randomBytes, randomInt} from 'node:crypto';

/** kubeadm's format: a 6-character public id, a dot, and a 16-character secret. */
export const BOOTSTRAP_TOKEN_PATTERN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
/** 32 random bytes in hex: the AES-256 key kubeadm expects for `--certificate-key`. */
export const CERTIFICATE_KEY_PATTERN = /^[0-9a-f]{64}$/;

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function generateBootstrapToken(): string {
  return `${randomChars(6)}.${randomChars(16)}`;
}

export function generateCertificateKey(): string {
  return randomBytes(32).toString('hex');
}

function randomChars(count: number): string {
  // randomInt draws without modulo bias, so every character of the alphabet is equally likely.
  return Array.from({length: count}, () => TOKEN_ALPHABET.charAt(randomInt(TOKEN_ALPHABET.length))).join('');
}

/**
 * Checks of what the provider hands over, so that a mistake fails `update cluster` with a clear message instead
 * of a machine that never joins. Messages never quote secret values.
 */
import {KopsxError} from '../errors.js';
import type {JoinMaterial} from './user-data-options.js';

const TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
const CERTIFICATE_KEY = /^[0-9a-f]{64}$/;
const CA_HASH = /^sha256:[0-9a-f]{64}$/;
/** A DNS name or an IPv4 address; the port is always 443. */
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

export function checkJoinMaterial(join: JoinMaterial | undefined, instanceGroup: string): JoinMaterial {
  if (!join) throw invalid(`instance group "${instanceGroup}" needs the join material (bootstrap token, CA hash, certificate key)`);
  if (!TOKEN.test(join.bootstrapToken)) throw invalid('the bootstrap token is not in kubeadm\'s format (6 + "." + 16 lowercase letters or digits)');
  if (!CERTIFICATE_KEY.test(join.certificateKey)) throw invalid('the certificate key is not 64 lowercase hex digits');
  if (!CA_HASH.test(join.caCertHash)) throw invalid('the CA hash is not "sha256:" followed by 64 lowercase hex digits');
  return join;
}

export function checkApiNames(names: readonly string[]): void {
  const bad = names.filter((name) => !HOST.test(name));
  if (bad.length > 0) throw invalid(`API names must be host names or IPv4 addresses without a port: ${bad.join(', ')}`);
}

function invalid(message: string): KopsxError {
  return new KopsxError(message, 'InvalidBootstrapInput', 'this is a fault in the cloud provider plugin: report it with the plugin version');
}

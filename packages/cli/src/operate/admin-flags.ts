import {DEFAULT_ADMIN_VALIDITY_MS} from '@kopsx/core';
import type {AdminCredentialOptions} from '@kopsx/core';
import {Flags} from '@oclif/core';
import {UsageError} from '../usage-error.js';
import {durationFlag} from './duration-flag.js';
import {formatDurationFlag} from './parse-duration.js';

/** A bare `--admin` means kOps' default lifetime (pass to withImpliedValues). */
export const ADMIN_IMPLIED = {admin: formatDurationFlag(DEFAULT_ADMIN_VALIDITY_MS)} as const;

/** `--admin[=DURATION]` and `--user`, shared by `export kubecfg` and `update cluster`. */
export const credentialFlags = {
  admin: durationFlag({
    description:
      `Also write an admin client certificate (group system:masters) valid this long; a bare --admin means ${ADMIN_IMPLIED.admin}. ` +
      'Give a value with =, e.g. --admin=1h.',
  }),
  user: Flags.string({description: 'Use this user of the kubeconfig file (e.g. your OIDC user) instead of a certificate. Not with --admin.'}),
};

export interface KubeconfigCredentials {
  readonly admin?: AdminCredentialOptions;
  readonly user?: string;
}

/** The credential options of exportKubeconfig from the flags, refusing what cannot work before anything is done. */
export function credentialOptions(flags: {readonly admin?: number; readonly user?: string}): KubeconfigCredentials {
  const {admin, user} = flags;
  if (admin !== undefined && user !== undefined) {
    throw new UsageError('--admin and --user cannot be combined', 'use --admin for a new admin certificate, or --user for a user already in your kubeconfig');
  }
  if (admin !== undefined && admin < 60_000) {
    throw new UsageError('--admin needs a lifetime of a minute or more', `e.g. --admin=1h, or a bare --admin for ${ADMIN_IMPLIED.admin}`);
  }
  return {...(admin === undefined ? {} : {admin: {validityMs: admin}}), ...(user === undefined ? {} : {user})};
}

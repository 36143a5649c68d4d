/**
 * IAM service accounts, found among the project's accounts by the cluster's description (IAM cannot filter a
 * listing). An account's ID is its name; its email is what instance templates refer to.
 */
import type {ResourceHandler} from '@kopsx/core';
import {AlreadyExistsError} from '@kopsx/core';
import {GoogleHttpError} from '../google-http-error.js';
import type {ServiceAccount} from '../iam-client.js';
import {Kind} from '../kinds.js';
import {isOwned} from '../ownership.js';
import type {GceApi} from './gce-api.js';
import {ignoreNotFound, observed} from './observe.js';
import {read} from './read-properties.js';

export function serviceAccountHandler(api: GceApi): ResourceHandler {
  const {iam} = api.clients;
  const accountIdOf = (account: ServiceAccount) => account.email.slice(0, account.email.indexOf('@'));
  const toObserved = (name: string, account: ServiceAccount) =>
    observed({kind: Kind.serviceAccount, name, id: account.email, properties: {displayName: account.displayName, description: account.description}, attributes: {email: account.email}});

  return {
    kind: Kind.serviceAccount,
    // IAM has no update of an account kopsx uses; a new display name is a new account, after the old one (same ID).
    deleteBeforeReplace: true,

    async list(ctx) {
      const accounts = await iam.listServiceAccounts(ctx.signal);
      return accounts.filter((account) => isOwned(account.description, ctx.clusterName)).map((account) => toObserved(accountIdOf(account), account));
    },

    async create(ctx, desired) {
      const p = read(desired);
      const request = {accountId: desired.name, displayName: p.string('displayName'), description: p.string('description')};
      try {
        return toObserved(desired.name, await iam.createServiceAccount(request, ctx.signal));
      } catch (error) {
        if (!(error instanceof GoogleHttpError && error.status === 409)) throw error;
        // A lost answer: the account an earlier attempt made is taken over, someone else's never.
        const email = `${desired.name}@${api.project}.iam.gserviceaccount.com`;
        const existing = await iam.getServiceAccount(email, ctx.signal);
        if (!isOwned(existing.description, ctx.clusterName)) {
          throw new AlreadyExistsError(`service account ${email} exists and is not cluster ${ctx.clusterName}'s`, 'delete that service account, or give the cluster another name');
        }
        return toObserved(desired.name, existing);
      }
    },

    async delete(ctx, current) {
      await ignoreNotFound(() => iam.deleteServiceAccount(current.id, ctx.signal));
    },
  };
}

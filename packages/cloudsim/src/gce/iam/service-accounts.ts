import {randomInt} from 'node:crypto';
import type {GceState} from '../gce-state.js';
import {isJson, str, type Json} from '../json.js';
import {GoogleApiError} from '../wire/google-error.js';
import {pageOf} from '../wire/paging.js';
import type {ServiceAccount} from './iam-state.js';

const ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;

/** IAM answers with gRPC-style statuses (`NOT_FOUND`) rather than Compute's `errors[]`. */
export const iamError = (status: number, grpcStatus: string, message: string): GoogleApiError =>
  new GoogleApiError(status, grpcStatus.toLowerCase(), message, grpcStatus);

export interface NewServiceAccount {
  readonly project: string;
  readonly accountId: string;
  readonly displayName?: string;
  readonly description?: string;
}

/** Creates `<accountId>@<project>.iam.gserviceaccount.com`, as `serviceAccounts.create` does. */
export function createServiceAccount(state: GceState, request: NewServiceAccount): ServiceAccount {
  const {project, accountId} = request;
  if (!ACCOUNT_ID.test(accountId)) {
    throw iamError(400, 'INVALID_ARGUMENT', `Invalid account ID '${accountId}': it must match [a-z]([-a-z0-9]*[a-z0-9]) and be 6 to 30 characters long.`);
  }
  const email = `${accountId}@${project}.iam.gserviceaccount.com`;
  if (state.iam.account(project, email)) {
    throw iamError(409, 'ALREADY_EXISTS', `Service account ${accountId} already exists within project projects/${project}.`);
  }
  const account: ServiceAccount = {
    project,
    accountId,
    email,
    uniqueId: `1${Array.from({length: 20}, () => randomInt(0, 10)).join('')}`,
    displayName: request.displayName ?? '',
    description: request.description ?? '',
  };
  state.iam.add(account);
  return account;
}

export function createFromRequest(state: GceState, project: string, body: Json): Json {
  const accountId = str(body.accountId);
  if (accountId === undefined) throw iamError(400, 'INVALID_ARGUMENT', 'Account ID is required.');
  const details = isJson(body.serviceAccount) ? body.serviceAccount : {};
  const displayName = str(details.displayName);
  const description = str(details.description);
  return accountJson(createServiceAccount(state, {
    project, accountId, ...(displayName === undefined ? {} : {displayName}), ...(description === undefined ? {} : {description}),
  }));
}

export function findAccount(state: GceState, project: string, emailOrId: string): ServiceAccount {
  const account = state.iam.account(project, emailOrId);
  if (!account) throw iamError(404, 'NOT_FOUND', `Unknown service account`);
  return account;
}

export function listAccounts(state: GceState, project: string, query: URLSearchParams): Json {
  const page = pageOf(state.iam.list(project), (account) => account.email, query, {sizeParam: 'pageSize', defaultSize: 20, maxSize: 100});
  return {...(page.items.length > 0 ? {accounts: page.items.map(accountJson)} : {}), ...(page.nextPageToken ? {nextPageToken: page.nextPageToken} : {})};
}

export function accountJson(account: ServiceAccount): Json {
  return {
    name: `projects/${account.project}/serviceAccounts/${account.email}`,
    projectId: account.project,
    uniqueId: account.uniqueId,
    email: account.email,
    ...(account.displayName ? {displayName: account.displayName} : {}),
    ...(account.description ? {description: account.description} : {}),
    etag: 'MDEwMjE5MjA=',
    oauth2ClientId: account.uniqueId,
  };
}

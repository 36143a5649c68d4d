/** IAM service accounts, the one part of IAM the provider manages (`/v1/projects/P/serviceAccounts`). */
import type {GoogleRest} from './google-rest.js';

export interface ServiceAccount {
  readonly email: string;
  readonly uniqueId?: string;
  readonly displayName?: string;
  readonly description?: string;
}

export interface NewServiceAccount {
  readonly accountId: string;
  readonly displayName: string;
  readonly description: string;
}

export interface IamClient {
  /** Every service account of the project, following pages. */
  listServiceAccounts(signal?: AbortSignal): Promise<ServiceAccount[]>;
  getServiceAccount(email: string, signal?: AbortSignal): Promise<ServiceAccount>;
  createServiceAccount(account: NewServiceAccount, signal?: AbortSignal): Promise<ServiceAccount>;
  deleteServiceAccount(email: string, signal?: AbortSignal): Promise<void>;
}

export function iamClient(rest: GoogleRest, project: string): IamClient {
  const accounts = `v1/projects/${encodeURIComponent(project)}/serviceAccounts`;
  return {
    async listServiceAccounts(signal) {
      const all: ServiceAccount[] = [];
      let pageToken: string | undefined;
      do {
        const page = await rest<{accounts?: ServiceAccount[]; nextPageToken?: string}>({path: accounts, query: {pageSize: '100', pageToken}, signal});
        all.push(...(page.accounts ?? []));
        pageToken = page.nextPageToken || undefined;
      } while (pageToken);
      return all;
    },
    getServiceAccount: (email, signal) => rest({path: `${accounts}/${encodeURIComponent(email)}`, signal}),
    createServiceAccount: ({accountId, displayName, description}, signal) =>
      rest({path: accounts, method: 'POST', body: {accountId, serviceAccount: {displayName, description}}, signal}),
    async deleteServiceAccount(email, signal) {
      await rest({path: `${accounts}/${encodeURIComponent(email)}`, method: 'DELETE', signal});
    },
  };
}

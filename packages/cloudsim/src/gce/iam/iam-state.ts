export interface ServiceAccount {
  readonly project: string;
  readonly accountId: string;
  readonly email: string;
  /** 21 digits, also the OAuth2 client id. */
  readonly uniqueId: string;
  readonly displayName: string;
  readonly description: string;
}

/** The IAM service accounts of every project, by email. */
export class IamState {
  readonly #accounts = new Map<string, ServiceAccount>();

  /** An account by email or unique id; `project` `-` means any project, as in IAM's URLs. */
  account(project: string, emailOrId: string): ServiceAccount | undefined {
    const found = this.#accounts.get(emailOrId) ?? [...this.#accounts.values()].find((account) => account.uniqueId === emailOrId);
    return found && (project === '-' || found.project === project) ? found : undefined;
  }

  add(account: ServiceAccount): void {
    this.#accounts.set(account.email, account);
  }

  remove(account: ServiceAccount): void {
    this.#accounts.delete(account.email);
  }

  /** A project's accounts sorted by email; every project's without `project`. */
  list(project?: string): ServiceAccount[] {
    return [...this.#accounts.values()].filter((account) => project === undefined || account.project === project)
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }

  clear(): void {
    this.#accounts.clear();
  }
}

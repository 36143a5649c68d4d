/** One resource record set: all records of one name and type. */
export interface RecordSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly rrdatas: readonly string[];
}

export interface RecordChange {
  readonly id: string;
  readonly startTime: number;
  /** The change reports `pending` until this clock time, then `done`. */
  readonly doneAt: number;
  readonly additions: readonly RecordSet[];
  readonly deletions: readonly RecordSet[];
}

export interface ManagedZone {
  readonly project: string;
  readonly name: string;
  readonly dnsName: string;
  readonly id: string;
  readonly creationTime: number;
  readonly description: string;
  readonly visibility: 'public' | 'private';
  readonly labels: Readonly<Record<string, string>>;
  readonly nameServers: readonly string[];
  readonly privateVisibilityConfig?: Readonly<Record<string, unknown>>;
  /** By `recordKey(name, type)`. */
  readonly records: Map<string, RecordSet>;
  readonly changes: RecordChange[];
}

export function recordKey(name: string, type: string): string {
  return `${name} ${type}`;
}

/** The managed zones of every project. */
export class DnsState {
  readonly #zones = new Map<string, ManagedZone>();

  zone(project: string, name: string): ManagedZone | undefined {
    return this.#zones.get(`${project}/${name}`);
  }

  add(zone: ManagedZone): void {
    this.#zones.set(`${zone.project}/${zone.name}`, zone);
  }

  remove(zone: ManagedZone): void {
    this.#zones.delete(`${zone.project}/${zone.name}`);
  }

  /** A project's zones by name; every project's without `project`. */
  list(project?: string): ManagedZone[] {
    return [...this.#zones.values()].filter((zone) => project === undefined || zone.project === project)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  clear(): void {
    this.#zones.clear();
  }
}

/** What every EC2 resource has: an ID, the region it lives in and its tags. */
export interface Ec2Resource {
  readonly id: string;
  readonly region: string;
  readonly tags: Map<string, string>;
}

/** The resources of one kind, by ID; lookups see only the caller's region, as EC2 endpoints are regional. */
export class RegionalTable<T extends Ec2Resource> {
  readonly #items = new Map<string, T>();

  add(item: T): T {
    this.#items.set(item.id, item);
    return item;
  }

  get(region: string, id: string): T | undefined {
    const item = this.#items.get(id);
    return item?.region === region ? item : undefined;
  }

  delete(id: string): void {
    this.#items.delete(id);
  }

  /** Resources of the region, oldest first (insertion order), so paging is stable. */
  inRegion(region: string): T[] {
    return this.all().filter((item) => item.region === region);
  }

  all(): T[] {
    return [...this.#items.values()];
  }

  clear(): void {
    this.#items.clear();
  }
}

/** One simulated-service call, as `GET /_sim/requests` reports it. */
export interface RequestLogEntry {
  readonly service: string;
  readonly action: string;
  readonly status: number;
}

/** The calls the simulated services answered, in arrival order (admin calls are not recorded). */
export class RequestLog {
  #entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry);
  }

  entries(): RequestLogEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}

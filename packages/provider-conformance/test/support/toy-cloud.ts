/**
 * A toy cloud on 127.0.0.1 for the suite's own tests: networks and groups as JSON resources with labels,
 * and servers the cloud launches to keep each group at its size. Enough to build a provider on whose
 * mistakes the suite must catch.
 */
import {createServer} from 'node:http';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

type Labels = Record<string, string>;

export interface ToyResource {
  readonly kind: 'network' | 'group' | 'server';
  readonly id: string;
  labels: Labels;
  [field: string]: unknown;
}

const COLLECTIONS = {networks: 'network', groups: 'group', servers: 'server'} as const;

export class ToyCloud {
  readonly #resources = new Map<string, ToyResource>();
  readonly #server = createServer((req, res) => void this.#serve(req, res));
  #nextId = 1;
  #mutatingCalls = 0;
  #failAtCall = 0;
  endpoint = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The `call`-th mutating request from now on fails once with a 500. */
  failAtCall(call: number): void {
    this.#mutatingCalls = 0;
    this.#failAtCall = call;
  }

  resources(): ToyResource[] {
    return [...this.#resources.values()].map((r) => structuredClone(r));
  }

  /** Adds a resource directly, as someone else's tool would have. */
  seed(kind: 'network' | 'group', fields: Record<string, unknown>, labels: Labels = {}): ToyResource {
    return structuredClone(this.#add({...fields, kind, labels}));
  }

  #add(fields: Record<string, unknown> & {kind: ToyResource['kind']; labels: Labels}): ToyResource {
    const resource: ToyResource = {...fields, id: `${fields.kind}-${this.#nextId++}`};
    this.#resources.set(resource.id, resource);
    if (resource.kind === 'group') this.#reconcile(resource);
    return resource;
  }

  /** Launches or removes servers until the group runs `size` of them; new ones get its current machine type. */
  #reconcile(group: ToyResource): void {
    const servers = [...this.#resources.values()].filter((r) => r.kind === 'server' && r.group === group.id);
    for (let n = servers.length; n < Number(group.size); n++) {
      this.#add({kind: 'server', group: group.id, machineType: group.machineType, labels: {...group.labels}});
    }
    for (const extra of servers.slice(Number(group.size))) this.#resources.delete(extra.id);
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const {status, json} = this.#answer(req.method ?? 'GET', new URL(req.url ?? '/', this.endpoint), body);
    res.writeHead(status, {'content-type': 'application/json'});
    res.end(json === undefined ? '' : JSON.stringify(json));
  }

  #answer(method: string, url: URL, body: string): {status: number; json?: unknown} {
    if (method !== 'GET' && ++this.#mutatingCalls === this.#failAtCall) {
      this.#failAtCall = 0;
      return {status: 500, json: {error: 'injected fault'}};
    }
    const [collection = '', id] = url.pathname.split('/').filter(Boolean);
    const kind = COLLECTIONS[collection as keyof typeof COLLECTIONS];
    if (!kind) return {status: 404, json: {error: `no collection ${collection}`}};
    const existing = id === undefined ? undefined : this.#resources.get(id);
    if (id !== undefined && existing?.kind !== kind) return {status: 404, json: {error: `no ${kind} ${id}`}};
    if (method === 'GET' && existing) return {status: 200, json: existing};
    if (method === 'GET') {
      const [key = '', value] = (url.searchParams.get('label') ?? '').split('=');
      const matching = [...this.#resources.values()].filter((r) => r.kind === kind && (value === undefined || r.labels[key] === value));
      return {status: 200, json: matching};
    }
    if (method === 'POST' && !existing) {
      const fields = JSON.parse(body) as Record<string, unknown> & {labels?: Labels};
      return {status: 201, json: this.#add({...fields, kind, labels: fields.labels ?? {}})};
    }
    if (method === 'PATCH' && existing) {
      Object.assign(existing, JSON.parse(body));
      if (existing.kind === 'group') this.#reconcile(existing);
      return {status: 200, json: existing};
    }
    if (method === 'DELETE' && existing) {
      const users = [...this.#resources.values()].filter((r) => r.network === existing.id || r.group === existing.id);
      if (existing.kind === 'network' && users.length > 0) return {status: 409, json: {error: `network ${existing.id} is in use`}};
      for (const server of users) this.#resources.delete(server.id);
      this.#resources.delete(existing.id);
      return {status: 204};
    }
    return {status: 405, json: {error: `${method} ${url.pathname} is not supported`}};
  }
}

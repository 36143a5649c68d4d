import {createServer, type AddressInfo, type Server, type Socket} from 'node:net';
import type {ComputeResource} from './compute-store.js';

/** What a connection to a front end reaches: the address as it is now (undefined once it is deleted). */
export type AddressConnectionHandler = (address: ComputeResource | undefined, socket: Socket) => void;

interface OpenFrontend {
  readonly port: number;
  readonly server: Server;
  readonly sockets: Set<Socket>;
  addressPath?: string;
}

/** How kopsx marks what a cluster owns on Google Cloud: `Managed by kopsx for cluster <name>`. */
const OWNER_DESCRIPTION = /^Managed by kopsx for cluster (\S+)$/;

/** The cluster a kopsx-made resource belongs to, by its description. */
export function clusterOfDescription(description: unknown): string | undefined {
  return typeof description === 'string' ? OWNER_DESCRIPTION.exec(description)?.[1] : undefined;
}

/**
 * Real TCP listeners on 127.0.0.1 behind the static addresses of clusters' API load balancers: a regional
 * address a kopsx cluster owns (by its description) gets `127.0.0.1:<port>` of its own listener as its
 * `address`, which the forwarding rule on it reports as `IPAddress`, so clients reach the API as they would on
 * Google Cloud (`https://<IPAddress>`). What a connection reaches is up to the handler (the simulated
 * Kubernetes API of the address's cluster).
 *
 * Listening is asynchronous and resource hooks are not, so `ComputeService` opens a listener before an insert
 * that wants one (`open`), the address takes it (`claim`), and an unclaimed one is closed (`withdraw`).
 */
export class ApiFrontends {
  readonly #addresses: (path: string) => ComputeResource | undefined;
  readonly #open = new Map<number, OpenFrontend>();
  #handler: AddressConnectionHandler = (_address, socket) => socket.destroy();
  #offered: OpenFrontend | undefined;

  constructor(addresses: (path: string) => ComputeResource | undefined) {
    this.#addresses = addresses;
  }

  /** Whether an address insert with this body gets a listener: a cluster's, regional, no address asked for. */
  static wanted(input: Readonly<Record<string, unknown>>, regional: boolean): boolean {
    return regional && input.address === undefined && clusterOfDescription(input.description) !== undefined;
  }

  /** Routes every connection from now on; set by the simulated Kubernetes API. */
  onConnection(handler: AddressConnectionHandler): void {
    this.#handler = handler;
  }

  /** Listens on a free port of 127.0.0.1 and offers it to the next `claim`. */
  async open(): Promise<void> {
    // Paused until routed, so no byte is read before the handler (e.g. a TLS server) takes the socket over.
    const server = createServer({pauseOnConnect: true});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Only the simulator's own server keeps the process alive.
    server.unref();
    const frontend: OpenFrontend = {port: (server.address() as AddressInfo).port, server, sockets: new Set()};
    server.on('connection', (socket) => this.#route(frontend, socket));
    this.#open.set(frontend.port, frontend);
    this.#offered = frontend;
  }

  /** Binds the offered listener to the address at `path`; its `127.0.0.1:<port>`, or undefined if none was opened. */
  claim(path: string): string | undefined {
    const frontend = this.#offered;
    this.#offered = undefined;
    if (!frontend) return undefined;
    frontend.addressPath = path;
    return `127.0.0.1:${frontend.port}`;
  }

  /** Closes an offered listener nobody claimed (the insert failed). */
  withdraw(): void {
    const unclaimed = this.#offered;
    this.#offered = undefined;
    if (unclaimed) this.#shut(unclaimed);
  }

  /** Stops the listener of a deleted address and drops its connections. */
  close(addressPath: string): void {
    for (const frontend of [...this.#open.values()]) if (frontend.addressPath === addressPath) this.#shut(frontend);
  }

  closeAll(): void {
    for (const frontend of [...this.#open.values()]) this.#shut(frontend);
    this.#offered = undefined;
  }

  #route(frontend: OpenFrontend, socket: Socket): void {
    frontend.sockets.add(socket);
    socket.once('close', () => frontend.sockets.delete(socket));
    this.#handler(frontend.addressPath === undefined ? undefined : this.#addresses(frontend.addressPath), socket);
  }

  #shut(frontend: OpenFrontend): void {
    this.#open.delete(frontend.port);
    frontend.server.close();
    for (const socket of frontend.sockets) socket.destroy();
  }
}

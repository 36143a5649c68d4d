import {createServer, type Server, type Socket} from 'node:net';
import type {AddressInfo} from 'node:net';
import type {LoadBalancer} from './elbv2-state.js';

/** Decides what happens to a connection a load balancer received; the default closes it (no healthy target). */
export type FrontendConnectionHandler = (balancer: LoadBalancer, socket: Socket) => void;

/** One real TCP listener on 127.0.0.1, the address of one simulated load balancer. */
export interface Frontend {
  readonly port: number;
}

interface OpenFrontend extends Frontend {
  readonly server: Server;
  readonly sockets: Set<Socket>;
  balancerArn?: string;
}

const closeAtOnce: FrontendConnectionHandler = (_balancer, socket) => socket.destroy();

/**
 * The TCP listeners behind load balancers: each load balancer's `DNSName` is `127.0.0.1:<port>` of its own
 * listener, so clients reach it as they would on AWS (`https://<DNSName>`). What a connection reaches is up to
 * the handler (the simulated Kubernetes API of the balancer's cluster).
 *
 * Listening is asynchronous and Query handlers are not, so `Elbv2Service` opens a listener first and offers it
 * to CreateLoadBalancer (`offer`), which `claim`s it; an offer left unclaimed (the call failed) is closed.
 */
export class LoadBalancerFrontends {
  /** The load balancers by ARN: each connection is handed its balancer as it is now (tags may have changed). */
  readonly #balancers: ReadonlyMap<string, LoadBalancer>;
  readonly #open = new Map<number, OpenFrontend>();
  #handler: FrontendConnectionHandler = closeAtOnce;
  #offered: OpenFrontend | undefined;

  constructor(balancers: ReadonlyMap<string, LoadBalancer>) {
    this.#balancers = balancers;
  }

  /** Routes every connection from now on; set by the simulated Kubernetes API. */
  onConnection(handler: FrontendConnectionHandler): void {
    this.#handler = handler;
  }

  /** Listens on a free port of 127.0.0.1; connections are closed until a load balancer claims it. */
  async open(): Promise<Frontend> {
    // Paused until routed, so no byte is read before the handler (e.g. a TLS server) takes the socket over.
    const server = createServer({pauseOnConnect: true});
    const sockets = new Set<Socket>();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Only the simulator's own server keeps the process alive.
    server.unref();
    const frontend: OpenFrontend = {port: (server.address() as AddressInfo).port, server, sockets};
    server.on('connection', (socket) => this.#route(frontend, socket));
    this.#open.set(frontend.port, frontend);
    return frontend;
  }

  /** Makes `frontend` the one the next `claim` takes; `withdraw` closes it if nobody did. */
  offer(frontend: Frontend): void {
    this.#offered = this.#open.get(frontend.port);
  }

  /** Binds the offered listener to a load balancer and returns its port. */
  claim(balancerArn: string): number {
    const frontend = this.#offered;
    if (!frontend) throw new Error('no load balancer listener was opened before CreateLoadBalancer');
    this.#offered = undefined;
    frontend.balancerArn = balancerArn;
    return frontend.port;
  }

  withdraw(): void {
    const unclaimed = this.#offered;
    this.#offered = undefined;
    if (unclaimed) this.#shut(unclaimed);
  }

  /** Stops the listener of a deleted load balancer and drops its connections. */
  close(balancerArn: string): void {
    for (const frontend of this.#open.values()) if (frontend.balancerArn === balancerArn) this.#shut(frontend);
  }

  closeAll(): void {
    for (const frontend of [...this.#open.values()]) this.#shut(frontend);
    this.#offered = undefined;
  }

  #route(frontend: OpenFrontend, socket: Socket): void {
    frontend.sockets.add(socket);
    socket.once('close', () => frontend.sockets.delete(socket));
    const balancer = frontend.balancerArn === undefined ? undefined : this.#balancers.get(frontend.balancerArn);
    if (!balancer) socket.destroy();
    else this.#handler(balancer, socket);
  }

  #shut(frontend: OpenFrontend): void {
    this.#open.delete(frontend.port);
    frontend.server.close();
    for (const socket of frontend.sockets) socket.destroy();
  }
}

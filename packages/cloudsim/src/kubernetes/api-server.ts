import type {IncomingMessage, ServerResponse} from 'node:http';
import {createServer} from 'node:https';
import type {Socket} from 'node:net';
import type {TLSSocket} from 'node:tls';
import {readBody} from '../read-body.js';
import type {ApiReply} from './api-call.js';
import {ApiError} from './api-error.js';
import {dispatch, PUBLIC_PATHS} from './api-routes.js';
import {servingCertificate} from './certificates.js';
import type {SimCluster} from './sim-cluster.js';
import {asTable, wantsTable} from './tables.js';

/** A cluster's HTTPS API server, fed the connections its load balancers receive. */
export interface ApiServer {
  accept(socket: Socket): void;
  /** Drops every connection. */
  close(): void;
}

/**
 * Serves the cluster's API over TLS with a certificate from the cluster CA. Clients authenticate with a
 * certificate that CA signed (as `kopsx export kubecfg --admin` issues); others get 401 except on the paths
 * kubeadm lets anyone read.
 */
export async function startApiServer(cluster: SimCluster): Promise<ApiServer> {
  const authority = await cluster.authority();
  const serving = await servingCertificate(authority, cluster.name);
  const sockets = new Set<TLSSocket>();
  const server = createServer(
    {key: serving.keyPem, cert: serving.certPem, ca: authority.certPem, requestCert: true, rejectUnauthorized: false},
    (req, res) => void respond(cluster, req, res),
  );
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    accept: (socket) => {
      if (!socket.destroyed) server.emit('connection', socket);
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

async function respond(cluster: SimCluster, req: IncomingMessage, res: ServerResponse): Promise<void> {
  cluster.sync();
  // The last control plane went away: the load balancer has no healthy target left.
  if (!cluster.serving) {
    req.socket.destroy();
    return;
  }
  let reply: ApiReply;
  try {
    reply = await answer(cluster, req);
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError('InternalError', `simulated Kubernetes API failed: ${(error as Error).message}`);
    reply = {status: failure.code, body: failure.status()};
  }
  const text = typeof reply.body === 'string';
  const body = text ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {'content-type': text ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': Buffer.byteLength(body)});
  res.end(body);
}

async function answer(cluster: SimCluster, req: IncomingMessage): Promise<ApiReply> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  if (!PUBLIC_PATHS.includes(url.pathname) && !(req.socket as TLSSocket).authorized) {
    throw new ApiError('Unauthorized', 'Unauthorized');
  }
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    throw new ApiError('BadRequest', 'the request body is not JSON (the simulated API reads JSON only)');
  }
  const reply = dispatch(req.method ?? 'GET', url.pathname, {cluster, query: url.searchParams, body, contentType: req.headers['content-type']});
  // Changes (a new pod, an eviction) take effect before the answer, as the controllers would react.
  cluster.sync();
  return wantsTable(req.headers.accept) ? {...reply, body: asTable(reply.body, cluster.now())} : reply;
}

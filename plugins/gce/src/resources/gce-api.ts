/** What every handler works with: the clients of one connection, its project and region, and shared reads. */
import type {GoogleClients} from '../google-clients.js';
import type {SharedReads} from '@kopsx/core';

export interface GceApi {
  readonly clients: GoogleClients;
  readonly project: string;
  /** The cluster's region: where its regional resources are listed and created. */
  readonly region: string;
  readonly reads: SharedReads;
}

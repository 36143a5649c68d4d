import type {Socket} from 'node:net';

/** Where a machine runs and what it is, as its node reports it. */
export interface MachineHost {
  /** The node's `spec.providerID` (`aws:///<zone>/<id>`, `gce://<project>/<zone>/<name>`). */
  readonly providerId: string;
  readonly privateIp: string;
  readonly region: string;
  readonly zone: string;
  readonly instanceType: string;
  readonly architecture: 'amd64' | 'arm64';
}

/** A cloud instance that belongs to a cluster and is pending or running (terminated ones are not listed). */
export interface CloudMachine {
  /** The cloud's own object for the instance: what its parsed user-data is cached by. */
  readonly identity: object;
  readonly instanceId: string;
  /** The name it registers as: the hostname the cloud gives it. */
  readonly nodeName: string;
  /** The user-data bytes as cloud-init reads them (possibly gzipped), or undefined without any. */
  userData(): Buffer | undefined;
  /** When the instance entered running, in the cloud's clock; undefined while it boots. */
  readonly runningSince: number | undefined;
  /** The role its cloud tags or labels state, for machines whose user-data says nothing. */
  readonly role?: 'control-plane' | 'node';
  /** Node labels its cloud tags or labels state (the machine's own labels win). */
  readonly labels: Readonly<Record<string, string>>;
  readonly host: MachineHost;
}

/** Called for each connection to a cluster's API front end; `clusterName` is undefined when it serves none. */
export type ApiConnectionHandler = (clusterName: string | undefined, socket: Socket) => void;

/**
 * What the simulated Kubernetes API needs from a simulated cloud: its clock, the machines of each cluster,
 * and the connections its API front ends (load balancers with a real listener) receive.
 */
export interface MachineCloud {
  readonly name: string;
  now(): number;
  /** The clusters that have machines now. */
  clusterNames(): string[];
  /** The cluster's pending and running machines, brought up to date with the clock. */
  machines(clusterName: string): CloudMachine[];
  /** Routes every front-end connection from now on. */
  onApiConnection(handler: ApiConnectionHandler): void;
}

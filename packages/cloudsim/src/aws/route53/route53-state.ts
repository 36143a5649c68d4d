export interface AliasTarget {
  readonly hostedZoneId: string;
  readonly dnsName: string;
  readonly evaluateTargetHealth: boolean;
}

export interface RecordSet {
  /** Fully qualified, lower case, with the trailing dot. */
  readonly name: string;
  readonly type: string;
  readonly ttl?: number;
  readonly values: readonly string[];
  readonly aliasTarget?: AliasTarget;
  readonly setIdentifier?: string;
  readonly weight?: number;
}

export interface HostedZone {
  /** Without the `/hostedzone/` prefix, e.g. `Z0123456789ABCDEFGHIJ`. */
  readonly id: string;
  /** With the trailing dot, e.g. `example.com.`. */
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  readonly privateZone: boolean;
  readonly vpcs: ReadonlyArray<{readonly vpcId: string; readonly vpcRegion: string}>;
  readonly nameServers: readonly string[];
  records: RecordSet[];
}

export interface Change {
  readonly id: string;
  readonly submittedAt: Date;
  readonly comment?: string;
}

/** Route53 is global: hosted zones and submitted changes for the whole account. */
export class Route53State {
  readonly zones = new Map<string, HostedZone>();
  readonly changes = new Map<string, Change>();

  reset(): void {
    this.zones.clear();
    this.changes.clear();
  }
}

import {isRecord} from './object-meta.js';

/** kubectl asks for server-side printing with `Accept: application/json;as=Table;v=v1;g=meta.k8s.io, ...`. */
export function wantsTable(accept: string | undefined): boolean {
  return accept?.split(',').some((type) => type.includes('as=Table') && type.includes('g=meta.k8s.io')) ?? false;
}

type Row = Record<string, unknown>;

interface Column {
  readonly name: string;
  readonly cell: (object: Row, now: number) => string;
}

const metadataOf = (object: Row): Row => (isRecord(object.metadata) ? object.metadata : {});
const statusOf = (object: Row): Row => (isRecord(object.status) ? object.status : {});
const NAME: Column = {name: 'Name', cell: (object) => String(metadataOf(object).name ?? '')};
const AGE: Column = {name: 'Age', cell: (object, now) => age(now - Date.parse(String(metadataOf(object).creationTimestamp)))};

/** The columns `kubectl get` shows for each kind the simulator serves (others: name and age). */
const COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  Node: [
    NAME,
    {name: 'Status', cell: (node) => {
      const ready = (statusOf(node).conditions as Row[] | undefined)?.find((condition) => condition.type === 'Ready')?.status === 'True';
      const cordoned = isRecord(node.spec) && node.spec.unschedulable === true;
      return `${ready ? 'Ready' : 'NotReady'}${cordoned ? ',SchedulingDisabled' : ''}`;
    }},
    {name: 'Roles', cell: (node) => {
      const roles = Object.keys(metadataOf(node).labels ?? {}).filter((key) => key.startsWith('node-role.kubernetes.io/'));
      return roles.map((key) => key.slice('node-role.kubernetes.io/'.length)).join(',') || '<none>';
    }},
    AGE,
    {name: 'Version', cell: (node) => String((statusOf(node).nodeInfo as Row | undefined)?.kubeletVersion ?? '')},
  ],
  Pod: [
    NAME,
    {name: 'Ready', cell: (pod) => {
      const containers = (statusOf(pod).containerStatuses as Row[] | undefined) ?? [];
      return `${containers.filter((container) => container.ready === true).length}/${containers.length}`;
    }},
    {name: 'Status', cell: (pod) => String(statusOf(pod).phase ?? '')},
    {name: 'Restarts', cell: () => '0'},
    AGE,
  ],
  PodDisruptionBudget: [
    NAME,
    {name: 'Min Available', cell: (budget) => String((budget.spec as Row).minAvailable ?? 'N/A')},
    {name: 'Max Unavailable', cell: (budget) => String((budget.spec as Row).maxUnavailable ?? 'N/A')},
    {name: 'Allowed Disruptions', cell: (budget) => String(statusOf(budget).disruptionsAllowed ?? 0)},
    AGE,
  ],
};

/** An object or a `<Kind>List` as a meta.k8s.io/v1 Table, each row carrying the object's metadata. */
export function asTable(body: unknown, now: number): unknown {
  if (!isRecord(body) || typeof body.kind !== 'string' || body.kind === 'Status') return body;
  const listed = Array.isArray(body.items);
  const items = (listed ? body.items as unknown[] : [body]).filter(isRecord);
  const kind = listed ? body.kind.replace(/List$/, '') : body.kind;
  const columns = COLUMNS[kind] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listed && isRecord(body.metadata) ? body.metadata : {},
    columnDefinitions: columns.map((column, index) => ({
      name: column.name,
      type: 'string',
      format: index === 0 ? 'name' : '',
      description: '',
      priority: 0,
    })),
    rows: items.map((item) => ({
      cells: columns.map((column) => column.cell(item, now)),
      object: {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metadataOf(item)},
    })),
  };
}

/** kubectl's short ages: `45s`, `3m12s`, `2h5m`, `3d`. */
function age(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (hours < 3) return `${minutes}m`;
  if (hours < 8) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

import {AwsError} from './aws-error.js';

/**
 * The parameters of a Query-protocol request (`Action=...&Filter.1.Name=...&Filter.1.Value.1=...`) as a tree:
 * dotted keys are paths, numeric segments are 1-based list positions. EC2 flattens lists (`VpcId.1`), the
 * other query services wrap them (`AutoScalingGroupNames.member.1`): callers pass the path that applies.
 */
export class QueryInput {
  #value: string | undefined;
  readonly #children: Map<string, QueryInput>;

  private constructor() {
    this.#value = undefined;
    this.#children = new Map();
  }

  static parse(body: string): QueryInput {
    const root = new QueryInput();
    for (const [key, value] of new URLSearchParams(body)) root.#insert(key.split('.'), value);
    return root;
  }

  /** The API operation, e.g. `DescribeVpcs`. */
  get action(): string {
    return this.string('Action') ?? '';
  }

  /** The sub-tree at `path`, e.g. `input.node('LaunchTemplateData')`. */
  node(path: string): QueryInput | undefined {
    const [head = '', ...rest] = path.split('.');
    const child = this.#children.get(head);
    return child && rest.length > 0 ? child.node(rest.join('.')) : child;
  }

  has(path: string): boolean {
    return this.node(path) !== undefined;
  }

  string(path: string): string | undefined {
    const node = this.node(path);
    return node === undefined ? undefined : node.#value;
  }

  requireString(path: string): string {
    const value = this.string(path);
    if (value === undefined || value === '') {
      throw new AwsError('MissingParameter', `The request must contain the parameter ${path}`);
    }
    return value;
  }

  integer(path: string): number | undefined {
    const text = this.string(path);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) {
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${text}) for parameter ${path} is invalid. Expected a whole number.`,
      );
    }
    return value;
  }

  boolean(path: string): boolean | undefined {
    const text = this.string(path);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false') {
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${text}) for parameter ${path} is invalid. Expected true or false.`,
      );
    }
    return text === 'true';
  }

  /** The numbered entries under `path`, in list order: `list('Filter')` for `Filter.1`, `Filter.2`, ... */
  list(path: string): QueryInput[] {
    const parent = this.node(path);
    if (!parent) return [];
    return [...parent.#children.entries()]
      .filter(([key]) => /^\d+$/.test(key))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, child]) => child);
  }

  /** The numbered string values under `path`: `strings('VpcId')` for `VpcId.1=...&VpcId.2=...`. */
  strings(path: string): string[] {
    return this.list(path).flatMap((entry) => (entry.#value === undefined ? [] : [entry.#value]));
  }

  #insert(segments: string[], value: string): void {
    const [head, ...rest] = segments;
    if (head === undefined) return;
    let child = this.#children.get(head);
    if (!child) {
      child = new QueryInput();
      this.#children.set(head, child);
    }
    if (rest.length === 0) child.#value = value;
    else child.#insert(rest, value);
  }
}

import type {QueryCall} from '../query-service.js';
import type {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters, type FilterFields} from '../wire/filters.js';
import {paginate, type Page} from '../wire/paging.js';
import type {Ec2Resource, RegionalTable} from './regional-table.js';

export interface DescribeOptions<T extends Ec2Resource> {
  readonly table: RegionalTable<T>;
  /** The list parameter naming wanted IDs, e.g. `VpcId` for `VpcId.1`, `VpcId.2`. */
  readonly idParam: string;
  readonly notFound: (id: string) => AwsError;
  /** Filterable fields besides the tag filters. */
  readonly fields: FilterFields<T>;
  /** Hides resources that exist in the table but no longer show (e.g. long-terminated ones). */
  readonly visible?: (resource: T) => boolean;
  /** How a wanted resource is matched when not by ID (key pairs are asked for by name). */
  readonly key?: (resource: T) => string;
}

/**
 * The common shape of EC2 Describe calls: the wanted IDs (every one must exist), then `Filter.N`, then
 * `MaxResults`/`NextToken` paging, over the resources of the caller's region.
 */
export function describeResources<T extends Ec2Resource>({input, region}: QueryCall, options: DescribeOptions<T>): Page<T> {
  const key = options.key ?? ((resource: T) => resource.id);
  const visible = options.visible ?? (() => true);
  let candidates = options.table.inRegion(region).filter(visible);
  const wanted = input.strings(options.idParam);
  if (wanted.length > 0) {
    const byKey = new Map(candidates.map((resource) => [key(resource), resource]));
    const missing = wanted.find((id) => !byKey.has(id));
    if (missing !== undefined) throw options.notFound(missing);
    candidates = candidates.filter((resource) => wanted.includes(key(resource)));
  }
  const filtered = applyFilters(candidates, readFilters(input, 'Filter', 'Value'), {
    fields: options.fields,
    tags: (resource) => resource.tags,
  });
  return paginate(filtered, {maxResults: input.integer('MaxResults'), token: input.string('NextToken')});
}

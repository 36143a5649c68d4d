import {parseCidr} from '../../aws/ec2/cidr.js';
import {records, str, strings, type Json} from '../json.js';
import {GoogleApiError, invalidField, requiredField} from '../wire/google-error.js';
import type {ResourceFamily} from './family.js';
import {resolveReference} from './references.js';

const PROTOCOLS = /^(tcp|udp|icmp|esp|ah|sctp|ipip|all|\d{1,3})$/;
const PORTS = /^\d{1,5}(-\d{1,5})?$/;

/** Firewall rules: allow or deny lists, source ranges and tags, target tags, per network. */
export const firewalls: ResourceFamily = {
  collection: 'firewalls',
  kind: 'compute#firewall',
  typeName: 'firewall',
  scopes: ['global'],

  create(input, ctx) {
    const network = resolveReference(ctx, input.network ?? 'global/networks/default', {field: 'resource.network', collection: 'networks'});
    const direction = str(input.direction) ?? 'INGRESS';
    if (direction !== 'INGRESS' && direction !== 'EGRESS') throw invalidField('resource.direction', direction, 'Must be INGRESS or EGRESS.');
    return {...ctx.base, network: network.selfLink, direction, ...ruleFields(input, direction), disabled: input.disabled === true, logConfig: {enable: false}};
  },

  patch(firewall, input) {
    const merged = {...currentRule(firewall.body), ...input};
    // Allowed and denied exclude each other: naming one in a patch replaces the other.
    if (input.allowed !== undefined) delete merged.denied;
    if (input.denied !== undefined) delete merged.allowed;
    replaceRule(firewall.body, merged);
  },

  update(firewall, input) {
    replaceRule(firewall.body, input);
  },
};

const RULE_KEYS = ['priority', 'allowed', 'denied', 'sourceRanges', 'sourceTags', 'sourceServiceAccounts', 'targetTags', 'targetServiceAccounts', 'destinationRanges'];

function currentRule(body: Json): Json {
  return Object.fromEntries(RULE_KEYS.filter((key) => key in body).map((key) => [key, body[key]]));
}

function replaceRule(body: Json, input: Json): void {
  const fields = ruleFields(input, String(body.direction));
  for (const key of RULE_KEYS) delete body[key];
  Object.assign(body, fields);
  if (typeof input.disabled === 'boolean') body.disabled = input.disabled;
  if (typeof input.description === 'string') body.description = input.description;
}

/** The checked rule: exactly one of allowed/denied, protocols and ports, ranges; Google's defaults filled in. */
function ruleFields(input: Json, direction: string): Json {
  const allowed = protocolRules(input.allowed, 'allowed');
  const denied = protocolRules(input.denied, 'denied');
  if ((allowed.length > 0) === (denied.length > 0)) {
    throw new GoogleApiError(400, 'invalid', "Invalid value for field 'resource': exactly one of 'allowed' or 'denied' must be specified.");
  }
  const priority = input.priority === undefined ? 1000 : Number(input.priority);
  if (!Number.isInteger(priority) || priority < 0 || priority > 65535) throw invalidField('resource.priority', input.priority, 'Must be between 0 and 65535.');
  const sourceRanges = ranges(input.sourceRanges, 'resource.sourceRanges');
  const destinationRanges = ranges(input.destinationRanges, 'resource.destinationRanges');
  const sourceTags = strings(input.sourceTags);
  const sourceServiceAccounts = strings(input.sourceServiceAccounts);
  // An ingress rule without any source applies to every source, as Google defaults it.
  const anySource = direction === 'INGRESS' && sourceRanges.length + sourceTags.length + sourceServiceAccounts.length === 0;
  const anyDestination = direction === 'EGRESS' && destinationRanges.length === 0;
  const optional = (key: string, values: readonly string[]) => (values.length > 0 ? {[key]: values} : {});
  return {
    priority,
    ...(allowed.length > 0 ? {allowed} : {denied}),
    ...optional('sourceRanges', anySource ? ['0.0.0.0/0'] : sourceRanges),
    ...optional('destinationRanges', anyDestination ? ['0.0.0.0/0'] : destinationRanges),
    ...optional('sourceTags', sourceTags),
    ...optional('sourceServiceAccounts', sourceServiceAccounts),
    ...optional('targetTags', strings(input.targetTags)),
    ...optional('targetServiceAccounts', strings(input.targetServiceAccounts)),
  };
}

function protocolRules(value: unknown, field: string): Json[] {
  return records(value).map((rule, index) => {
    const protocol = str(rule.IPProtocol);
    if (protocol === undefined) throw requiredField(`resource.${field}[${index}].IPProtocol`);
    if (!PROTOCOLS.test(protocol)) throw invalidField(`resource.${field}[${index}].IPProtocol`, protocol, 'Unknown protocol.');
    const ports = strings(rule.ports);
    const badPort = ports.find((port) => !PORTS.test(port));
    if (badPort !== undefined) throw invalidField(`resource.${field}[${index}].ports`, badPort, "Must be a port or a range like '30000-32767'.");
    return {IPProtocol: protocol, ...(ports.length > 0 ? {ports} : {})};
  });
}

function ranges(value: unknown, field: string): string[] {
  const list = strings(value);
  const bad = list.find((range) => parseCidr(range.includes('/') ? range : `${range}/32`) === undefined);
  if (bad !== undefined) throw invalidField(field, bad, 'Must be an IPv4 address or CIDR range.');
  return list;
}

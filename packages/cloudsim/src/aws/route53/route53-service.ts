import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../../service.js';
import type {AwsState} from '../aws-state.js';
import {AwsError} from '../wire/aws-error.js';
import {credentialScope} from '../wire/credential-scope.js';
import {requestId} from '../wire/ids.js';
import {parseXml} from '../wire/xml-reader.js';
import {xmlDocument} from '../wire/xml-writer.js';
import {hostedZoneRoutes, isRequiredRecord} from './hosted-zones.js';
import {recordSetRoutes} from './record-sets.js';

const XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const PREFIX = '/2013-04-01';

interface Route {
  readonly action: string;
  /** The ID in the path, if the route has one. */
  readonly id?: string;
}

/** Maps method and path to the Route53 operation, e.g. `GET /2013-04-01/hostedzone/Z1/rrset`. */
function route(req: SimRequest): Route | undefined {
  const path = decodeURIComponent(req.url.pathname.slice(PREFIX.length)).replace(/\/$/, '');
  const [, collection, id, sub] = path.split('/');
  const key = `${req.method} ${collection ?? ''}${id === undefined ? '' : '/{id}'}${sub === undefined ? '' : `/${sub}`}`;
  const action = ROUTES[key];
  return action ? {action, id} : undefined;
}

const ROUTES: Readonly<Record<string, string>> = {
  'POST hostedzone': 'CreateHostedZone',
  'GET hostedzone': 'ListHostedZones',
  'GET hostedzonesbyname': 'ListHostedZonesByName',
  'GET hostedzone/{id}': 'GetHostedZone',
  'DELETE hostedzone/{id}': 'DeleteHostedZone',
  'POST hostedzone/{id}/rrset': 'ChangeResourceRecordSets',
  'GET hostedzone/{id}/rrset': 'ListResourceRecordSets',
  'GET change/{id}': 'GetChange',
};

const OPERATIONS = {...hostedZoneRoutes, ...recordSetRoutes};

/** Simulated Route53 (REST-XML under `/2013-04-01/`), recognised by the `route53` signing scope. */
export class Route53Service implements SimService {
  readonly name = 'route53';
  readonly cloud = 'aws';
  readonly state: AwsState;

  constructor(state: AwsState) {
    this.state = state;
  }

  matches(req: SimRequest): boolean {
    return credentialScope(req.headers, req.url)?.service === 'route53';
  }

  describe(req: SimRequest): SimAction {
    return {action: route(req)?.action ?? 'Unknown', mutating: req.method !== 'GET'};
  }

  handle(req: SimRequest): SimResponse {
    const id = requestId();
    try {
      const found = route(req);
      const operation = found && OPERATIONS[found.action];
      if (!found || !operation) throw new AwsError('InvalidAction', `Route53 has no operation ${req.method} ${req.url.pathname}`);
      const text = req.body.toString('utf8');
      const body = text.trim() ? parseXml(text) : undefined;
      const reply = operation({aws: this.state, query: req.url.searchParams, body, id: found.id ?? ''});
      return {
        status: reply.status ?? 200,
        headers: {'content-type': 'text/xml', 'x-amzn-requestid': id, ...reply.headers},
        body: xmlDocument(`${found.action}Response`, reply.fields, XMLNS),
      };
    } catch (error) {
      if (error instanceof AwsError) return errorResponse(error, id);
      throw error;
    }
  }

  throttled(_action: SimAction): SimResponse {
    return errorResponse(new AwsError('Throttling', 'Rate exceeded', 400), requestId());
  }

  fault(_action: SimAction): SimResponse {
    return errorResponse(new AwsError('InternalFailure', 'An internal error occurred.', 500), requestId());
  }

  resources(): SimResource[] {
    return [...this.state.route53.zones.values()].flatMap((zone) => [
      {cloud: 'aws', kind: 'route53:hostedzone', id: zone.id, name: zone.name, tags: {}},
      ...zone.records.filter((record) => !isRequiredRecord(zone, record)).map((record) => ({
        cloud: 'aws',
        kind: 'route53:recordset',
        id: `${zone.id}/${record.name}/${record.type}${record.setIdentifier ? `/${record.setIdentifier}` : ''}`,
        name: record.name,
        tags: {},
      })),
    ]);
  }

  reset(): void {
    this.state.route53.reset();
  }
}

function errorResponse(error: AwsError, id: string): SimResponse {
  return {
    status: error.status,
    headers: {'content-type': 'text/xml', 'x-amzn-requestid': id},
    body: xmlDocument('ErrorResponse', {Error: {Type: error.type, Code: error.code, Message: error.message}, RequestId: id}, XMLNS),
  };
}

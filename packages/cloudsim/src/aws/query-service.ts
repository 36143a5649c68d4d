import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../service.js';
import type {AwsState} from './aws-state.js';
import {AwsError} from './wire/aws-error.js';
import {credentialScope} from './wire/credential-scope.js';
import {requestId} from './wire/ids.js';
import {QueryInput} from './wire/query-input.js';
import {xmlDocument, type XmlFields} from './wire/xml-writer.js';

/** One decoded Query-protocol call, as a handler sees it. */
export interface QueryCall {
  readonly input: QueryInput;
  /** The region from the SigV4 credential scope (global services sign with us-east-1). */
  readonly region: string;
  readonly aws: AwsState;
}

/** Handles one action; returns the result elements, or nothing for actions without output. */
export type QueryHandler = (call: QueryCall) => XmlFields | void;
export type QueryHandlers = Readonly<Record<string, QueryHandler>>;

/**
 * The two XML shapes of the Query protocol: EC2's (`<XResponse><requestId/>...` and
 * `<Response><Errors><Error>`) and everyone else's (`<XResponse><XResult>...` and `<ErrorResponse><Error>`).
 */
export interface QueryDialect {
  success(action: string, result: XmlFields | void, requestId: string): SimResponse;
  error(error: AwsError, requestId: string): SimResponse;
}

const XML_HEADERS = {'content-type': 'text/xml;charset=UTF-8'};

export function ec2Dialect(xmlns: string): QueryDialect {
  return {
    success: (action, result, id) => ({
      status: 200,
      headers: {...XML_HEADERS, 'x-amzn-requestid': id},
      body: xmlDocument(`${action}Response`, {requestId: id, ...result}, xmlns),
    }),
    error: (error, id) => ({
      status: error.status,
      headers: {...XML_HEADERS, 'x-amzn-requestid': id},
      body: xmlDocument('Response', {Errors: {Error: {Code: error.code, Message: error.message}}, RequestID: id}),
    }),
  };
}

export function awsQueryDialect(xmlns: string): QueryDialect {
  return {
    success: (action, result, id) => ({
      status: 200,
      headers: {...XML_HEADERS, 'x-amzn-requestid': id},
      body: xmlDocument(
        `${action}Response`,
        {[`${action}Result`]: result ?? undefined, ResponseMetadata: {RequestId: id}},
        xmlns,
      ),
    }),
    error: (error, id) => ({
      status: error.status,
      headers: {...XML_HEADERS, 'x-amzn-requestid': id},
      body: xmlDocument('ErrorResponse', {Error: {Type: error.type, Code: error.code, Message: error.message}, RequestId: id}, xmlns),
    }),
  };
}

export interface QueryServiceDefinition {
  /** The name in the request log: `ec2`, `autoscaling`, ... */
  readonly name: string;
  /** The SigV4 signing name that routes a request here. */
  readonly signingName: string;
  readonly dialect: QueryDialect;
  readonly handlers: QueryHandlers;
  /** What the service answers when the simulator throttles a call. */
  readonly throttle: () => AwsError;
  /** What the service answers for an injected fault. */
  readonly fault: () => AwsError;
}

/** Calls whose name starts so only read state; faults are counted over the others. */
const READ_ONLY = /^(Describe|List|Get)/;

/**
 * A simulated AWS service speaking the Query protocol (form-encoded POST, XML answers). Subclasses list
 * their resources and reset their own part of the shared `AwsState`.
 */
export abstract class QueryService implements SimService {
  readonly cloud = 'aws';
  readonly name: string;
  readonly state: AwsState;
  readonly #definition: QueryServiceDefinition;

  protected constructor(state: AwsState, definition: QueryServiceDefinition) {
    this.state = state;
    this.name = definition.name;
    this.#definition = definition;
  }

  matches(req: SimRequest): boolean {
    return credentialScope(req.headers, req.url)?.service === this.#definition.signingName;
  }

  describe(req: SimRequest): SimAction {
    const action = QueryInput.parse(req.body.toString('utf8')).action || 'Unknown';
    return {action, mutating: !READ_ONLY.test(action)};
  }

  // Typed as the contract allows (a promise too), so a service can prepare asynchronously before its handler.
  handle(req: SimRequest): SimResponse | Promise<SimResponse> {
    const id = requestId();
    const input = QueryInput.parse(req.body.toString('utf8'));
    const action = input.action;
    const {dialect, handlers} = this.#definition;
    const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
    if (!handler) {
      return dialect.error(new AwsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`), id);
    }
    try {
      this.state.reconcile();
      const region = credentialScope(req.headers, req.url)?.region ?? 'us-east-1';
      return dialect.success(action, handler({input, region, aws: this.state}), id);
    } catch (error) {
      if (error instanceof AwsError) return dialect.error(error, id);
      throw error;
    }
  }

  throttled(_action: SimAction): SimResponse {
    return this.#definition.dialect.error(this.#definition.throttle(), requestId());
  }

  fault(_action: SimAction): SimResponse {
    return this.#definition.dialect.error(this.#definition.fault(), requestId());
  }

  abstract resources(): SimResource[];
  abstract reset(): void;
}

/** The `reason` values of Kubernetes' Status objects that the simulated API answers with. */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'AlreadyExists'
  | 'UnsupportedMediaType'
  | 'Invalid'
  | 'TooManyRequests'
  | 'InternalError';

const CODES: Readonly<Record<StatusReason, number>> = {
  BadRequest: 400,
  Unauthorized: 401,
  NotFound: 404,
  MethodNotAllowed: 405,
  AlreadyExists: 409,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
};

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly {readonly reason: string; readonly message: string}[];
}

/** A failed API call, answered as a `Status` object with the code its reason implies. */
export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly details: StatusDetails | undefined;

  constructor(reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.reason = reason;
    this.details = details;
  }

  get code(): number {
    return CODES[this.reason];
  }

  /** `pods "web-1" not found`, as the API server words it. */
  static notFound(resource: string, name: string, group?: string): ApiError {
    const qualified = group ? `${resource}.${group}` : resource;
    return new ApiError('NotFound', `${qualified} "${name}" not found`, {name, kind: resource, ...(group ? {group} : {})});
  }

  static alreadyExists(resource: string, name: string, group?: string): ApiError {
    const qualified = group ? `${resource}.${group}` : resource;
    return new ApiError('AlreadyExists', `${qualified} "${name}" already exists`, {name, kind: resource, ...(group ? {group} : {})});
  }

  static invalid(kind: string, name: string, problem: string): ApiError {
    return new ApiError('Invalid', `${kind} "${name}" is invalid: ${problem}`, {name, kind});
  }

  status(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? {details: this.details} : {}),
      code: this.code,
    };
  }
}

/** What a successful create of a subresource (an eviction) answers. */
export function successStatus(code: number): Record<string, unknown> {
  return {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code};
}

/**
 * An error a simulated AWS API answers with. Handlers throw it; each service renders it in its own
 * wire shape (EC2's `<Response><Errors>`, the query services' `<ErrorResponse>`, Route53's REST XML).
 */
export class AwsError extends Error {
  /** The AWS error code the SDKs turn into the error's name, e.g. `InvalidVpcID.NotFound`. */
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
  }

  /** `Sender` for client errors, `Receiver` for server errors, as the `<Type>` element says. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

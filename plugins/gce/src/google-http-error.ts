/** An error answer of a Google REST API called without a generated client (IAM service accounts). */
export class GoogleHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Google's `errors[0].reason` (`notFound`) or gRPC-style `status` (`NOT_FOUND`), when the body has one. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'GoogleHttpError';
  }
}

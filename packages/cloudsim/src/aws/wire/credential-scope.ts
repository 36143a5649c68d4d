import type {IncomingHttpHeaders} from 'node:http';

/** The part of a SigV4 signature that says who is calling which service where. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly region: string;
  /** The signing name: `ec2`, `autoscaling`, `iam`, `elasticloadbalancing`, `route53`, `sts`, `s3`, ... */
  readonly service: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Reads the credential scope from the `Authorization` header, or from `X-Amz-Credential` of a presigned URL.
 * With one simulator endpoint for every AWS service, this is what tells the services apart.
 */
export function credentialScope(headers: IncomingHttpHeaders, url: URL): CredentialScope | undefined {
  const authorization = headers.authorization;
  const presigned = url.searchParams.get('X-Amz-Credential');
  const source = typeof authorization === 'string' ? authorization : presigned ? `Credential=${presigned}` : '';
  const match = SCOPE.exec(source);
  if (!match) return undefined;
  const [, accessKeyId = '', region = '', service = ''] = match;
  return {accessKeyId, region, service};
}

import {awsServices} from './aws/index.js';
import {gceServices} from './gce/index.js';
import {GcsService} from './gcs/gcs-service.js';
import {S3Service} from './s3/s3-service.js';
import type {SimService} from './service.js';

/**
 * The services a simulator serves, in matching order: each request goes to the first service whose
 * `matches()` accepts it. Services recognised by their SigV4 signing scope come before the ones
 * recognised by path alone. To add a service, implement `SimService` and add it here.
 */
export function defaultServices(): SimService[] {
  return [new S3Service(), ...awsServices(), new GcsService(), ...gceServices()];
}

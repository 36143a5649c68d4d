import type {SimResource} from '../../service.js';
import type {AwsState} from '../aws-state.js';
import {awsQueryDialect, QueryService} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {accountAuthorizationHandlers} from './account-authorization.js';
import {instanceProfileHandlers} from './instance-profiles.js';
import {roleHandlers} from './roles.js';

/** Simulated IAM (Query protocol, global), recognised by the `iam` signing scope. */
export class IamService extends QueryService {
  constructor(state: AwsState) {
    super(state, {
      name: 'iam',
      signingName: 'iam',
      dialect: awsQueryDialect('https://iam.amazonaws.com/doc/2010-05-08/'),
      handlers: {...roleHandlers, ...instanceProfileHandlers, ...accountAuthorizationHandlers},
      throttle: () => new AwsError('Throttling', 'Rate exceeded', 400),
      fault: () => new AwsError(
        'ServiceFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        500,
      ),
    });
  }

  resources(): SimResource[] {
    const {iam} = this.state;
    return [
      ...[...iam.roles.values()].map((role) => ({
        cloud: 'aws', kind: 'iam:role', id: role.arn, name: role.name, tags: Object.fromEntries(role.tags),
      })),
      ...[...iam.instanceProfiles.values()].map((profile) => ({
        cloud: 'aws', kind: 'iam:instance-profile', id: profile.arn, name: profile.name, tags: Object.fromEntries(profile.tags),
      })),
    ];
  }

  reset(): void {
    this.state.iam.reset();
  }
}

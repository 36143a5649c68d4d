import type {SimResource} from '../../service.js';
import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import {awsQueryDialect, QueryService} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';

/** The identity every caller of the simulator is: an IAM user of the simulated account. */
export const CALLER_USER_ID = 'AIDAKOPSXSIMULATOR01';
export const CALLER_ARN = `arn:aws:iam::${AWS_ACCOUNT_ID}:user/kopsx-simulator`;

/** Simulated STS: just `GetCallerIdentity`, which tools call to learn the account. */
export class StsService extends QueryService {
  constructor(state: AwsState) {
    super(state, {
      name: 'sts',
      signingName: 'sts',
      dialect: awsQueryDialect('https://sts.amazonaws.com/doc/2011-06-15/'),
      handlers: {
        GetCallerIdentity: () => ({UserId: CALLER_USER_ID, Account: AWS_ACCOUNT_ID, Arn: CALLER_ARN}),
      },
      throttle: () => new AwsError('Throttling', 'Rate exceeded', 400),
      fault: () => new AwsError('InternalFailure', 'An internal error occurred.', 500),
    });
  }

  resources(): SimResource[] {
    return [];
  }

  reset(): void {
    // STS holds no state.
  }
}

import type {SimResource} from '../../service.js';
import type {AwsState} from '../aws-state.js';
import {awsQueryDialect, QueryService} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {groupInstanceHandlers} from './group-instances.js';
import {groupTagHandlers} from './group-tags.js';
import {groupHandlers} from './groups.js';

/** Simulated Auto Scaling (Query protocol), recognised by the `autoscaling` signing scope. */
export class AutoScalingService extends QueryService {
  constructor(state: AwsState) {
    super(state, {
      name: 'autoscaling',
      signingName: 'autoscaling',
      dialect: awsQueryDialect('http://autoscaling.amazonaws.com/doc/2011-01-01/'),
      handlers: {...groupHandlers, ...groupInstanceHandlers, ...groupTagHandlers},
      throttle: () => new AwsError('Throttling', 'Rate exceeded', 400),
      fault: () => new AwsError('InternalFailure', 'An internal error occurred.', 500),
    });
  }

  resources(): SimResource[] {
    return [...this.state.autoscaling.groups.values()].map((group) => ({
      cloud: 'aws',
      kind: 'autoscaling:group',
      id: group.arn,
      name: group.name,
      tags: Object.fromEntries([...group.tags].map(([key, tag]) => [key, tag.value])),
    }));
  }

  reset(): void {
    this.state.autoscaling.reset();
  }
}

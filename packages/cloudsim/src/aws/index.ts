import type {SimService} from '../service.js';
import {AutoScalingService} from './autoscaling/autoscaling-service.js';
import {AwsState, type AwsSimOptions} from './aws-state.js';
import {Ec2Service} from './ec2/ec2-service.js';
import {Elbv2Service} from './elbv2/elbv2-service.js';
import {IamService} from './iam/iam-service.js';
import {Route53Service} from './route53/route53-service.js';
import {StsService} from './sts/sts-service.js';

/**
 * The simulated AWS services, all sharing one `AwsState` (one account). Pass `state` to share it with
 * another set of services or to keep a handle for seeding; each service also exposes it as `.state`.
 */
export function awsServices(options: AwsSimOptions & {readonly state?: AwsState} = {}): SimService[] {
  const state = options.state ?? new AwsState(options);
  return [
    new Ec2Service(state),
    new AutoScalingService(state),
    new IamService(state),
    new Elbv2Service(state),
    new Route53Service(state),
    new StsService(state),
  ];
}

export {AwsState, type AwsSimOptions} from './aws-state.js';
export {AWS_ACCOUNT_ID} from './account.js';
export {AMAZON_OWNER_ID, CANONICAL_OWNER_ID, DEBIAN_OWNER_ID} from './ec2/images.js';
export type {AwsSeeder} from './seed.js';
export {Ec2Service} from './ec2/ec2-service.js';
export {AutoScalingService} from './autoscaling/autoscaling-service.js';
export {IamService} from './iam/iam-service.js';
export {Elbv2Service} from './elbv2/elbv2-service.js';
export {Route53Service} from './route53/route53-service.js';
export {StsService} from './sts/sts-service.js';

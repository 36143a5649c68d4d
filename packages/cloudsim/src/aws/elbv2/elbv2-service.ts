import type {SimRequest, SimResource, SimResponse} from '../../service.js';
import type {AwsState} from '../aws-state.js';
import {awsQueryDialect, QueryService} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {QueryInput} from '../wire/query-input.js';
import {elbv2TagHandlers} from './elbv2-tags.js';
import {listenerHandlers} from './listeners.js';
import {loadBalancerHandlers} from './load-balancers.js';
import {targetGroupHandlers} from './target-groups.js';

/** Simulated Elastic Load Balancing v2 (Query protocol), recognised by the `elasticloadbalancing` scope. */
export class Elbv2Service extends QueryService {
  constructor(state: AwsState) {
    super(state, {
      name: 'elbv2',
      signingName: 'elasticloadbalancing',
      dialect: awsQueryDialect('http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/'),
      handlers: {...loadBalancerHandlers, ...targetGroupHandlers, ...listenerHandlers, ...elbv2TagHandlers},
      throttle: () => new AwsError('Throttling', 'Rate exceeded', 400),
      fault: () => new AwsError('InternalFailure', 'An internal error occurred.', 500),
    });
  }

  /** CreateLoadBalancer needs a listening port for the DNS name before its (synchronous) handler runs. */
  override async handle(req: SimRequest): Promise<SimResponse> {
    if (QueryInput.parse(req.body.toString('utf8')).action !== 'CreateLoadBalancer') return super.handle(req);
    const {frontends} = this.state.elbv2;
    frontends.offer(await frontends.open());
    try {
      return super.handle(req);
    } finally {
      frontends.withdraw();
    }
  }

  resources(): SimResource[] {
    const {elbv2} = this.state;
    const entry = (kind: string, resource: {arn: string; tags: Map<string, string>}, name?: string): SimResource => ({
      cloud: 'aws', kind, id: resource.arn, name, tags: Object.fromEntries(resource.tags),
    });
    return [
      ...[...elbv2.loadBalancers.values()].map((balancer) => entry('elbv2:loadbalancer', balancer, balancer.name)),
      ...[...elbv2.targetGroups.values()].map((group) => entry('elbv2:targetgroup', group, group.name)),
      ...[...elbv2.listeners.values()].map((listener) => entry('elbv2:listener', listener, `${listener.protocol}:${listener.port}`)),
    ];
  }

  reset(): void {
    this.state.elbv2.reset();
  }

  close(): void {
    this.state.elbv2.frontends.closeAll();
  }
}

import type {SimResource} from '../../service.js';
import type {AwsState} from '../aws-state.js';
import {ec2Dialect, QueryService} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {addressHandlers} from './addresses.js';
import {imageHandlers} from './images.js';
import {instanceHandlers} from './instances.js';
import {internetGatewayHandlers} from './internet-gateways.js';
import {keyPairHandlers} from './key-pairs.js';
import {launchTemplateHandlers} from './launch-templates.js';
import {natGatewayHandlers} from './nat-gateways.js';
import type {Ec2Resource, RegionalTable} from './regional-table.js';
import {routeTableHandlers} from './route-tables.js';
import {securityGroupHandlers} from './security-groups.js';
import {subnetHandlers} from './subnets.js';
import {tagHandlers} from './tags.js';
import {volumeHandlers} from './volumes.js';
import {vpcHandlers} from './vpcs.js';
import {zoneHandlers} from './zones.js';

/** Simulated EC2 (Query protocol, EC2 dialect), recognised by the `ec2` signing scope. */
export class Ec2Service extends QueryService {
  constructor(state: AwsState) {
    super(state, {
      name: 'ec2',
      signingName: 'ec2',
      dialect: ec2Dialect('http://ec2.amazonaws.com/doc/2016-11-15/'),
      handlers: {
        ...vpcHandlers,
        ...subnetHandlers,
        ...internetGatewayHandlers,
        ...routeTableHandlers,
        ...natGatewayHandlers,
        ...addressHandlers,
        ...securityGroupHandlers,
        ...keyPairHandlers,
        ...launchTemplateHandlers,
        ...instanceHandlers,
        ...volumeHandlers,
        ...imageHandlers,
        ...zoneHandlers,
        ...tagHandlers,
      },
      throttle: () => new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503),
      fault: () => new AwsError('InternalError', 'An internal error has occurred', 500),
    });
  }

  resources(): SimResource[] {
    const {ec2} = this.state;
    const list = <T extends Ec2Resource>(
      kind: string,
      table: RegionalTable<T>,
      name: (resource: T) => string | undefined = () => undefined,
      live: (resource: T) => boolean = () => true,
    ) =>
      table.all().filter(live).map((resource) => ({
        cloud: 'aws',
        kind,
        id: resource.id,
        name: resource.tags.get('Name') ?? name(resource),
        tags: Object.fromEntries(resource.tags),
      }));
    return [
      ...list('ec2:vpc', ec2.vpcs),
      ...list('ec2:subnet', ec2.subnets),
      ...list('ec2:internet-gateway', ec2.internetGateways),
      ...list('ec2:route-table', ec2.routeTables),
      ...list('ec2:nat-gateway', ec2.natGateways, undefined, (gateway) => gateway.lifecycle.state !== 'deleted'),
      ...list('ec2:elastic-ip', ec2.addresses),
      ...list('ec2:security-group', ec2.securityGroups, (group) => group.name),
      ...list('ec2:key-pair', ec2.keyPairs, (pair) => pair.name),
      ...list('ec2:launch-template', ec2.launchTemplates, (template) => template.name),
      ...list('ec2:instance', ec2.instances, undefined, (instance) => instance.lifecycle.state !== 'terminated'),
      ...list('ec2:volume', ec2.volumes),
    ];
  }

  reset(): void {
    this.state.ec2.reset();
  }
}

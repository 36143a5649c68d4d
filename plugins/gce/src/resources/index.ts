/** Every kind's handler, in the order discovery lists them (the order does not matter for correctness). */
import type {ResourceHandler} from '@kopsx/core';
import {addressHandler} from './address.js';
import {backendServiceHandler} from './backend-service.js';
import {diskHandler} from './disk.js';
import {dnsRecordHandler} from './dns-record.js';
import {firewallHandler} from './firewall.js';
import {forwardingRuleHandler} from './forwarding-rule.js';
import type {GceApi} from './gce-api.js';
import {healthCheckHandler} from './health-check.js';
import {instanceGroupManagerHandler} from './instance-group-manager.js';
import {instanceTemplateHandler} from './instance-template.js';
import {networkHandler} from './network.js';
import {routerHandler} from './router.js';
import {routerNatHandler} from './router-nat.js';
import {serviceAccountHandler} from './service-account.js';
import {subnetworkHandler} from './subnetwork.js';

export type {GceApi} from './gce-api.js';
export {clusterGroupManagers} from './instance-group-manager.js';

export function createHandlers(api: GceApi): ResourceHandler[] {
  return [
    networkHandler(api),
    subnetworkHandler(api),
    firewallHandler(api),
    routerHandler(api),
    routerNatHandler(api),
    serviceAccountHandler(api),
    instanceTemplateHandler(api),
    instanceGroupManagerHandler(api),
    diskHandler(api),
    addressHandler(api),
    healthCheckHandler(api),
    backendServiceHandler(api),
    forwardingRuleHandler(api),
    dnsRecordHandler(api),
  ];
}

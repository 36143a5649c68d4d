import {addresses} from './addresses.js';
import {backendServices} from './backend-services.js';
import {disks} from './disks.js';
import type {ResourceFamily} from './family.js';
import {firewalls} from './firewalls.js';
import {forwardingRules} from './forwarding-rules.js';
import {healthChecks, httpHealthChecks} from './health-checks.js';
import {images} from './images.js';
import {instanceGroupManagers} from './instance-group-managers.js';
import {instanceTemplates} from './instance-templates.js';
import {instances} from './instances.js';
import {networks} from './networks.js';
import {routers} from './routers.js';
import {subnetworks} from './subnetworks.js';
import {targetPools} from './target-pools.js';

/** Every simulated Compute collection, by its URL name. */
export const COMPUTE_FAMILIES: ReadonlyMap<string, ResourceFamily> = new Map([
  networks, subnetworks, firewalls, routers, addresses, healthChecks, httpHealthChecks, targetPools, backendServices,
  forwardingRules, images, disks, instances, instanceTemplates, instanceGroupManagers,
].map((family) => [family.collection, family]));

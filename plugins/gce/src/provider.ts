/** The GCE provider: what core and the CLI see of this plugin. */
import {PROVIDER_API_VERSION} from '@kopsx/core';
import type {CloudProvider} from '@kopsx/core';
import {connect} from './connection.js';
import {GCE_DEFAULTS} from './defaults.js';
import {buildModel} from './model/index.js';
import {renderTerraform} from './terraform/render-terraform.js';
import {validateZones} from './validate-zones.js';

export const provider: CloudProvider = {
  apiVersion: PROVIDER_API_VERSION,
  cloud: 'gce',
  supportLevel: 'beta',
  defaults: GCE_DEFAULTS,
  validateZones,
  buildModel,
  connect,
  renderTerraform,
};

import type {DesiredResource} from '@kopsx/core';

/** The Terraform arguments of one desired resource; `undefined` values are dropped. */
export type BodyRenderer = (resource: DesiredResource) => Record<string, unknown>;

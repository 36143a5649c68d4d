import {invalidField, notFound} from '../wire/google-error.js';
import {referencePath} from '../wire/links.js';
import type {ComputeResource} from './compute-store.js';
import {resourcePath} from './compute-store.js';
import type {ComputeContext} from './family.js';
import type {ScopeKey} from './scopes.js';

export interface ReferenceSpec {
  /** The field, for error messages: `resource.network`. */
  readonly field: string;
  readonly collection: string;
  /** Where a bare name is looked up (default global). */
  readonly scope?: ScopeKey;
}

const SCOPED_PATH = /^projects\/[^/]+\/(?:global|regions\/[^/]+|zones\/[^/]+)\/([^/]+)\/[^/]+$/;

/**
 * Resolves a reference to another resource the way the API does: full URL, `projects/P/...`, `global/...`,
 * `regions/R/...` or a bare name; the resource must exist. Returns its canonical selfLink.
 */
export function resolveReference(ctx: ComputeContext, value: unknown, spec: ReferenceSpec): ComputeResource {
  if (typeof value !== 'string' || value === '') throw invalidField(spec.field, value ?? '', 'The URL is malformed.');
  const path = value.includes('/')
    ? referencePath(value, ctx.project)
    : resourcePath(ctx.project, spec.scope ?? 'global', spec.collection, value);
  if (SCOPED_PATH.exec(path)?.[1] !== spec.collection) throw invalidField(spec.field, value, 'The URL is malformed.');
  const resource = ctx.state.compute.get(path);
  if (!resource) throw notFound(path);
  return resource;
}

/** The link of a resolved reference, or undefined when the field is absent. */
export function optionalReference(ctx: ComputeContext, value: unknown, spec: ReferenceSpec): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : resolveReference(ctx, value, spec).selfLink;
}

/** Resources whose body mentions `resource` by its selfLink (exactly, as a whole string value). */
export function usersOf(ctx: ComputeContext, resource: ComputeResource): ComputeResource[] {
  const needle = JSON.stringify(resource.selfLink);
  return ctx.state.compute.all().filter((other) => other !== resource && JSON.stringify(other.body).includes(needle));
}

/**
 * Discovery of Compute resources: one filtered list (or aggregated list, for zonal kinds) per kind, every page
 * of it, keeping what carries the cluster's description. The filter narrows the answer; the description
 * decides (see ownership.ts).
 */
import type {HandlerContext} from '@kopsx/core';
import {descriptionFilter, isOwned, labelFilter} from '../ownership.js';

/** Google's largest page. */
export const PAGE_SIZE = 500;

/** The filter and page size of a kind's listing: by label for labelled kinds, else by description. */
export function ownedListRequest(ctx: Pick<HandlerContext, 'clusterName'>, options: {readonly labelled: boolean}): {filter: string; maxResults: number} {
  return {filter: options.labelled ? labelFilter(ctx.clusterName) : descriptionFilter(ctx.clusterName), maxResults: PAGE_SIZE};
}

/** The resources of a listing that belong to the cluster. */
export function ownedOnly<T extends {readonly description?: string | null}>(ctx: Pick<HandlerContext, 'clusterName'>, items: readonly T[] | null | undefined): T[] {
  return (items ?? []).filter((item) => isOwned(item.description, ctx.clusterName));
}

/**
 * Every resource of an aggregated list: `[scope, scoped list]` pairs, one call per page; `itemsOf` picks the
 * resources out of a scope's list (scopes without any carry only a warning). The async listings page on demand
 * and want `{autoPaginate: false}`, or they warn.
 */
export async function aggregated<S, T>(pages: AsyncIterable<readonly [string, S]>, itemsOf: (scoped: S) => readonly T[] | null | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const [, scoped] of pages) all.push(...(itemsOf(scoped) ?? []));
  return all;
}

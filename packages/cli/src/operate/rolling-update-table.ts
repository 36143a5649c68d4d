import type {GroupUpdatePlan} from '@kopsx/core';
import {renderTable} from '../output/render-table.js';

/** The preview, in kOps' columns plus the role, in the order the update takes the groups. */
export function rollingUpdateTable(groups: readonly GroupUpdatePlan[]): string {
  return renderTable(
    ['name', 'role', 'status', 'needupdate', 'ready', 'min', 'target', 'max'],
    groups.map((g) => [g.name, g.role, g.status, String(g.needUpdate), String(g.ready), String(g.min), String(g.target), String(g.max)]),
  );
}

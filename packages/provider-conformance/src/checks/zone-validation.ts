import type {FieldProblem} from '@kopsx/core';
import {check, passed} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';

const DEFAULT_UNKNOWN_ZONE = 'kopsx-nowhere-9z';

/** The cloud's zones pass `validateZones`; a made-up one is refused, by name. */
export const zoneValidation: ConformanceCheck = {
  id: 'zones',
  title: 'zone validation',
  async run(session) {
    const {provider, zones} = session.options;
    check(zones.length > 0, 'no zones were given: pass the zones of the cloud in options.zones');
    const accepted = provider.validateZones(zones);
    check(accepted.length === 0, () => `the valid zones ${zones.join(', ')} were refused: ${formatProblems(accepted)}`);
    const unknown = session.options.unknownZone ?? DEFAULT_UNKNOWN_ZONE;
    const refused = provider.validateZones([...zones, unknown]);
    check(refused.length > 0, `the made-up zone "${unknown}" was accepted`);
    check(
      refused.some((problem) => problem.message.includes(unknown)),
      () => `the problems found do not name the made-up zone "${unknown}": ${formatProblems(refused)}`,
    );
    return passed(`${zones.join(', ')} accepted; ${unknown} refused: ${formatProblems(refused)}`);
  },
};

function formatProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

import {conditionNotMet, invalid} from './gcs-error.js';
import type {GcsObject} from './gcs-store.js';

const NAMES = ['ifGenerationMatch', 'ifGenerationNotMatch', 'ifMetagenerationMatch', 'ifMetagenerationNotMatch'] as const;
type PreconditionName = (typeof NAMES)[number];

/** The precondition parameters of a request; kept with a resumable session until it completes. */
export type Preconditions = Partial<Record<PreconditionName, number>>;

export function parsePreconditions(params: URLSearchParams): Preconditions {
  const found: Preconditions = {};
  for (const name of NAMES) {
    const raw = params.get(name);
    if (raw === null) continue;
    if (!/^\d+$/.test(raw)) throw invalid(`Invalid argument for ${name}: '${raw}' is not a generation number`);
    found[name] = Number(raw);
  }
  return found;
}

/**
 * Evaluates preconditions against the object as it is now (`ifGenerationMatch: 0` means "does not exist").
 * A failed match is 412 conditionNotMet; on reads a matching `...NotMatch` means "not modified" (304).
 */
export function checkPreconditions(
  conditions: Preconditions,
  existing: GcsObject | undefined,
  options: {readonly read: boolean},
): 'ok' | 'not-modified' {
  const generation = existing?.generation ?? 0;
  const {ifGenerationMatch, ifGenerationNotMatch, ifMetagenerationMatch, ifMetagenerationNotMatch} = conditions;
  if (ifGenerationMatch !== undefined && ifGenerationMatch !== generation) throw conditionNotMet();
  if (ifMetagenerationMatch !== undefined && ifMetagenerationMatch !== existing?.metageneration) throw conditionNotMet();
  const unchanged =
    (ifGenerationNotMatch !== undefined && ifGenerationNotMatch === generation) ||
    (ifMetagenerationNotMatch !== undefined && ifMetagenerationNotMatch === existing?.metageneration);
  if (!unchanged) return 'ok';
  if (options.read) return 'not-modified';
  throw conditionNotMet();
}

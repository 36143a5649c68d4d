import {Flags} from '@oclif/core';
import type {Interfaces} from '@oclif/core';
import {formatDurationFlag, parseDuration} from './parse-duration.js';

/** A flag taking a kOps-style duration (`15s`, `1h30m`) and giving milliseconds; help shows the default as a duration. */
export function durationFlag(options: {readonly description: string; readonly defaultMs: number}): Interfaces.OptionFlag<number>;
export function durationFlag(options: {readonly description: string}): Interfaces.OptionFlag<number | undefined>;
export function durationFlag(options: {readonly description: string; readonly defaultMs?: number}): Interfaces.OptionFlag<number | undefined> {
  const {defaultMs} = options;
  return Flags.custom<number>({
    description: options.description,
    helpValue: 'DURATION',
    ...(defaultMs === undefined ? {} : {default: defaultMs, defaultHelp: async () => formatDurationFlag(defaultMs)}),
    // A plain Error: oclif reports it as a bad value of the flag it names, like its own flag errors.
    parse: async (input) => parseDurationOrThrow(input),
  })();
}

function parseDurationOrThrow(input: string): number {
  const ms = parseDuration(input);
  if (ms === undefined) throw new Error(`"${input}" is not a duration: write it like 15s, 10m, 1h30m or 500ms`);
  return ms;
}

import {Flags} from '@oclif/core';

/**
 * A kOps-style boolean that defaults to true and is turned off with `--flag=false` (a bare `--flag` means
 * true: see withImpliedValues).
 */
export function booleanValueFlag(options: {readonly description: string}) {
  return Flags.custom<boolean>({
    description: options.description,
    helpValue: 'true|false',
    default: true,
    parse: async (input) => {
      if (input === 'true') return true;
      if (input === 'false') return false;
      throw new Error(`"${input}" is not true or false`);
    },
  })();
}

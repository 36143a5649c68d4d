import {KopsxError} from '@kopsx/core';

/** The command line itself is wrong (a missing name, flags that do not go together): nothing was touched. */
export class UsageError extends KopsxError {
  constructor(message: string, hint?: string) {
    super(message, 'Usage', hint);
  }
}

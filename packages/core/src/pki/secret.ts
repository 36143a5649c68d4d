import {inspect} from 'node:util';

const REDACTED = '[secret]';

/**
 * Holds secret text (a private key, a token) so that it cannot reach a log by accident: string conversion,
 * JSON and `util.inspect`/`console.log` all print `[secret]`. Only `reveal()` returns the value, which keeps
 * every place that really needs it easy to find.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret ${REDACTED}`;
  }
}

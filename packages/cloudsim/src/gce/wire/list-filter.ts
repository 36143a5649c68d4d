/**
 * The `filter` parameter of Compute list calls: `labels.k8s-io-cluster-name = "a.example.com"`,
 * `name != x`, `labels.role:*` (present), `description:abc` (contains), the older `name eq 'nodes-.*'`
 * (regular expression, full match), clauses joined by spaces, `AND` or `OR`, grouped with parentheses.
 */
export type ListFilter = (resource: Record<string, unknown>) => boolean;

export class FilterSyntaxError extends Error {}

type Operator = '=' | '!=' | ':' | 'eq' | 'ne';

export function parseListFilter(text: string): ListFilter {
  if (text.trim() === '') return () => true;
  const parser = new FilterParser(text);
  const filter = parser.expression();
  parser.expectEnd();
  return filter;
}

class FilterParser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  expression(): ListFilter {
    const alternatives = [this.#conjunction()];
    while (this.#keyword('OR')) alternatives.push(this.#conjunction());
    return alternatives.length === 1 ? alternatives[0] as ListFilter : (resource) => alternatives.some((match) => match(resource));
  }

  expectEnd(): void {
    this.#skipSpace();
    if (this.#pos < this.#text.length) this.#fail(`unexpected '${this.#text.slice(this.#pos)}'`);
  }

  #conjunction(): ListFilter {
    const terms = [this.#term()];
    for (;;) {
      this.#skipSpace();
      if (this.#pos >= this.#text.length || this.#peek() === ')' || this.#peekKeyword('OR')) break;
      this.#keyword('AND');
      terms.push(this.#term());
    }
    return terms.length === 1 ? terms[0] as ListFilter : (resource) => terms.every((match) => match(resource));
  }

  #term(): ListFilter {
    this.#skipSpace();
    if (this.#peek() !== '(') return this.#comparison();
    this.#pos += 1;
    const inner = this.expression();
    this.#skipSpace();
    if (this.#peek() !== ')') this.#fail('missing )');
    this.#pos += 1;
    return inner;
  }

  #comparison(): ListFilter {
    const field = /^[A-Za-z0-9_.-]+/.exec(this.#text.slice(this.#pos))?.[0];
    if (!field) this.#fail('expected a field name');
    this.#pos += field.length;
    const operator = this.#operator();
    const value = this.#value();
    return compare(field.split('.'), operator, value);
  }

  #operator(): Operator {
    this.#skipSpace();
    for (const symbol of ['!=', '=', ':'] as const) {
      if (this.#text.startsWith(symbol, this.#pos)) {
        this.#pos += symbol.length;
        return symbol;
      }
    }
    for (const word of ['eq', 'ne'] as const) {
      if (this.#keyword(word)) return word;
    }
    return this.#fail('expected =, !=, :, eq or ne');
  }

  #value(): string {
    this.#skipSpace();
    const quote = this.#peek();
    if (quote === '"' || quote === "'") {
      const end = this.#text.indexOf(quote, this.#pos + 1);
      if (end < 0) this.#fail('unterminated quoted value');
      const value = this.#text.slice(this.#pos + 1, end);
      this.#pos = end + 1;
      return value;
    }
    const raw = /^[^\s)]+/.exec(this.#text.slice(this.#pos))?.[0];
    if (!raw) this.#fail('expected a value');
    this.#pos += raw.length;
    return raw;
  }

  /** Consumes `word` when it comes next as a whole word. */
  #keyword(word: string): boolean {
    if (!this.#peekKeyword(word)) return false;
    this.#skipSpace();
    this.#pos += word.length;
    return true;
  }

  #peekKeyword(word: string): boolean {
    this.#skipSpace();
    return this.#text.startsWith(word, this.#pos) && /^(\s|\(|$)/.test(this.#text.slice(this.#pos + word.length));
  }

  #peek(): string | undefined {
    return this.#text[this.#pos];
  }

  #skipSpace(): void {
    while (/\s/.test(this.#text[this.#pos] ?? '')) this.#pos += 1;
  }

  #fail(why: string): never {
    throw new FilterSyntaxError(`Invalid list filter expression '${this.#text}': ${why}`);
  }
}

function compare(path: readonly string[], operator: Operator, expected: string): ListFilter {
  if (operator === ':' && expected === '*') return (resource) => valuesAt(resource, path).length > 0;
  if (operator === 'eq' || operator === 'ne') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${expected})$`);
    } catch {
      throw new FilterSyntaxError(`Invalid regular expression '${expected}' in list filter`);
    }
    const found = (resource: Record<string, unknown>) => valuesAt(resource, path).some((value) => pattern.test(value));
    return operator === 'eq' ? found : (resource) => !found(resource);
  }
  if (operator === ':') return (resource) => valuesAt(resource, path).some((value) => value.includes(expected));
  const pattern = wildcard(expected);
  const found = (resource: Record<string, unknown>) => valuesAt(resource, path).some((value) => pattern.test(value));
  return operator === '=' ? found : (resource) => !found(resource);
}

/** `*` in a `=` value matches any run of characters, as in `name = nodes-*`. */
function wildcard(value: string): RegExp {
  return new RegExp(`^${value.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** The scalar values at a dotted path, looking into arrays on the way (`networkInterfaces.network`). */
function valuesAt(value: unknown, path: readonly string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  const [head, ...rest] = path;
  if (head === undefined) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [String(value)];
    return value === undefined || value === null ? [] : ['*'];
  }
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[head], rest);
}

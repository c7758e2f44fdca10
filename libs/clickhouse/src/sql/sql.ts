/**
 * The single place where values become ClickHouse SQL text. ClickHouse 18.16 has no query
 * parameters, so every value is rendered as a literal here, and nowhere else.
 */
export class SqlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function identifier(name: string): SqlFragment {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${JSON.stringify(name)}`);
  return new SqlFragment(name);
}

export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** Instants travel as unix seconds, which every ClickHouse version reads the same way. */
export function dateTimeLiteral(value: Date): string {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new Error('invalid Date');
  return `toDateTime(${Math.floor(ms / 1000)})`;
}

export type SqlValue = string | number | Date | SqlFragment | readonly (string | number)[];

function render(value: SqlValue): string {
  if (value instanceof SqlFragment) return value.text;
  if (value instanceof Date) return dateTimeLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return stringLiteral(value);
  if (value.length === 0) throw new Error('an empty list cannot be rendered as SQL');
  return `(${value.map((v) => (typeof v === 'number' ? numberLiteral(v) : stringLiteral(v))).join(', ')})`;
}

/** Tagged template: sql`SELECT … WHERE unit_code = ${code}` with every value escaped. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  return new SqlFragment(
    strings.reduce((acc, part, i) => acc + part + (i < values.length ? render(values[i]) : ''), ''),
  );
}

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

/** Longer lists than this are rendered as a subquery over an array (see `render`). */
const TUPLE_LIST_MAX = 32;

/**
 * A list is the right-hand side of IN. A short one is a tuple, `('a', 'b')`. A long one of a single
 * type is `(SELECT arrayJoin(['a', 'b', …]))`: ClickHouse 18.16 analyses a tuple literal element by
 * element (a wave of 500 communes' codes cost about 15 ms per IN, and a KPI statement has a dozen),
 * an array literal as one value; the primary key serves both alike.
 */
function renderList(values: readonly (string | number)[]): string {
  if (values.length === 0) throw new Error('an empty list cannot be rendered as SQL');
  const items = values.map((v) => (typeof v === 'number' ? numberLiteral(v) : stringLiteral(v)));
  const oneType = values.every((v) => typeof v === typeof values[0]);
  return values.length > TUPLE_LIST_MAX && oneType
    ? `(SELECT arrayJoin([${items.join(', ')}]))`
    : `(${items.join(', ')})`;
}

function render(value: SqlValue): string {
  if (value instanceof SqlFragment) return value.text;
  if (value instanceof Date) return dateTimeLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return stringLiteral(value);
  return renderList(value);
}

/** Tagged template: sql`SELECT … WHERE unit_code = ${code}` with every value escaped. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  return new SqlFragment(
    strings.reduce((acc, part, i) => acc + part + (i < values.length ? render(values[i]) : ''), ''),
  );
}

import { isLocalDate } from '@libs/admin-units';
import type { ImportProblem } from './import-problem';
import type { Table, TableRow } from './read-table';

export interface ColumnSpec {
  /** Accepted headers; compared without case, spaces or accents' composition differences. */
  names: readonly string[];
  optional?: boolean;
}

const normalized = (header: string) => header.normalize('NFC').toLowerCase().replace(/\s+/g, '');

/**
 * A table's columns found by header, and the problems found reading them: every cell check records
 * its line and column instead of stopping, so one run lists all that is wrong with a file.
 */
export class Columns<K extends string> {
  readonly problems: ImportProblem[] = [];
  private readonly index = new Map<K, number>();

  constructor(
    private readonly table: Table,
    private readonly specs: Record<K, ColumnSpec>,
  ) {
    const headers = table.header.map(normalized);
    for (const [key, spec] of Object.entries(specs) as [K, ColumnSpec][]) {
      const at = headers.findIndex((h) => spec.names.some((name) => normalized(name) === h));
      if (at >= 0) this.index.set(key, at);
      else if (!spec.optional) {
        this.problems.push({ line: 1, message: `no column ${spec.names.map((n) => `"${n}"`).join(' or ')}` });
      }
    }
  }

  get complete(): boolean {
    return this.problems.length === 0;
  }

  has(key: K): boolean {
    return this.index.has(key);
  }

  text(row: TableRow, key: K): string {
    const at = this.index.get(key);
    return at === undefined ? '' : (row.cells[at] ?? '').trim();
  }

  fail(row: TableRow, key: K, message: string): undefined {
    const at = this.index.get(key);
    const column = at === undefined ? this.specs[key].names[0] : this.table.header[at];
    this.problems.push({ line: row.line, column, message });
    return undefined;
  }

  /** A unit code of `digits` digits; a spreadsheet that stored it as a number lost its leading zeros. */
  code(row: TableRow, key: K, digits: number, what: string): string | undefined {
    const value = this.text(row, key);
    if (!/^\d+$/.test(value) || value.length > digits) {
      return this.fail(row, key, `${what} code must be ${digits} digits, got "${value}"`);
    }
    return value.padStart(digits, '0');
  }

  required(row: TableRow, key: K): string | undefined {
    const value = this.text(row, key);
    return value === '' ? this.fail(row, key, 'is empty') : value;
  }

  date(row: TableRow, key: K): string | undefined {
    const value = this.text(row, key);
    return isLocalDate(value) ? value : this.fail(row, key, `expected a date YYYY-MM-DD, got "${value}"`);
  }

  number(row: TableRow, key: K, check: (n: number) => string | undefined = () => undefined) {
    const value = this.text(row, key);
    const n = value === '' ? NaN : Number(value);
    if (!Number.isFinite(n)) return this.fail(row, key, `expected a number, got "${value}"`);
    const problem = check(n);
    return problem === undefined ? n : this.fail(row, key, problem);
  }
}

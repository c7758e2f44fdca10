import { isUnitCodeFormat } from '@libs/contracts';
import { isLocalDate } from '../calendar/local-calendar';
import { isUnitLevel, UNIT_LEVELS, type UnitLevel } from '../unit-level';
import type { AdministrativeUnit, UnitMapping } from './administrative-unit';

export const UNITS_CSV_HEADER = ['code', 'name', 'level', 'parent_code', 'valid_from', 'valid_to'] as const;
export const UNIT_MAPPINGS_CSV_HEADER = ['old_code', 'new_code', 'valid_from'] as const;

/** A bad value in a CSV file, located by its line (1 is the header) and column. */
export class CsvRowError extends Error {
  constructor(
    readonly line: number,
    /** A column's number and name, e.g. `3 (level)`, or `row` / `header` for the whole line. */
    readonly column: string,
    problem: string,
  ) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = 'CsvRowError';
  }
}

const CODE_DIGITS: Record<UnitLevel, number> = { province: 2, district: 3, commune: 5 };

/** Units in the national list's shape: `code,name,level,parent_code,valid_from,valid_to`. */
export function parseUnitsCsv(text: string): AdministrativeUnit[] {
  return rowsOf(text, UNITS_CSV_HEADER).map(({ line, cells }) => {
    const [code, name, level, parentCode, validFrom, validTo] = cells;
    const fail = (column: (typeof UNITS_CSV_HEADER)[number], problem: string): never => {
      throw new CsvRowError(line, columnOf(UNITS_CSV_HEADER, column), problem);
    };
    if (!isUnitLevel(level)) fail('level', `expected one of ${UNIT_LEVELS.join(', ')}, got "${level}"`);
    const unitLevel = level as UnitLevel;
    if (!isUnitCodeFormat(code) || code.length !== CODE_DIGITS[unitLevel]) {
      fail('code', `a ${unitLevel} code has ${CODE_DIGITS[unitLevel]} digits, got "${code}"`);
    }
    if (!name.trim()) fail('name', 'is empty');
    if (unitLevel === 'province' && parentCode) fail('parent_code', 'a province has no parent');
    if (unitLevel !== 'province' && !parentCode) fail('parent_code', `a ${unitLevel} needs a parent`);
    if (parentCode && !isUnitCodeFormat(parentCode)) fail('parent_code', `not a unit code: "${parentCode}"`);
    if (!isLocalDate(validFrom)) fail('valid_from', `expected a date YYYY-MM-DD, got "${validFrom}"`);
    if (validTo && !isLocalDate(validTo))
      fail('valid_to', `expected a date YYYY-MM-DD or nothing, got "${validTo}"`);
    if (validTo && validTo < validFrom) fail('valid_to', `${validTo} is before valid_from ${validFrom}`);
    return {
      code,
      name: name.trim(),
      level: unitLevel,
      ...(parentCode ? { parentCode } : {}),
      validFrom,
      ...(validTo ? { validTo } : {}),
    };
  });
}

/** Old-to-new unit mappings: `old_code,new_code,valid_from`. */
export function parseUnitMappingsCsv(text: string): UnitMapping[] {
  return rowsOf(text, UNIT_MAPPINGS_CSV_HEADER).map(({ line, cells }) => {
    const [oldCode, newCode, validFrom] = cells;
    const fail = (column: (typeof UNIT_MAPPINGS_CSV_HEADER)[number], problem: string): never => {
      throw new CsvRowError(line, columnOf(UNIT_MAPPINGS_CSV_HEADER, column), problem);
    };
    if (!isUnitCodeFormat(oldCode)) fail('old_code', `not a unit code: "${oldCode}"`);
    if (!isUnitCodeFormat(newCode)) fail('new_code', `not a unit code: "${newCode}"`);
    if (!isLocalDate(validFrom)) fail('valid_from', `expected a date YYYY-MM-DD, got "${validFrom}"`);
    return { oldCode, newCode, validFrom };
  });
}

function columnOf(header: readonly string[], name: string): string {
  return `${header.indexOf(name) + 1} (${name})`;
}

interface CsvRow {
  line: number;
  cells: string[];
}

/** Data rows after an exact header; blank lines are skipped, every row has the header's width. */
function rowsOf(text: string, header: readonly string[]): CsvRow[] {
  const [first, ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).filter((row) => !isBlank(row.cells));
  if (!first || first.cells.join(',') !== header.join(',')) {
    throw new CsvRowError(first?.line ?? 1, 'header', `expected "${header.join(',')}"`);
  }
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new CsvRowError(row.line, 'row', `expected ${header.length} columns, got ${row.cells.length}`);
    }
  }
  return rows.map((row) => ({ line: row.line, cells: row.cells.map((cell) => cell.trim()) }));
}

function isBlank(cells: string[]): boolean {
  return cells.length === 1 && cells[0].trim() === '';
}

/** RFC 4180 fields: commas, double quotes ("" inside quotes), CRLF or LF line ends. */
function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line += 1;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new CsvRowError(rowLine, 'row', 'a quoted field is not closed');
  if (cell !== '' || cells.length > 0) rows.push({ line: rowLine, cells: [...cells, cell] });
  return rows;
}

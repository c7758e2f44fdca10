import { AdministrativeHierarchy } from '@libs/admin-units';
import { Columns } from '../table/columns';
import { InvalidImportError } from '../table/import-problem';
import type { Table } from '../table/read-table';
import { diffRecords, duplicatesOf, type RecordDiff } from '../table/record-diff';

/** A roster count: how many officials, agencies… a unit has from a date, the denominator of a KPI. */
export interface RosterCount {
  unitCode: string;
  roster: string;
  count: number;
  validFrom: string;
}

export const ROSTER_COLUMNS = {
  unitCode: { names: ['unit_code', 'Mã đơn vị'] },
  roster: { names: ['roster', 'Danh mục'] },
  count: { names: ['count', 'Số lượng'] },
  validFrom: { names: ['valid_from', 'Ngày hiệu lực'] },
} as const;

export const rosterKey = (r: RosterCount) => `${r.roster}|${r.unitCode}|${r.validFrom}`;

/**
 * Roster counts checked against the rosters the KPIs read (`rosters`) and the units on each date.
 * A count holds from its date until the unit's next count of the same roster.
 */
export function planRostersImport(
  table: Table,
  rosters: readonly string[],
  hierarchy: AdministrativeHierarchy,
  stored: readonly RosterCount[],
): RecordDiff<RosterCount> {
  const columns = new Columns<keyof typeof ROSTER_COLUMNS>(table, ROSTER_COLUMNS);
  if (!columns.complete) throw new InvalidImportError(columns.problems);
  const stated: (RosterCount & { line: number })[] = [];
  for (const row of table.rows) {
    const unitCode = columns.text(row, 'unitCode');
    const roster = columns.text(row, 'roster');
    const validFrom = columns.date(row, 'validFrom');
    const count = columns.number(row, 'count', (n) =>
      Number.isInteger(n) && n >= 0 ? undefined : `a roster count is a whole number ≥ 0, got ${n}`,
    );
    if (!rosters.includes(roster)) {
      columns.fail(row, 'roster', `no KPI reads a roster "${roster}"; known: ${rosters.join(', ')}`);
    }
    if (validFrom && !hierarchy.isKnownUnit(unitCode, validFrom)) {
      columns.fail(row, 'unitCode', `no unit ${unitCode} on ${validFrom}`);
    }
    if (validFrom && count !== undefined) stated.push({ unitCode, roster, count, validFrom, line: row.line });
  }
  const problems = [
    ...columns.problems,
    ...duplicatesOf(stated, rosterKey, (r) => `${r.roster} of ${r.unitCode} from ${r.validFrom}`),
  ];
  if (problems.length > 0) throw new InvalidImportError(problems);
  return diffRecords(
    stored,
    stated.map(({ line: _line, ...r }) => r),
    rosterKey,
    (a, b) => a.count === b.count,
  );
}

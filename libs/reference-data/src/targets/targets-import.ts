import { type AdministrativeHierarchy } from '@libs/admin-units';
import { COMPARATORS, type Comparator, type KpiDefinition } from '@libs/kpi';
import { Columns } from '../table/columns';
import { InvalidImportError } from '../table/import-problem';
import type { Table } from '../table/read-table';
import { diffRecords, duplicatesOf, type RecordDiff } from '../table/record-diff';

/**
 * A unit's own yearly target for one of its indicators, as a document sets it (typically the
 * commune People's Council's resolution on the year's socio-economic tasks).
 */
export interface LocalTarget {
  unitCode: string;
  indicatorId: string;
  year: number;
  comparator: Comparator;
  value: number;
  /** The document's number, e.g. `25/NQ-HĐND`. */
  document: string;
  documentDate: string;
  issuer: string;
}

export const TARGET_COLUMNS = {
  unitCode: { names: ['unit_code', 'Mã đơn vị'] },
  year: { names: ['year', 'Năm'] },
  indicatorId: { names: ['indicator', 'Chỉ tiêu'] },
  comparator: { names: ['comparator', 'So sánh'] },
  value: { names: ['value', 'Giá trị'] },
  document: { names: ['document', 'Số văn bản'] },
  documentDate: { names: ['document_date', 'Ngày văn bản'] },
  issuer: { names: ['issuer', 'Cơ quan ban hành'] },
} as const;

/** ASCII spellings accepted for the comparators of the plans. */
const COMPARATOR_SPELLINGS: Record<string, Comparator> = { '>=': '≥' };

export const targetKey = (t: LocalTarget) => `${t.unitCode}|${t.indicatorId}|${t.year}`;

/** Targets checked against the run-time indicators they are for and the units in their year. */
export function planTargetsImport(
  table: Table,
  indicators: readonly KpiDefinition[],
  hierarchy: AdministrativeHierarchy,
  stored: readonly LocalTarget[],
): RecordDiff<LocalTarget> {
  const columns = new Columns<keyof typeof TARGET_COLUMNS>(table, TARGET_COLUMNS);
  if (!columns.complete) throw new InvalidImportError(columns.problems);
  const stated: (LocalTarget & { line: number })[] = [];
  for (const row of table.rows) {
    const unitCode = columns.text(row, 'unitCode');
    const indicatorId = columns.text(row, 'indicatorId');
    const indicator = indicators.find((i) => i.id === indicatorId);
    if (!indicator) {
      columns.fail(row, 'indicatorId', `no run-time indicator "${indicatorId}" in the loaded catalog`);
    }
    const year = columns.number(row, 'year', (n) =>
      Number.isInteger(n) && n >= 2000 && n <= 2100 ? undefined : `expected a year, got ${n}`,
    );
    const spelled = columns.text(row, 'comparator');
    const comparator: string = COMPARATOR_SPELLINGS[spelled] ?? spelled;
    if (!(COMPARATORS as readonly string[]).includes(comparator)) {
      columns.fail(row, 'comparator', `expected one of ${COMPARATORS.join(' ')} (or >=), got "${spelled}"`);
    }
    const value = columns.number(row, 'value', (n) =>
      indicator?.unit === '%' && (n < 0 || n > 100) ? `a percentage is 0..100, got ${n}` : undefined,
    );
    const document = columns.required(row, 'document');
    const documentDate = columns.date(row, 'documentDate');
    const issuer = columns.required(row, 'issuer');
    if (
      year !== undefined &&
      ![`${year}-01-01`, `${year}-12-31`].some((d) => hierarchy.isKnownUnit(unitCode, d))
    ) {
      columns.fail(row, 'unitCode', `no unit ${unitCode} in ${year}`);
    }
    if (indicator && year !== undefined && value !== undefined && document && documentDate && issuer) {
      stated.push({
        unitCode,
        indicatorId,
        year,
        comparator: comparator as Comparator,
        value,
        document,
        documentDate,
        issuer,
        line: row.line,
      });
    }
  }
  const problems = [
    ...columns.problems,
    ...duplicatesOf(stated, targetKey, (t) => `a ${t.year} target of ${t.unitCode} for ${t.indicatorId}`),
  ];
  if (problems.length > 0) throw new InvalidImportError(problems);
  return diffRecords(
    stored,
    stated.map(({ line: _line, ...t }) => t),
    targetKey,
    (a, b) =>
      a.comparator === b.comparator &&
      a.value === b.value &&
      a.document === b.document &&
      a.documentDate === b.documentDate &&
      a.issuer === b.issuer,
  );
}

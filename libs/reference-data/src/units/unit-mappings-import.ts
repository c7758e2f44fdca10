import { AdministrativeHierarchy, type AdministrativeUnit, type UnitMapping } from '@libs/admin-units';
import { Columns } from '../table/columns';
import { InvalidImportError } from '../table/import-problem';
import type { Table } from '../table/read-table';
import { diffRecords, duplicatesOf, type RecordDiff } from '../table/record-diff';

/** Old → new units of a merger resolution: `old_code,new_code,valid_from` (or the Vietnamese headers). */
export const MAPPING_COLUMNS = {
  oldCode: { names: ['old_code', 'Mã cũ'] },
  newCode: { names: ['new_code', 'Mã mới'] },
  validFrom: { names: ['valid_from', 'Ngày hiệu lực'] },
} as const;

export interface MappingsPlan extends RecordDiff<UnitMapping> {
  mappings: UnitMapping[];
}

const keyOf = (m: UnitMapping) => m.oldCode;

/** Mappings checked against the units stored: the old unit on the day before, the new one from the date. */
export function planMappingsImport(
  table: Table,
  units: readonly AdministrativeUnit[],
  stored: readonly UnitMapping[],
): MappingsPlan {
  const columns = new Columns<keyof typeof MAPPING_COLUMNS>(table, MAPPING_COLUMNS);
  if (!columns.complete) throw new InvalidImportError(columns.problems);
  const stated: (UnitMapping & { line: number })[] = [];
  for (const row of table.rows) {
    const oldCode = columns.text(row, 'oldCode');
    const newCode = columns.text(row, 'newCode');
    const validFrom = columns.date(row, 'validFrom');
    if (!validFrom) continue;
    try {
      // One mapping against the units alone, so its problem is reported on its own line.
      new AdministrativeHierarchy(units, [{ oldCode, newCode, validFrom }]);
    } catch (error) {
      columns.fail(row, 'oldCode', (error as Error).message);
      continue;
    }
    stated.push({ oldCode, newCode, validFrom, line: row.line });
  }
  const problems = [...columns.problems, ...duplicatesOf(stated, keyOf, (m) => `a mapping of ${m.oldCode}`)];
  if (problems.length > 0) throw new InvalidImportError(problems);
  const plain = stated.map(({ line: _line, ...m }) => m);
  const diff = diffRecords(
    stored,
    plain,
    keyOf,
    (a, b) => a.newCode === b.newCode && a.validFrom === b.validFrom,
  );
  const mappings = [...stored.filter((m) => !plain.some((s) => s.oldCode === m.oldCode)), ...plain];
  try {
    new AdministrativeHierarchy(units, mappings);
  } catch (error) {
    throw new InvalidImportError([{ message: (error as Error).message }]);
  }
  return { ...diff, mappings };
}

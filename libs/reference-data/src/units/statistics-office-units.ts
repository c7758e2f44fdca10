import type { AdministrativeUnit } from '@libs/admin-units';
import { Columns } from '../table/columns';
import { InvalidImportError } from '../table/import-problem';
import type { Table } from '../table/read-table';

/**
 * The statistics office's export of the administrative unit catalogue (Danh mục đơn vị hành chính),
 * as published: one row per commune-level unit with its province and, before the 1 July 2025
 * reform, its district. The headers are the office's own.
 */
export const STATISTICS_OFFICE_COLUMNS = {
  provinceCode: { names: ['Mã TP', 'Mã tỉnh'] },
  provinceName: { names: ['Tỉnh / Thành Phố', 'Tỉnh Thành Phố', 'Tên tỉnh'] },
  districtCode: { names: ['Mã QH', 'Mã huyện'], optional: true },
  districtName: { names: ['Quận Huyện', 'Quận / Huyện', 'Tên huyện'], optional: true },
  communeCode: { names: ['Mã PX', 'Mã xã'] },
  communeName: { names: ['Phường Xã', 'Phường / Xã', 'Tên xã'] },
  kind: { names: ['Cấp'] },
} as const;

type Column = keyof typeof STATISTICS_OFFICE_COLUMNS;

/** The commune-level kinds the catalogue lists; all are communes in the product's three levels. */
export const COMMUNE_KINDS = ['Xã', 'Phường', 'Thị trấn', 'Đặc khu'] as const;

/** A unit as the file states it, without dates: the import gives the date it takes effect. */
export type StatedUnit = Omit<AdministrativeUnit, 'validFrom' | 'validTo'> & { line: number };

/**
 * The units a statistics-office file states: its provinces, districts (when it has them) and
 * communes, each once. Every problem is listed with its line and column.
 */
export function statedUnitsOf(table: Table): StatedUnit[] {
  const columns = new Columns<Column>(table, STATISTICS_OFFICE_COLUMNS);
  if (!columns.complete) throw new InvalidImportError(columns.problems);
  const units = new Map<string, StatedUnit>();
  const state = (unit: StatedUnit, column: Column, row: (typeof table.rows)[number]) => {
    const known = units.get(unit.code);
    if (!known) units.set(unit.code, unit);
    else if (known.level !== unit.level || known.name !== unit.name || known.parentCode !== unit.parentCode) {
      columns.fail(
        row,
        column,
        `${unit.level} ${unit.code} is "${unit.name}"${unit.parentCode ? ` under ${unit.parentCode}` : ''} here ` +
          `but "${known.name}"${known.parentCode ? ` under ${known.parentCode}` : ''} on line ${known.line}`,
      );
    } else if (unit.level === 'commune') columns.fail(row, column, `commune ${unit.code} is listed twice`);
  };
  for (const row of table.rows) {
    const provinceCode = columns.code(row, 'provinceCode', 2, 'a province');
    const provinceName = columns.required(row, 'provinceName');
    const hasDistrict = columns.text(row, 'districtCode') !== '' || columns.text(row, 'districtName') !== '';
    const districtCode = hasDistrict ? columns.code(row, 'districtCode', 3, 'a district') : undefined;
    const districtName = hasDistrict ? columns.required(row, 'districtName') : undefined;
    const communeCode = columns.code(row, 'communeCode', 5, 'a commune');
    const communeName = columns.required(row, 'communeName');
    const kind = columns.text(row, 'kind');
    if (!(COMMUNE_KINDS as readonly string[]).includes(kind)) {
      columns.fail(row, 'kind', `expected one of ${COMMUNE_KINDS.join(', ')}, got "${kind}"`);
    }
    if (provinceCode && provinceName) {
      state(
        { code: provinceCode, name: provinceName, level: 'province', line: row.line },
        'provinceName',
        row,
      );
    }
    if (provinceCode && districtCode && districtName) {
      state(
        {
          code: districtCode,
          name: districtName,
          level: 'district',
          parentCode: provinceCode,
          line: row.line,
        },
        'districtName',
        row,
      );
    }
    const parentCode = hasDistrict ? districtCode : provinceCode;
    if (parentCode && communeCode && communeName) {
      state(
        { code: communeCode, name: communeName, level: 'commune', parentCode, line: row.line },
        'communeCode',
        row,
      );
    }
  }
  if (table.rows.length === 0) columns.problems.push({ message: 'the file lists no unit' });
  if (columns.problems.length > 0) throw new InvalidImportError(columns.problems);
  return [...units.values()];
}

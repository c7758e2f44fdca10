import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { AdministrativeHierarchy, type AdministrativeUnit } from '@libs/admin-units';
import { InvalidImportError } from '../table/import-problem';
import { readTable } from '../table/read-table';
import { planUnitsImport } from './plan-units-import';
import { statedUnitsOf } from './statistics-office-units';
import { planMappingsImport } from './unit-mappings-import';

const EXAMPLES = join(__dirname, '../../../../apps/connector-cli/examples/reference');
const example = (name: string) => readFileSync(join(EXAMPLES, name));
const codes = (units: AdministrativeUnit[]) => units.map((u) => u.code);

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidImportError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the import to be refused');
}

async function loadBoth() {
  const before = statedUnitsOf(await readTable(example('units-2024.csv'), 'csv'));
  const first = planUnitsImport([], [], before, '2024-01-01');
  const after = statedUnitsOf(await readTable(example('units-2025-07-01.csv'), 'csv'));
  const second = planUnitsImport(first.units, [], after, '2025-07-01');
  return { first, second };
}

describe('statistics-office units lists', () => {
  it('reads provinces, districts and communes, before and after the reform', async () => {
    const { first, second } = await loadBoth();
    const h = new AdministrativeHierarchy(second.units);
    expect(first.changes.every((c) => c.change === 'added')).toBe(true);
    expect(codes(h.childrenOf('26', '2025-06-30'))).toEqual(['248', '249']);
    expect(codes(h.communesUnder('01', '2025-06-30'))).toEqual(['00001', '00004', '00006']);
    expect(codes(h.communesUnder('01', '2025-07-01'))).toEqual(['00004', '00006']);
    expect(codes(h.communesUnder('25', '2025-07-01'))).toEqual(['26734', '26740']);
    expect(h.unitAt('00004', '2025-07-01')).toMatchObject({ name: 'Phường Ba Đình', parentCode: '01' });
    expect(h.isKnownUnit('26', '2025-07-01')).toBe(false);
    expect(h.isKnownUnit('26737', '2025-07-01')).toBe(false);
    // Hà Nội itself carries on unchanged; province 26 is in scope through its communes' codes.
    expect(second.provinces).toEqual(['01', '25', '26']);
    expect(second.unchanged).toBe(1);
    const closed = second.changes.filter((c) => c.change === 'closed').map((c) => c.unit.code);
    expect(closed.sort()).toEqual(
      ['00001', '00004', '00006', '001', '248', '249', '26', '26734', '26737', '26740', '26743'].sort(),
    );
  });

  it('is idempotent: the same list on the same date changes nothing', async () => {
    const { second } = await loadBoth();
    const after = statedUnitsOf(await readTable(example('units-2025-07-01.csv'), 'csv'));
    const again = planUnitsImport(second.units, [], after, '2025-07-01');
    expect(again.changes).toEqual([]);
    expect(again.unchanged).toBe(6);
  });

  it('reads an XLSX export and keeps leading zeros the spreadsheet dropped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DanhMuc');
    sheet.addRow(['Mã TP', 'Tỉnh / Thành Phố', 'Mã QH', 'Quận Huyện', 'Mã PX', 'Phường Xã', 'Cấp']);
    sheet.addRow([1, 'Thành phố Hà Nội', 1, 'Quận Ba Đình', 1, 'Phường Phúc Xá', 'Phường']);
    sheet.addRow(['01', 'Thành phố Hà Nội', '001', 'Quận Ba Đình', '00004', 'Phường Trúc Bạch', 'Phường']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const units = statedUnitsOf(await readTable(bytes, 'xlsx'));
    expect(units.map((u) => `${u.level}:${u.code}:${u.parentCode ?? ''}`)).toEqual([
      'province:01:',
      'district:001:01',
      'commune:00001:001',
      'commune:00004:001',
    ]);
  });

  it('lists every problem of a file by line and column', async () => {
    const text = [
      'Mã TP,Tỉnh / Thành Phố,Mã QH,Quận Huyện,Mã PX,Phường Xã,Cấp',
      '01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phường Phúc Xá,Phường',
      '01,Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch,Phường',
      '01,Thành phố Hà Nội,001,Quận Ba Đình,ABC,,Ấp',
      '01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phường Phúc Xá,Phường',
    ].join('\n');
    const problems = await problemsOf(async () => statedUnitsOf(await readTable(Buffer.from(text), 'csv')));
    expect(problems).toEqual([
      'line 3, column "Tỉnh / Thành Phố": province 01 is "Hà Nội" here but "Thành phố Hà Nội" on line 2',
      'line 4, column "Mã PX": a commune code must be 5 digits, got "ABC"',
      'line 4, column "Phường Xã": is empty',
      'line 4, column "Cấp": expected one of Xã, Phường, Thị trấn, Đặc khu, got "Ấp"',
      'line 5, column "Mã PX": commune 00001 is listed twice',
    ]);
    expect(
      await problemsOf(async () => statedUnitsOf(await readTable(Buffer.from('Mã,Tên\n1,A'), 'csv'))),
    ).toEqual([
      'line 1: no column "Mã TP" or "Mã tỉnh"',
      'line 1: no column "Tỉnh / Thành Phố" or "Tỉnh Thành Phố" or "Tên tỉnh"',
      'line 1: no column "Mã PX" or "Mã xã"',
      'line 1: no column "Phường Xã" or "Phường / Xã" or "Tên xã"',
      'line 1: no column "Cấp"',
    ]);
  });

  it('refuses a list older than what is stored for its provinces', async () => {
    const { second } = await loadBoth();
    const before = statedUnitsOf(await readTable(example('units-2024.csv'), 'csv'));
    expect(
      await problemsOf(() => Promise.resolve(planUnitsImport(second.units, [], before, '2025-01-01'))),
    ).toContain(
      'unit 00004 has a stored version from 2025-07-01, after 2025-01-01: load lists in date order',
    );
  });

  it('checks merger mappings against the units on either side of their date', async () => {
    const { second } = await loadBoth();
    const plan = planMappingsImport(
      await readTable(example('mappings-2025-07-01.csv'), 'csv'),
      second.units,
      [],
    );
    expect(plan.changes).toHaveLength(8);
    const h = new AdministrativeHierarchy(second.units, plan.mappings);
    expect(h.predecessorsOf('00004').map((m) => m.oldCode)).toEqual(['00001', '00004']);
    const bad = 'old_code,new_code,valid_from\n26737,26734,2025-07-01\n26737,99999,2025-07-01\n';
    expect(
      await problemsOf(async () =>
        planMappingsImport(await readTable(Buffer.from(bad), 'csv'), second.units, []),
      ),
    ).toEqual(['line 3, column "old_code": mapping 26737 → 99999: no unit 99999 on 2025-07-01']);
  });
});

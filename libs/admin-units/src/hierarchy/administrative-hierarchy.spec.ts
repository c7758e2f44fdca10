import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdministrativeHierarchy } from './administrative-hierarchy';
import type { AdministrativeUnit } from './administrative-unit';
import { CsvRowError, parseUnitMappingsCsv, parseUnitsCsv } from './units-csv';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const sut = AdministrativeHierarchy.fromCsv(fixture('units.csv'), fixture('unit-mappings.csv'));
const codes = (units: AdministrativeUnit[]) => units.map((u) => u.code);
const BEFORE = '2025-06-30';
const escape = (text: string) => text.replace(/[()]/g, '\\$&');
const AFTER = '2025-07-01';

describe(AdministrativeHierarchy.name, () => {
  it('holds province → district → commune before 1 July 2025', () => {
    expect(codes(sut.childrenOf('26', BEFORE))).toEqual(['248', '249']);
    expect(codes(sut.childrenOf('248', BEFORE))).toEqual(['26734', '26737']);
    expect(codes(sut.childrenOf('249', BEFORE))).toEqual(['26740', '26743']);
    expect(codes(sut.communesUnder('26', BEFORE))).toEqual(['26734', '26737', '26740', '26743']);
    expect(codes(sut.ancestorsOf('26737', BEFORE))).toEqual(['248', '26']);
  });

  it('holds province → commune from 1 July 2025, with no districts', () => {
    expect(codes(sut.childrenOf('25', AFTER))).toEqual(['26734', '26740']);
    expect(codes(sut.communesUnder('25', AFTER))).toEqual(['26734', '26740']);
    expect(codes(sut.ancestorsOf('26734', AFTER))).toEqual(['25']);
    expect(sut.unitAt('26734', AFTER)?.name).toBe('Xã Tam Đảo');
    expect(sut.unitAt('26734', BEFORE)?.name).toBe('Xã Hợp Châu');
  });

  it('knows which codes name a unit on a date (a local date, or an instant in local time)', () => {
    expect(sut.isKnownUnit('248', BEFORE)).toBe(true);
    expect(sut.isKnownUnit('248', AFTER)).toBe(false);
    expect(sut.isKnownUnit('26737', AFTER)).toBe(false);
    expect(sut.isKnownUnit('25', BEFORE)).toBe(false);
    // An instant counts by its local date: 17:00 UTC on 30 June is already 1 July in Vietnam.
    expect(sut.isKnownUnit('248', new Date('2025-06-30T23:30:00+07:00'))).toBe(true);
    expect(sut.isKnownUnit('248', new Date('2025-06-30T17:00:00Z'))).toBe(false);
    expect(() => sut.childrenOf('248', AFTER)).toThrow('no unit 248 on 2025-07-01');
  });

  it('maps old units to the merged ones, both ways, to re-aggregate history', () => {
    expect(sut.successorOf('26737')).toEqual({ oldCode: '26737', newCode: '26734', validFrom: AFTER });
    expect(sut.successorOf('26')?.newCode).toBe('25');
    expect(sut.successorOf('248')).toBeUndefined();
    expect(sut.predecessorsOf('26734').map((m) => m.oldCode)).toEqual(['26734', '26737']);
    expect(sut.predecessorsOf('26740').map((m) => m.oldCode)).toEqual(['26740', '26743']);
    // The new commune 26734 before the reform is what old district 248 covered.
    const history = sut.predecessorsOf('26734').map((m) => m.oldCode);
    expect(history).toEqual(codes(sut.communesUnder('248', BEFORE)));
  });

  it('refuses inconsistent reference data', () => {
    const province: AdministrativeUnit = {
      code: '26',
      name: 'P',
      level: 'province',
      validFrom: '2000-01-01',
    };
    const commune = (extra: Partial<AdministrativeUnit>): AdministrativeUnit => ({
      code: '26734',
      name: 'C',
      level: 'commune',
      parentCode: '26',
      validFrom: '2000-01-01',
      ...extra,
    });
    expect(
      () => new AdministrativeHierarchy([province, commune({}), commune({ validFrom: '2020-01-01' })]),
    ).toThrow('overlap');
    expect(() => new AdministrativeHierarchy([province, commune({ parentCode: '27' })])).toThrow('parent 27');
    expect(() => new AdministrativeHierarchy([{ ...province, validTo: '2025-06-30' }, commune({})])).toThrow(
      'not valid for all of its validity',
    );
    expect(
      () =>
        new AdministrativeHierarchy(
          [province, commune({})],
          [{ oldCode: '26737', newCode: '26734', validFrom: AFTER }],
        ),
    ).toThrow('no unit 26737');
  });
});

describe('units CSV', () => {
  const header = 'code,name,level,parent_code,valid_from,valid_to';

  it('reads the national list’s shape, with quotes, CRLF and a BOM', () => {
    const text = `\uFEFF${header}\r\n26,"Tỉnh ""A"", B",province,,2000-01-01,\r\n\r\n248,Huyện X,district,26,2000-01-01,2025-06-30\r\n`;
    expect(parseUnitsCsv(text)).toEqual([
      { code: '26', name: 'Tỉnh "A", B', level: 'province', validFrom: '2000-01-01' },
      {
        code: '248',
        name: 'Huyện X',
        level: 'district',
        parentCode: '26',
        validFrom: '2000-01-01',
        validTo: '2025-06-30',
      },
    ]);
  });

  it.each([
    [
      '26,P,province,,2000-01-01,\n248,X,huyen,26,2000-01-01,',
      3,
      '3 (level)',
      'expected one of province, district, commune',
    ],
    [
      '26,P,province,,2000-01-01,\n2480,X,district,26,2000-01-01,',
      3,
      '1 (code)',
      'a district code has 3 digits',
    ],
    ['26,P,province,,2000-01-01,\n248,X,district,,2000-01-01,', 3, '4 (parent_code)', 'needs a parent'],
    ['26,P,province,,01/01/2000,', 2, '5 (valid_from)', 'expected a date'],
    ['26,P,province,,2000-01-01,1999-12-31', 2, '6 (valid_to)', 'before valid_from'],
    ['26,P,province,,2000-01-01', 2, 'row', 'expected 6 columns, got 5'],
    ['26,"P,province,,2000-01-01,', 2, 'row', 'not closed'],
  ])('names the line and column of a bad row: %s', (rows, line, column, problem) => {
    let error: unknown;
    try {
      parseUnitsCsv(`${header}\n${rows}\n`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvRowError);
    expect(error).toMatchObject({ line, column });
    expect((error as Error).message).toMatch(
      new RegExp(`^line ${line}, column ${escape(column)}: .*${problem}`),
    );
  });

  it('refuses a file without the expected header, and bad mappings', () => {
    expect(() => parseUnitsCsv('ma,ten\n26,P\n')).toThrow('line 1, column header');
    expect(() => parseUnitMappingsCsv('old_code,new_code,valid_from\n26737,2673,2025-07-01\n')).toThrow(
      'line 2, column 2 (new_code): not a unit code',
    );
  });
});

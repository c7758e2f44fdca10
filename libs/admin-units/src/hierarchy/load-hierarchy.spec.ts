import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_UNITS_CSV } from './default-hierarchy';
import { InvalidReferenceDataError, loadHierarchy } from './load-hierarchy';

const FIXTURES = join(__dirname, 'fixtures');
const files: Record<string, string> = {
  '/ref/units.csv': readFileSync(join(FIXTURES, 'units.csv'), 'utf8'),
  '/ref/mappings.csv': readFileSync(join(FIXTURES, 'unit-mappings.csv'), 'utf8'),
  '/ref/bad-level.csv':
    'code,name,level,parent_code,valid_from,valid_to\n26,Tỉnh,province,,2000-01-01,\n27,X,county,,2000-01-01,\n',
  '/ref/orphan.csv': 'code,name,level,parent_code,valid_from,valid_to\n26734,Xã,commune,248,2000-01-01,\n',
  '/ref/bad-mapping.csv': 'old_code,new_code,valid_from\n26737,26734,2025-07-01\n26737,26740,2025-07-01\n',
};
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};
const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidReferenceDataError);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

describe(loadHierarchy.name, () => {
  it('uses the compiled-in default when nothing is set', () => {
    const sut = loadHierarchy({}, () => {
      throw new Error('must not read');
    });
    expect(sut.isKnownUnit('26740', '2026-11-23')).toBe(true);
    expect(sut.isKnownUnit('26737', '2026-11-23')).toBe(false);
    expect(DEFAULT_UNITS_CSV).toContain('26737');
  });

  it('loads the files the variables name', () => {
    const sut = loadHierarchy(
      { COC_UNITS_CSV: '/ref/units.csv', COC_UNIT_MAPPINGS_CSV: '/ref/mappings.csv' },
      readFile,
    );
    expect(sut.isKnownUnit('26737', '2026-11-23')).toBe(false);
    expect(sut.isKnownUnit('26737', '2025-06-30')).toBe(true);
    expect(sut.successorOf('26737')?.newCode).toBe('26734');
  });

  it('loads units without mappings', () => {
    const sut = loadHierarchy({ COC_UNITS_CSV: '/ref/units.csv' }, readFile);
    expect(sut.successorOf('26737')).toBeUndefined();
  });

  it('fails naming the variable, the file and the line', () => {
    expect(failure(() => loadHierarchy({ COC_UNITS_CSV: '/ref/bad-level.csv' }, readFile))).toBe(
      'COC_UNITS_CSV (/ref/bad-level.csv): line 3, column 3 (level): expected one of province, district, commune, got "county"',
    );
    expect(failure(() => loadHierarchy({ COC_UNITS_CSV: '/ref/orphan.csv' }, readFile))).toMatch(
      /^COC_UNITS_CSV \(\/ref\/orphan\.csv\): unit 26734 .*parent 248/,
    );
    expect(
      failure(() =>
        loadHierarchy(
          { COC_UNITS_CSV: '/ref/units.csv', COC_UNIT_MAPPINGS_CSV: '/ref/bad-mapping.csv' },
          readFile,
        ),
      ),
    ).toBe(
      'COC_UNIT_MAPPINGS_CSV (/ref/bad-mapping.csv): unit 26737 is mapped twice (a split is not modelled)',
    );
    expect(failure(() => loadHierarchy({ COC_UNITS_CSV: '/ref/missing.csv' }, readFile))).toBe(
      "COC_UNITS_CSV: cannot read /ref/missing.csv: ENOENT: no such file or directory, open '/ref/missing.csv'",
    );
  });

  it('refuses mappings without their units list', () => {
    expect(failure(() => loadHierarchy({ COC_UNIT_MAPPINGS_CSV: '/ref/mappings.csv' }, readFile))).toContain(
      'COC_UNIT_MAPPINGS_CSV is set without COC_UNITS_CSV',
    );
  });
});

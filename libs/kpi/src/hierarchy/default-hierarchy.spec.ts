import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdministrativeHierarchy } from './administrative-hierarchy';
import { DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from './default-hierarchy';
import { parseUnitMappingsCsv, parseUnitsCsv } from './units-csv';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const KEPT = ['26737', '26743'];
const REFORM = '2025-07-01';

describe('default hierarchy', () => {
  const sut = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);

  it('is the fixture, except that 26737 and 26743 are kept after the reform', () => {
    const units = parseUnitsCsv(DEFAULT_UNITS_CSV);
    const fixtureUnits = parseUnitsCsv(fixture('units.csv'));
    const inFixture = new Set(fixtureUnits.map((u) => JSON.stringify(u)));
    const added = units.filter((u) => !inFixture.has(JSON.stringify(u)));
    // Every fixture unit is in the default (units are distinct), and these are the only others.
    expect(units.length - added.length).toBe(fixtureUnits.length);
    expect(added).toEqual(
      KEPT.map((code) => ({
        code,
        name: fixtureUnits.find((f) => f.code === code)?.name,
        level: 'commune',
        parentCode: '25',
        validFrom: REFORM,
      })),
    );

    const mappings = parseUnitMappingsCsv(DEFAULT_UNIT_MAPPINGS_CSV);
    const fixtureMappings = parseUnitMappingsCsv(fixture('unit-mappings.csv'));
    expect(mappings).toEqual(
      fixtureMappings.map((m) => (KEPT.includes(m.oldCode) ? { ...m, newCode: m.oldCode } : m)),
    );
  });

  it('knows the four test communes before and after the reform', () => {
    for (const code of ['26734', '26737', '26740', '26743']) {
      expect([sut.isKnownUnit(code, '2025-06-30'), sut.isKnownUnit(code, '2026-11-23')]).toEqual([
        true,
        true,
      ]);
    }
    expect(sut.communesUnder('25', '2026-11-23').map((u) => u.code)).toEqual([
      '26734',
      '26737',
      '26740',
      '26743',
    ]);
    expect(sut.communesUnder('248', '2025-06-30').map((u) => u.code)).toEqual(['26734', '26737']);
  });
});

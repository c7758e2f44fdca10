import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdministrativeHierarchy } from './administrative-hierarchy';
import { DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from './default-hierarchy';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('default hierarchy', () => {
  it('is the shipped fixture, compiled in', () => {
    expect(DEFAULT_UNITS_CSV).toBe(fixture('units.csv'));
    expect(DEFAULT_UNIT_MAPPINGS_CSV).toBe(fixture('unit-mappings.csv'));
  });

  it('has four communes before the reform and two merged ones after it', () => {
    const sut = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
    expect(sut.communesUnder('26', '2025-06-30').map((u) => u.code)).toEqual([
      '26734',
      '26737',
      '26740',
      '26743',
    ]);
    expect(sut.communesUnder('25', '2026-11-23').map((u) => u.code)).toEqual(['26734', '26740']);
    expect([sut.isKnownUnit('26737', '2025-06-30'), sut.isKnownUnit('26737', '2026-11-23')]).toEqual([
      true,
      false,
    ]);
  });
});

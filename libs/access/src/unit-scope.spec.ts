import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import type { Principal } from './principal';
import { coversSource, coversUnit } from './unit-scope';

const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
const scoped = (...units: string[]): Pick<Principal, 'units'> => ({ units });
const BEFORE = '2025-06-30';
const AFTER = '2026-11-23';

describe(coversUnit.name, () => {
  it('covers the roots themselves on any date', () => {
    expect(coversUnit(scoped('26734'), '26734', BEFORE, hierarchy)).toBe(true);
    expect(coversUnit(scoped('248'), '248', AFTER, hierarchy)).toBe(true);
  });

  it('lets a district principal read its communes before the reform, and nobody else’s', () => {
    expect(coversUnit(scoped('248'), '26737', BEFORE, hierarchy)).toBe(true);
    expect(coversUnit(scoped('248'), '26740', BEFORE, hierarchy)).toBe(false);
    expect(coversUnit(scoped('248'), '26', BEFORE, hierarchy)).toBe(false);
  });

  it('gives a district principal nothing after the reform, when districts are gone', () => {
    expect(coversUnit(scoped('248'), '26734', AFTER, hierarchy)).toBe(false);
  });

  it('lets a province principal read the communes of its province on that date', () => {
    expect(coversUnit(scoped('25'), '26740', AFTER, hierarchy)).toBe(true);
    expect(coversUnit(scoped('26'), '26743', BEFORE, hierarchy)).toBe(true);
    expect(coversUnit(scoped('26'), '26740', AFTER, hierarchy)).toBe(false);
  });

  it('never lets a commune principal read a neighbour or its parent', () => {
    expect(coversUnit(scoped('26734'), '26740', AFTER, hierarchy)).toBe(false);
    expect(coversUnit(scoped('26734'), '25', AFTER, hierarchy)).toBe(false);
  });

  it('covers every unit, known or not, for a principal of all units', () => {
    expect(coversUnit({ units: 'all' }, '99999', AFTER, hierarchy)).toBe(true);
  });

  it('refuses an unknown unit to a scoped principal', () => {
    expect(coversUnit(scoped('25'), '99999', AFTER, hierarchy)).toBe(false);
  });
});

describe(coversSource.name, () => {
  it('covers the listed sources, or all', () => {
    expect(coversSource({ sources: ['onestop'] }, 'onestop')).toBe(true);
    expect(coversSource({ sources: ['onestop'] }, 'qlvb')).toBe(false);
    expect(coversSource({ sources: 'all' }, 'qlvb')).toBe(true);
  });
});

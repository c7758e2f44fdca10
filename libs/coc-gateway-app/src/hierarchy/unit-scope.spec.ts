import {
  AdministrativeHierarchy,
  DEFAULT_UNIT_MAPPINGS_CSV,
  DEFAULT_UNITS_CSV,
  periodRange,
} from '@libs/admin-units';
import { mergedHierarchy } from '../../test/merged-hierarchy.fixture';
import { communesWithoutData, mapDateFor, resolveUnitScope } from './unit-scope';

const hierarchy = mergedHierarchy();
const month = (date: string) => periodRange({ kind: 'month', date });
const year = (date: string) => periodRange({ kind: 'year', date });

describe(resolveUnitScope.name, () => {
  it('covers a district’s communes on the date, before the reform', () => {
    const sut = resolveUnitScope(hierarchy, '248', 'current', '2025-06-10', month('2025-06-10'));
    expect(sut?.unit).toMatchObject({ code: '248', level: 'district' });
    expect(sut?.communes).toEqual([
      { code: '26734', name: 'Xã Hợp Châu', unitCodes: ['26734'] },
      { code: '26737', name: 'Xã Hồ Sơn', unitCodes: ['26737'] },
    ]);
    expect(sut?.unitCodes).toEqual(['26734', '26737']);
  });

  it('knows no district after the reform in the current map, but does in the pre-2025 one', () => {
    expect(resolveUnitScope(hierarchy, '248', 'current', '2026-11-20', month('2026-11-20'))).toBeUndefined();
    const sut = resolveUnitScope(hierarchy, '248', 'pre2025', '2026-11-20', month('2026-11-20'));
    expect(sut?.mapDate).toBe('2025-06-30');
    expect(sut?.unitCodes).toEqual(['26734', '26737']);
    expect(resolveUnitScope(hierarchy, '25', 'pre2025', '2026-11-20', month('2026-11-20'))).toBeUndefined();
  });

  it('re-aggregates a merged commune’s history only for periods that reach before the merge', () => {
    const y2025 = resolveUnitScope(hierarchy, '26734', 'current', '2025-12-31', year('2025-12-31'));
    expect(y2025?.communes).toEqual([{ code: '26734', name: 'Xã Tam Đảo', unitCodes: ['26734', '26737'] }]);
    const nov2026 = resolveUnitScope(hierarchy, '26734', 'current', '2026-11-20', month('2026-11-20'));
    expect(nov2026?.unitCodes).toEqual(['26734']);
    const province = resolveUnitScope(hierarchy, '25', 'current', '2025-12-31', year('2025-12-31'));
    expect(province?.communes.map((c) => [c.code, c.unitCodes])).toEqual([
      ['26734', ['26734', '26737']],
      ['26740', ['26740', '26743']],
    ]);
  });

  it('covers the merged communes of the default hierarchy today', () => {
    const defaults = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
    const sut = resolveUnitScope(defaults, '25', 'current', '2026-11-20', month('2026-11-20'));
    expect(sut?.unitCodes).toEqual(['26734', '26740']);
  });
});

describe(mapDateFor.name, () => {
  it('uses the date itself, or the last day before the reform for pre2025', () => {
    expect(mapDateFor('current', '2026-11-20')).toBe('2026-11-20');
    expect(mapDateFor('pre2025', '2026-11-20')).toBe('2025-06-30');
    expect(mapDateFor('pre2025', '2024-03-01')).toBe('2024-03-01');
  });
});

describe(communesWithoutData.name, () => {
  it('counts a commune without data only when none of its codes contributed', () => {
    const scope = resolveUnitScope(hierarchy, '25', 'current', '2025-12-31', year('2025-12-31'));
    if (!scope) throw new Error('no scope');
    expect(communesWithoutData(scope, ['26737'])).toEqual([]);
    expect(communesWithoutData(scope, ['26740', '26743', '26737'])).toEqual(['26740']);
  });
});

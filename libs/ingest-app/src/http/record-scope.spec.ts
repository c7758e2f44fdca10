import type { Principal, ScopeHierarchy } from '@libs/access';
import { findScopeViolation, publishScopeOf } from './record-scope';

const units: Record<string, { code: string; parent?: string; until?: string }> = {
  '26734': { code: '26734', parent: '731', until: '2025-06-30' },
  '26737': { code: '26737' },
  '731': { code: '731', until: '2025-06-30' },
};
/** A commune 26734 under district 731 until the 2025 reform, then directly under nothing we know. */
const hierarchy: ScopeHierarchy = {
  unitAt: (code, date) => {
    const unit = units[code];
    return unit && (unit.until === undefined || date <= unit.until || code === '26734') ? unit : undefined;
  },
  ancestorsOf: (code, date) => {
    const parent = units[code]?.parent;
    return parent !== undefined && date <= '2025-06-30' ? [units[parent]] : [];
  },
};
const principal = (overrides: Partial<Principal> = {}): Principal => ({
  id: 'portal',
  role: 'connector',
  units: ['26734'],
  sources: ['onestop'],
  ...overrides,
});
const inScope = { source: 'onestop', unitCode: '26734' };
const scope = publishScopeOf(principal(), hierarchy);

describe(findScopeViolation.name, () => {
  it('passes records of the key’s sources and units', () => {
    expect(findScopeViolation([inScope, inScope], scope)).toBeUndefined();
  });

  it('names the first record of another source', () => {
    const violation = findScopeViolation(
      [inScope, { ...inScope, source: 'qlvb' }, { source: 'camera' }],
      scope,
    );
    expect(violation?.index).toBe(1);
    expect(violation?.message).toContain('record 1: source "qlvb"');
    expect(violation?.message).toContain('nothing was published');
  });

  it('names the first record of a unit outside the key', () => {
    const violation = findScopeViolation([inScope, inScope, { ...inScope, unitCode: '26737' }], scope);
    expect(violation).toMatchObject({ index: 2 });
    expect(violation?.message).toContain('unit 26737');
  });

  it('lets a key for all units publish for any unit, but not for another source', () => {
    const all = publishScopeOf(principal({ units: 'all' }), hierarchy);
    expect(findScopeViolation([{ ...inScope, unitCode: '001' }], all)).toBeUndefined();
    expect(findScopeViolation([{ ...inScope, source: 'camera' }], all)?.index).toBe(0);
  });

  it('resolves a district key on the date the event occurred', () => {
    const district = publishScopeOf(principal({ units: ['731'] }), hierarchy);
    const before = { ...inScope, occurredAt: '2025-06-30T23:00:00+07:00' };
    const after = { ...inScope, occurredAt: '2025-07-01T08:00:00+07:00' };
    expect(findScopeViolation([before], district)).toBeUndefined();
    expect(findScopeViolation([before, after], district)?.index).toBe(1);
  });

  it('leaves records without a string source or unitCode to validation', () => {
    expect(
      findScopeViolation([undefined, null, 'x', [], { source: 7, unitCode: 26737 }, {}], scope),
    ).toBeUndefined();
  });
});

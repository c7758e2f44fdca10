import type { ApiKey } from './api-key-config';
import { findScopeViolation } from './record-scope';

const key: Pick<ApiKey, 'id' | 'source' | 'units'> = {
  id: 'portal',
  source: 'onestop',
  units: new Set(['26734']),
};
const inScope = { source: 'onestop', unitCode: '26734' };

describe(findScopeViolation.name, () => {
  it('passes records of the key’s source and units', () => {
    expect(findScopeViolation([inScope, inScope], key)).toBeUndefined();
  });

  it('names the first record of another source', () => {
    const violation = findScopeViolation(
      [inScope, { ...inScope, source: 'qlvb' }, { source: 'camera' }],
      key,
    );
    expect(violation?.index).toBe(1);
    expect(violation?.message).toContain('record 1: source "qlvb"');
    expect(violation?.message).toContain('nothing was published');
  });

  it('names the first record of a unit outside the key', () => {
    const violation = findScopeViolation([inScope, inScope, { ...inScope, unitCode: '26737' }], key);
    expect(violation).toMatchObject({ index: 2 });
    expect(violation?.message).toContain('unit 26737');
  });

  it('lets a key for all units publish for any unit, but not for another source', () => {
    const all = { ...key, units: 'all' as const };
    expect(findScopeViolation([{ ...inScope, unitCode: '001' }], all)).toBeUndefined();
    expect(findScopeViolation([{ ...inScope, source: 'camera' }], all)?.index).toBe(0);
  });

  it('leaves records without a string source or unitCode to validation', () => {
    expect(
      findScopeViolation([undefined, null, 'x', [], { source: 7, unitCode: 26737 }, {}], key),
    ).toBeUndefined();
  });
});

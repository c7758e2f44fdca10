import { DossierReceived, exampleEnvelope, validateEvent, type ValidEvent } from '@libs/contracts';
import { AdministrativeHierarchy, parseUnitMappingsCsv, parseUnitsCsv } from '@libs/admin-units';
import { checkUnit } from './check-unit.step';

/** The merge of 1 July 2025 in small: 26737 is merged into 26734. */
const units = new AdministrativeHierarchy(
  parseUnitsCsv(`code,name,level,parent_code,valid_from,valid_to
26,Tỉnh A,province,,2000-01-01,2025-06-30
248,Huyện B,district,26,2000-01-01,2025-06-30
26734,Xã C,commune,248,2000-01-01,2025-06-30
26737,Xã D,commune,248,2000-01-01,2025-06-30
25,Tỉnh E,province,,2025-07-01,
26734,Xã F,commune,25,2025-07-01,
`),
  parseUnitMappingsCsv('old_code,new_code,valid_from\n26737,26734,2025-07-01\n'),
);

function event(unitCode: string, occurredAt: string): ValidEvent {
  const result = validateEvent(
    exampleEnvelope(DossierReceived, { unitCode, occurredAt, producedAt: occurredAt }),
    {
      now: new Date('2026-11-23T00:00:00Z'),
      maxFutureSkewMs: 0,
    },
  );
  if (!result.ok) throw new Error(result.rejection.reason);
  return result.event;
}

describe(checkUnit.name, () => {
  it('passes an event of a unit valid on the day it occurred', () => {
    const valid = event('26734', '2026-11-20T09:00:00+07:00');
    expect(checkUnit(valid, units)).toEqual({ ok: true, value: valid });
  });

  it('refuses a code no unit has, naming the local date', () => {
    expect(checkUnit(event('99999', '2026-11-20T09:00:00+07:00'), units)).toEqual({
      ok: false,
      rejection: {
        code: 'unknown_unit',
        reason: 'unit 99999 is not in the administrative hierarchy valid at 2026-11-20',
      },
    });
  });

  it('takes an old commune code for events before the merge, and refuses it after', () => {
    expect(checkUnit(event('26737', '2025-06-30T23:59:59+07:00'), units).ok).toBe(true);
    const after = checkUnit(event('26737', '2025-07-01T00:00:00+07:00'), units);
    expect(after).toEqual({
      ok: false,
      rejection: expect.objectContaining({
        reason: 'unit 26737 is not in the administrative hierarchy valid at 2025-07-01',
      }),
    });
  });

  it('judges by the local date: 17:00 UTC on 30 June is 1 July in Vietnam', () => {
    expect(checkUnit(event('26737', '2025-06-30T16:59:59Z'), units).ok).toBe(true);
    expect(checkUnit(event('26737', '2025-06-30T17:00:00Z'), units).ok).toBe(false);
  });
});

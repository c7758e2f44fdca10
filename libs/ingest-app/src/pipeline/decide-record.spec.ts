import {
  DEFAULT_STRUCTURAL_LIMITS,
  DossierReceived,
  exampleEnvelope,
  IndicatorReported,
} from '@libs/contracts';
import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import { kpiInputRowsOfStored } from '@libs/kpi';
import { decideRecord, type RecordDecision, type RecordPolicy } from './decide-record';

const policy: RecordPolicy = {
  now: new Date('2026-11-23T03:00:00Z'),
  maxFutureSkewMs: 300_000,
  maxRecordBytes: 65_536,
  limits: DEFAULT_STRUCTURAL_LIMITS,
  units: AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV),
};
const valid = exampleEnvelope(DossierReceived);
const asBytes = (text: string) => ({ kind: 'bytes' as const, bytes: Buffer.from(text) });
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const codeOf = (d: RecordDecision) => (d.ok ? 'accepted' : d.rejection.code);

describe(decideRecord.name, () => {
  it('refuses a payload field nested 3,000 arrays deep as too_deep, before any object mapping', () => {
    const text = JSON.stringify({ ...valid, payload: { ...valid.payload, extra: nested(3000) } });
    const decision = decideRecord(asBytes(text), policy);
    expect(decision).toEqual({
      ok: false,
      eventId: valid.eventId,
      unitCode: valid.unitCode,
      rejection: { code: 'too_deep', reason: 'nested deeper than 8 levels of objects and arrays' },
    });
  });

  it('refuses too many keys and too long strings with their own codes', () => {
    const keys = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i]));
    expect(codeOf(decideRecord({ kind: 'value', value: { ...valid, payload: keys } }, policy))).toBe(
      'too_many_keys',
    );
    const long = { ...valid, payload: { ...valid.payload, note: 'x'.repeat(9000) } };
    expect(codeOf(decideRecord({ kind: 'value', value: long }, policy))).toBe('string_too_long');
  });

  it('turns anything a step throws into an internal_error reject of that record, with class and message', () => {
    const throwing: RecordPolicy = {
      ...policy,
      units: {
        isKnownUnit: () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      },
    };
    expect(decideRecord(asBytes(JSON.stringify(valid)), throwing)).toEqual({
      ok: false,
      eventId: valid.eventId,
      unitCode: valid.unitCode,
      rejection: { code: 'internal_error', reason: 'RangeError: Maximum call stack size exceeded' },
    });
  });

  it('stores the validated payload only: undeclared fields dropped, keys in code-point order', () => {
    const text =
      '{"eventId":"e-1","source":"onestop","type":"onestop.dossier.received","unitCode":"26734",' +
      '"occurredAt":"2026-11-23T08:15:00+07:00","producedAt":"2026-11-23T08:15:02+07:00","schemaVersion":1,' +
      `"payload":{"a":{"channel":"online"},"procedureCode":"1.001","dossierId":"D-1","channel":"counter",` +
      '"onCentralOneStop":true,"dueAt":"2026-11-30T17:00:00+07:00"},"extra":1}';
    const decision = decideRecord(asBytes(text), policy);
    if (!decision.ok) throw new Error(decision.rejection.reason);
    expect(decision.accepted.row.payload).toBe(
      '{"channel":"counter","dossierId":"D-1","dueAt":"2026-11-30T17:00:00+07:00","onCentralOneStop":true,"procedureCode":"1.001"}',
    );
    expect(Object.keys(JSON.parse(decision.accepted.json) as object)).not.toContain('extra');
  });

  it('drops a nested decoy of a reported figure, so the stored value is the validated number', () => {
    const report = exampleEnvelope(IndicatorReported);
    const value = { ...report, payload: { a: { value: 'oops' }, ...report.payload } };
    const decision = decideRecord({ kind: 'value', value }, policy);
    if (!decision.ok) throw new Error(decision.rejection.reason);
    expect(decision.accepted.row.payload).not.toContain('oops');
    expect((JSON.parse(decision.accepted.row.payload) as { value: unknown }).value).toBe(
      report.payload.value,
    );
  });

  it('derives the KPI inputs from the validated event exactly as the rebuild derives them from the stored row', () => {
    const decision = decideRecord(asBytes(JSON.stringify(valid)), policy);
    if (!decision.ok) throw new Error(decision.rejection.reason);
    expect(decision.accepted.kpiInputs.length).toBeGreaterThan(0);
    expect(decision.accepted.kpiInputs).toEqual(kpiInputRowsOfStored(decision.accepted.row));
  });

  it('gives the same decision to the bytes of a record and to its parsed value', () => {
    const records = [
      valid,
      { ...valid, unitCode: '99999' },
      { ...valid, payload: { ...valid.payload, channel: 1 } },
    ];
    for (const record of records) {
      expect(codeOf(decideRecord({ kind: 'value', value: record }, policy))).toBe(
        codeOf(decideRecord(asBytes(JSON.stringify(record)), policy)),
      );
    }
  });
});

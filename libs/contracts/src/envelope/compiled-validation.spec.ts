import { fuzzRecords } from '@libs/testing';
import { DossierReceived } from '../events/onestop/dossier-received.v1';
import { EVENT_DEFINITIONS } from '../events/event-registry';
import { exampleEnvelope } from '../events/example-envelope';
import { checkCompiled, compiledContracts } from './compiled-validation';
import { DEFAULT_STRUCTURAL_LIMITS, checkStructure } from './structural-limits';
import { canonicalPayload, checkWithClasses, validateEvent } from './validate-event';

type Verdict = 'accept' | 'reject' | 'undecided';

/** Both validators on one record: verdicts, and the stored payload when both accept. */
function compare(record: object): { compiled: Verdict; classes: Verdict; samePayload: boolean } {
  const compiled = checkCompiled(record);
  const classes = checkWithClasses(record);
  const samePayload =
    compiled.verdict !== 'accept' ||
    !classes.ok ||
    JSON.stringify(canonicalPayload(compiled.payload)) === JSON.stringify(canonicalPayload(classes.payload));
  return { compiled: compiled.verdict, classes: classes.ok ? 'accept' : 'reject', samePayload };
}

/** Disagreements over records, tallied by the corpus' kind: none are allowed. */
function disagreements(records: { kind: string; record: object }[]) {
  const tally: Record<string, Record<string, number>> = {};
  const wrong: { kind: string; record: object; compiled: Verdict; classes: Verdict }[] = [];
  for (const { kind, record } of records) {
    const { compiled, classes, samePayload } = compare(record);
    const key = `${compiled}/${classes}`;
    (tally[kind] ??= {})[key] = (tally[kind][key] ?? 0) + 1;
    const agree = compiled === 'undecided' || (compiled === classes && samePayload);
    if (!agree) wrong.push({ kind, record, compiled, classes });
  }
  return { tally, wrong };
}

/** The corpus' records that reach the contracts in ingest: JSON objects within the structural limits. */
const parsedObjects = (texts: { kind: string; text: string }[]) =>
  texts.flatMap(({ kind, text }) => {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return [];
    }
    const contractual =
      typeof record === 'object' &&
      record !== null &&
      !Array.isArray(record) &&
      checkStructure(record, DEFAULT_STRUCTURAL_LIMITS) === undefined;
    return contractual ? [{ kind, record: record as object }] : [];
  });

describe('the compiled contracts (ajv) and the classes (class-validator)', () => {
  it('compiles every contract; only types with rules JSON Schema cannot carry are left to the classes', () => {
    const contracts = compiledContracts();
    expect(contracts.envelope.exact).toBe(true);
    const inexact = EVENT_DEFINITIONS.filter((d) => !contracts.payload(d).exact).map((d) => d.type);
    // Reporting periods are checked against the calendar; IndicatorReported also compares value with
    // numerator / denominator.
    expect(inexact.sort()).toEqual([
      'reporting.indicator.reported',
      'reporting.report.due',
      'reporting.report.submitted',
    ]);
  });

  it('agree on every record of the ingest fuzz corpus (accept or reject, and the stored payload)', () => {
    const corpus = [
      ...fuzzRecords('agree-k', 14_000, EVENT_DEFINITIONS, false),
      ...fuzzRecords(
        'agree-h',
        7_000,
        EVENT_DEFINITIONS.filter((d) => d.source === 'onestop'),
        true,
      ),
    ];
    const { tally, wrong } = disagreements(parsedObjects(corpus));
    expect(wrong.slice(0, 3)).toEqual([]);
    // Not vacuous: the corpus holds records both accept and records both refuse.
    expect(tally.valid['accept/accept']).toBeGreaterThan(5_000);
    expect(tally.wrong_type['reject/reject']).toBeGreaterThan(2_000);
  });

  it('agree on the edge cases where JSON Schema formats and lengths differ from class-validator', () => {
    const base = exampleEnvelope(DossierReceived) as unknown as Record<string, unknown> & {
      payload: Record<string, unknown>;
    };
    const dates = [
      '2026-11-23T08:15:00+07:00',
      '2026-11-23 08:15:00+07:00',
      '2026-11-23t08:15:00z',
      '2026-11-23T08:15:00+0700',
      '2026-11-23T23:59:60Z',
      '2026-02-30T08:15:00Z',
      '2026-11-23',
      '2026-W47-1',
      '2026-327',
      '2026-11-23T08:15Z',
      '2026-11-23T08:15:00.123456789Z',
      '',
    ];
    const texts = [
      ...dates.flatMap((d) => [
        { kind: 'occurredAt', text: JSON.stringify({ ...base, occurredAt: d }) },
        { kind: 'producedAt', text: JSON.stringify({ ...base, producedAt: d }) },
        { kind: 'dueAt', text: JSON.stringify({ ...base, payload: { ...base.payload, dueAt: d } }) },
      ]),
      ...['', 'x', '\uFE0F', 'a\uFE0F'.repeat(40), '😀'.repeat(64), '😀'.repeat(65), 'x'.repeat(65)].map(
        (s) => ({
          kind: 'length',
          text: JSON.stringify({ ...base, payload: { ...base.payload, dossierId: s } }),
        }),
      ),
      { kind: 'number', text: JSON.stringify(base).replace('"schemaVersion":1', '"schemaVersion":1e400') },
      { kind: 'number', text: JSON.stringify(base).replace('"schemaVersion":1', '"schemaVersion":1.0') },
      {
        kind: 'optional',
        text: JSON.stringify({ ...base, payload: { ...base.payload, eidAuthenticated: null } }),
      },
      { kind: 'extra', text: JSON.stringify({ ...base, payload: { ...base.payload, note: 'kept out' } }) },
      { kind: 'unitCode', text: JSON.stringify({ ...base, unitCode: '２６７３４' }) },
    ];
    const { tally, wrong } = disagreements(parsedObjects(texts));
    expect(wrong).toEqual([]);
    expect(tally.occurredAt['accept/accept']).toBeGreaterThan(0);
    expect(tally.occurredAt['reject/reject']).toBeGreaterThan(0);
  });

  it('refuses with the classes’ own words, and stores what they would', () => {
    const policy = { now: new Date('2026-12-01T00:00:00Z'), maxFutureSkewMs: 0 };
    const good = exampleEnvelope(DossierReceived) as unknown as Record<string, unknown>;
    const bad = { ...good, payload: { ...(good.payload as object), channel: 'fax' } };
    expect(validateEvent(bad, policy)).toEqual({
      ok: false,
      rejection: {
        code: 'invalid_payload',
        reason: 'payload.channel must be one of the following values: online, counter, postal',
      },
    });
    const accepted = validateEvent({ ...good, payload: { ...(good.payload as object), note: 'x' } }, policy);
    expect(accepted.ok && Object.keys(accepted.event.envelope.payload)).toEqual(
      Object.keys(canonicalPayload(good.payload as object)),
    );
  });
});

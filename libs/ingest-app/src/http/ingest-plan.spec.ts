import { DEFAULT_STRUCTURAL_LIMITS, DossierReceived, exampleEnvelope } from '@libs/contracts';
import { planBatch, summarize, type BatchPlan } from './ingest-plan';
import type { PublishScope } from './record-scope';
import { parseItem, type ParsedItem } from './split-body';

const key: PublishScope = {
  id: 'portal',
  coversSource: (source) => source === 'onestop',
  coversUnit: (unitCode) => unitCode === '26734',
};
const options = {
  now: new Date('2026-11-23T03:00:00Z'),
  maxFutureSkewMs: 300_000,
  maxRecordBytes: 2048,
  limits: DEFAULT_STRUCTURAL_LIMITS,
  units: { isKnownUnit: (code: string) => code !== '99999' },
};
const dossier = (eventId: string) => exampleEnvelope(DossierReceived, { eventId });
const items = (...values: unknown[]): ParsedItem[] =>
  values.map((value) => parseItem({ kind: 'element', value }));

function published(plan: BatchPlan) {
  if (plan.kind !== 'publish') throw new Error(`expected a publish plan, got ${plan.kind}`);
  return plan;
}

describe(planBatch.name, () => {
  it('accepts valid records and publishes their validated envelopes keyed by unit', () => {
    const plan = published(planBatch(items(dossier('e-1'), dossier('e-2')), key, options));
    expect(plan.response).toEqual({
      accepted: 2,
      rejected: 0,
      results: [
        { index: 0, eventId: 'e-1', status: 'accepted' },
        { index: 1, eventId: 'e-2', status: 'accepted' },
      ],
    });
    expect(plan.events.map((e) => ({ ...e, json: JSON.parse(e.json) as unknown }))).toEqual([
      { source: 'onestop', unitCode: '26734', eventId: 'e-1', json: dossier('e-1') },
      { source: 'onestop', unitCode: '26734', eventId: 'e-2', json: dossier('e-2') },
    ]);
  });

  it('rejects bad records one by one, in request order, with code and reason', () => {
    const badPayload = { ...dossier('e-bad'), payload: { ...dossier('x').payload, channel: 'fax' } };
    const notJson = parseItem({ kind: 'line', line: 2, text: '{"eventId": "tr' });
    const plan = published(
      planBatch([...items(dossier('e-1')), notJson, ...items(badPayload, { eventId: 'e-3' })], key, options),
    );
    expect(plan.events.map((e) => e.eventId)).toEqual(['e-1']);
    expect(plan.response.accepted).toBe(1);
    expect(plan.response.rejected).toBe(3);
    expect(plan.response.results).toEqual([
      { index: 0, eventId: 'e-1', status: 'accepted' },
      { index: 1, status: 'rejected', code: 'invalid_json', reason: expect.stringContaining('line 2') },
      {
        index: 2,
        eventId: 'e-bad',
        status: 'rejected',
        code: 'invalid_payload',
        reason: expect.stringContaining('payload.channel'),
      },
      { index: 3, eventId: 'e-3', status: 'rejected', code: 'invalid_envelope', reason: expect.any(String) },
    ]);
  });

  it('applies the time policy and the per-record size limit of the Kafka path', () => {
    const future = dossier('e-f');
    future.occurredAt = '2026-11-24T00:00:00Z';
    const big = { ...dossier('e-big'), payload: { ...dossier('x').payload, dossierId: 'x'.repeat(3000) } };
    const plan = published(planBatch(items(future, big), key, options));
    expect(plan.events).toEqual([]);
    expect(plan.response.results.map((r) => r.code)).toEqual(['occurred_in_future', 'too_large']);
    expect(plan.response.results[1].reason).toMatch(/^record is \d+ bytes; the limit is 2048$/);
  });

  it('refuses the whole request when one record is outside the key, publishing nothing', () => {
    const plan = planBatch(
      items(dossier('e-1'), dossier('e-2'), { ...dossier('e-3'), unitCode: '26737' }),
      key,
      options,
    );
    expect(plan.kind).toBe('forbidden');
    expect(plan.kind === 'forbidden' && plan.violation.index).toBe(2);
  });

  it('checks scope before validity: a bad record of another source still refuses the request', () => {
    const plan = planBatch(items({ source: 'qlvb', unitCode: '26734' }), key, options);
    expect(plan.kind).toBe('forbidden');
  });
});

describe(summarize.name, () => {
  it('rejects a record of a unit the hierarchy does not know, like the Kafka path', () => {
    const anyUnit: PublishScope = { ...key, coversUnit: () => true };
    const plan = published(
      planBatch(items(dossier('e-1'), { ...dossier('e-2'), unitCode: '99999' }), anyUnit, options),
    );
    expect(plan.response.results[1]).toMatchObject({ index: 1, status: 'rejected', code: 'unknown_unit' });
    expect(plan.events.map((e) => e.eventId)).toEqual(['e-1']);
  });

  it('counts accepted and rejected', () => {
    expect(
      summarize([
        { index: 0, status: 'rejected', code: 'invalid_json', reason: 'x' },
        { index: 1, eventId: 'a', status: 'accepted' },
      ]),
    ).toMatchObject({ accepted: 1, rejected: 1 });
    expect(summarize([])).toEqual({ accepted: 0, rejected: 0, results: [] });
  });
});

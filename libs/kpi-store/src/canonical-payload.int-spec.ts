import type { AnalyticsStore } from '@libs/clickhouse';
import { DossierReceived, exampleEnvelope, IndicatorReported, validateEvent } from '@libs/contracts';
import { localMonthRange, periodRange } from '@libs/admin-units';
import { evaluateKpi, findKpi, type EvaluationOptions, type KpiDefinition, type KpiEvent } from '@libs/kpi';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { dropTestDatabase, openTestDatabase, storeEvents } from '../test/kpi-store-test-kit';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};

/** An event as ingest stores it: validated, so its payload is the canonical one. */
function validated(record: object): KpiEvent {
  const result = validateEvent(record, { now: new Date('2026-12-01T00:00:00Z'), maxFutureSkewMs: 0 });
  if (!result.ok) throw new Error(result.rejection.reason);
  const { eventId, source, type, unitCode, occurredAt, payload } = result.event.envelope;
  return { eventId, source, type, unitCode, occurredAt, payload };
}

/**
 * The two decoys, nested copies of a counted field that SQL's visitParamExtract would have
 * read first: once ingest stores the validated payload, raw SQL, the breakdown, the rollup and the
 * reference evaluator read the same value.
 */
describe('stored payloads are the validated ones (raw SQL, breakdown, rollup and evaluator agree)', () => {
  let db: { id: string; client: AnalyticsStore };
  beforeAll(async () => {
    db = await openTestDatabase('kpi_canonical');
  });
  afterAll(() => dropTestDatabase(db.client, db.id));

  it('counts a counter dossier whose payload hides {"a":{"channel":"online"}} as counter everywhere', async () => {
    const sent = exampleEnvelope(DossierReceived);
    const events = [
      validated({ ...sent, payload: { a: { channel: 'online' }, ...sent.payload, channel: 'counter' } }),
    ];
    await storeEvents(db.client, events);
    const central = kpi('tthc_dossiers_on_central_onestop_pct');
    const options: EvaluationOptions = {
      unitCodes: ['26734'],
      range: localMonthRange('2026-11'),
      asOf: new Date('2026-12-01T00:00:00Z'),
    };
    const reference = evaluateKpi(central, events, options);
    const raw = await new ClickHouseKpiEngine(db.client, { rollups: false }).evaluate(central, options);
    const rollup = await new ClickHouseKpiEngine(db.client).evaluate(central, options);
    expect([raw.value, rollup.value]).toEqual([reference.value, reference.value]);
    const byChannel = await new ClickHouseKpiEngine(db.client).breakdown(central, options, 'channel');
    expect(byChannel.map((b) => b.key)).toEqual(['counter']);
  });

  it('reads a reported figure whose payload hides {"a":{"value":"oops"}} as its validated number', async () => {
    const sent = exampleEnvelope(IndicatorReported);
    const events = [validated({ ...sent, payload: { a: { value: 'oops' }, ...sent.payload } })];
    await storeEvents(db.client, events);
    const fibre = kpi('households_fibre_coverage_pct');
    const options: EvaluationOptions = {
      unitCodes: ['26734'],
      range: periodRange({ kind: 'quarter', date: '2026-09-15' }),
      asOf: new Date('2026-12-01T00:00:00Z'),
    };
    const reference = evaluateKpi(fibre, events, options);
    const stored = await new ClickHouseKpiEngine(db.client, { rollups: false }).evaluate(fibre, options);
    expect(reference.value).not.toBeNull();
    expect(stored.value).toBe(reference.value);
  });
});

import type { AnalyticsStore } from '@libs/clickhouse';
import { localDateOf, localDayRange } from '@libs/admin-units';
import { findKpi, type EvaluationOptions, type KpiDefinition } from '@libs/kpi';
import { KPI_SCENARIOS, type KpiScenario } from '@libs/testing';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { ReferenceCountRepository } from './references/reference-count.repository';
import {
  dropTestDatabase,
  emptyTables,
  openTestDatabase,
  referenceCountRows,
  storeEvents,
} from '../test/kpi-store-test-kit';

/**
 * evaluateEach (what the IOC pull API reads a page of changed communes and days with) against
 * evaluate of each unit alone, over every hand-checked scenario: its commune, its neighbour, a third
 * commune holding every other event of the scenario again, and a commune without any feed; for the
 * scenario's whole range, its last day and each day an event of it occurred on.
 */
const COPY = '26737';
const UNFED = '26743';
const kpiOf = (s: KpiScenario): KpiDefinition => {
  const found = findKpi(s.kpiId);
  if (!found) throw new Error(`no KPI ${s.kpiId}`);
  return found;
};
const name = (s: KpiScenario) => (s.measureId ? `${s.kpiId} / ${s.measureId}` : s.kpiId);
const wholeKpis = KPI_SCENARIOS.filter((s) => s.measureId === undefined);

describe('evaluateEach over several communes and days', () => {
  let db: { id: string; client: AnalyticsStore };
  beforeAll(async () => {
    db = await openTestDatabase('kpi_each');
  });
  afterAll(() => dropTestDatabase(db.client, db.id));

  it.each(wholeKpis.map((s) => [name(s), s] as const))(
    '%s: each unit as evaluated alone',
    async (_, scenario) => {
      await emptyTables(db.client);
      const { references, ...options } = scenario.options;
      await new ReferenceCountRepository(db.client).upsert(referenceCountRows(references));
      const copies = scenario.events
        .filter((_, i) => i % 2 === 0)
        .map((e) => ({ ...e, eventId: `copy-${e.eventId}`, unitCode: COPY }));
      await storeEvents(db.client, [...scenario.events, ...copies]);
      const units = [
        ...new Set([...options.unitCodes, ...scenario.events.map((e) => e.unitCode), COPY, UNFED]),
      ];
      const eventDays = [...new Set(scenario.events.map((e) => localDateOf(new Date(e.occurredAt))))]
        .filter(
          (d) => localDayRange(d).start >= options.range.start && localDayRange(d).end <= options.range.end,
        )
        .slice(0, 3);
      const lastDay = localDateOf(new Date(options.range.end.getTime() - 1));
      const windows: EvaluationOptions[] = [
        { ...options, unitCodes: units },
        ...[...eventDays, lastDay].map((d) => ({ ...options, unitCodes: units, range: localDayRange(d) })),
      ];
      let measured = 0;
      for (const engine of [
        new ClickHouseKpiEngine(db.client, { rollups: false }),
        new ClickHouseKpiEngine(db.client),
      ]) {
        for (const window of windows) {
          const each = await engine.evaluateEach(kpiOf(scenario), window);
          expect([...each.keys()]).toEqual(units);
          for (const unitCode of units) {
            const alone = await engine.evaluate(kpiOf(scenario), { ...window, unitCodes: [unitCode] });
            expect(each.get(unitCode)).toEqual(alone);
            if (alone.value !== null && alone.value !== 0) measured++;
          }
        }
      }
      // Figures were there to compare, not only empty ones.
      expect(measured).toBeGreaterThan(0);
    },
  );
});

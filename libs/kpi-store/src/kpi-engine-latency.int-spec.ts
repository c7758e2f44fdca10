import type { AnalyticsStore } from '@libs/clickhouse';
import { performance } from 'node:perf_hooks';
import { simulateCommune } from '@libs/connector-sdk';
import {
  evaluateKpi,
  evaluateMeasure,
  KPI_CATALOG,
  type EvaluationOptions,
  type KpiDefinition,
} from '@libs/kpi';
import { localMonthRange } from '@libs/admin-units';
import { report } from '@libs/testing';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { dropTestDatabase, openTestDatabase, storeEvents } from '../test/kpi-store-test-kit';

/**
 * Realistic volume: two communes' simulated feeds over two months (about 136k events), every KPI
 * of the catalog evaluated for October at one commune and at both, over the raw tables and over
 * the rollup. Each result must equal evaluateKpi over the same events; the latencies are reported.
 */
const OCTOBER = localMonthRange('2026-10');
const NOW = new Date('2026-11-20T00:00:00+07:00');
const COMMUNES = ['26734', '26737'];
const REFERENCES = {
  qlvb_officials: { '26734': 40, '26737': 35 },
  reporting_agencies: { '26734': 6, '26737': 5 },
};
const REPEATS = 5;

const events = COMMUNES.flatMap((unitCode, seed) =>
  simulateCommune({
    unitCode,
    from: localMonthRange('2026-09').start,
    to: new Date(OCTOBER.end.getTime() - 1000),
    seed,
    scale: 1,
    now: NOW,
  }),
);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('KPI engine latency at realistic volume', () => {
  let db: { id: string; client: AnalyticsStore };
  beforeAll(async () => {
    db = await openTestDatabase('kpi_latency');
    const t0 = performance.now();
    await storeEvents(db.client, events);
    report(
      `[kpi-latency] stored ${events.length} events with their rollup rows in ${Math.round(performance.now() - t0)} ms`,
    );
  }, 300_000);
  afterAll(() => dropTestDatabase(db.client, db.id));

  it('answers every KPI at commune and two-commune scope as evaluateKpi does', async () => {
    const engines = {
      raw: new ClickHouseKpiEngine(db.client, { rollups: false }),
      rollup: new ClickHouseKpiEngine(db.client),
    };
    const scopes: [string, EvaluationOptions][] = [
      ['commune', { unitCodes: [COMMUNES[0]], range: OCTOBER, asOf: NOW, references: REFERENCES }],
      ['2 communes', { unitCodes: COMMUNES, range: OCTOBER, asOf: NOW, references: REFERENCES }],
    ];
    const targets = KPI_CATALOG.flatMap((kpi: KpiDefinition) => [
      { kpi, measureId: undefined as string | undefined },
      ...(kpi.measures ?? []).map((m) => ({ kpi, measureId: m.id })),
    ]);
    const lines: string[] = [];
    for (const { kpi, measureId } of targets) {
      const cells: string[] = [];
      for (const [label, options] of scopes) {
        const expected = measureId
          ? evaluateMeasure(kpi, measureId, events, options)
          : evaluateKpi(kpi, events, options);
        for (const [name, engine] of Object.entries(engines)) {
          const times: number[] = [];
          for (let i = 0; i < REPEATS; i++) {
            const t0 = performance.now();
            const result = await engine.evaluate(kpi, options, measureId);
            times.push(performance.now() - t0);
            expect(result).toEqual(expected);
          }
          cells.push(`${label} ${name} ${median(times).toFixed(0)} ms`);
        }
      }
      lines.push(`${(measureId ? `${kpi.id}/${measureId}` : kpi.id).padEnd(58)} ${cells.join(' | ')}`);
    }
    report(
      `[kpi-latency] median of ${REPEATS} per cell, October 2026, ${events.length} events:\n${lines.join('\n')}`,
    );
  }, 600_000);
});

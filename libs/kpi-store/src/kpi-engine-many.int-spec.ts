import { KPI_CATALOG, type EvaluationOptions, type KpiDefinition } from '@libs/kpi';
import {
  KPI_SCENARIOS,
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  type EngineUnderTest,
} from '@libs/testing';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { ReferenceCountRepository } from './references/reference-count.repository';
import { referenceCountRows, storeEvents } from '../test/kpi-store-test-kit';

/**
 * evaluateManyEach (what the wall screens' waves read every tile with) against evaluateEach of each
 * KPI (which kpi-engine-each shows to be evaluate of each unit alone), on the ClickHouse 18.16 server and on chDB, over the raw tables and the
 * rollup: every KPI of the catalog and the median measures (the formula kind read unit by unit),
 * over every hand-checked scenario's events stored together, plus a commune holding every other
 * event again and one without any feed, in each scenario's window.
 */
const COPY = '26737';
const UNFED = '26743';
const DEFINITIONS: KpiDefinition[] = [
  ...KPI_CATALOG,
  ...KPI_CATALOG.flatMap((kpi) =>
    (kpi.measures ?? [])
      .filter((m) => m.formula.kind === 'median_delay')
      .map((m) => ({ ...kpi, id: `${kpi.id}/${m.id}`, formula: m.formula, unit: m.unit })),
  ),
];
const EVENTS = KPI_SCENARIOS.flatMap((s, i) =>
  s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` })),
);
const COPIES = EVENTS.filter((_, i) => i % 2 === 0).map((e) => ({
  ...e,
  eventId: `copy-${e.eventId}`,
  unitCode: COPY,
}));
const UNITS = [...new Set([...EVENTS.map((e) => e.unitCode), COPY, UNFED])];
const WINDOWS: EvaluationOptions[] = [
  ...new Map(
    KPI_SCENARIOS.map(({ options: { range, asOf } }) => [
      `${range.start.toISOString()} ${range.end.toISOString()} ${asOf.toISOString()}`,
      { unitCodes: UNITS, range, asOf },
    ]),
  ).values(),
];

describe('evaluateManyEach on ClickHouse 18.16 and on chDB', () => {
  let engines: EngineUnderTest[];

  beforeAll(async () => {
    engines = [openServerEngine('kpi_many'), openEmbeddedEngine('kpi_many')];
    const counts = KPI_SCENARIOS.flatMap(({ options: { references } }) => referenceCountRows(references));
    await Promise.all(
      engines.map(async (engine) => {
        await migrateEngine(engine);
        await storeEvents(engine.store, [...EVENTS, ...COPIES]);
        await new ReferenceCountRepository(engine.store).upsert(counts);
      }),
    );
  }, 120_000);
  afterAll(() => Promise.all(engines.map(closeEngine)));

  it.each([0, 1])(
    'engine %i: what evaluateEach answers for each KPI, raw and rollup',
    async (index) => {
      const { store } = engines[index];
      const measured = new Set<string>();
      for (const engine of [
        new ClickHouseKpiEngine(store, { rollups: false }),
        new ClickHouseKpiEngine(store),
      ]) {
        for (const window of WINDOWS) {
          const many = await engine.evaluateManyEach(DEFINITIONS, window);
          expect(many).toHaveLength(DEFINITIONS.length);
          const each = await Promise.all(
            DEFINITIONS.map((definition) => engine.evaluateEach(definition, window)),
          );
          DEFINITIONS.forEach((definition, i) => {
            expect([...many[i].keys()]).toEqual(UNITS);
            expect([definition.id, many[i]]).toEqual([definition.id, each[i]]);
            for (const evaluation of each[i].values())
              if (evaluation.value !== null && evaluation.value !== 0) measured.add(definition.formula.kind);
          });
        }
      }
      // Figures of every formula kind were there to compare, not only empty ones.
      expect(measured).toEqual(new Set(DEFINITIONS.map((d) => d.formula.kind)));
    },
    240_000,
  );
});

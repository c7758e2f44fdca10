import * as fc from 'fast-check';
import type { AnalyticsStore } from '@libs/clickhouse';
import {
  KPI_CATALOG,
  type EvaluationOptions,
  type KpiDefinition,
  type KpiEvent,
  type KpiFormula,
} from '@libs/kpi';
import {
  CHILDREN,
  JUNE,
  KPI_SCENARIOS,
  OUTSIDER,
  closeEngine,
  eventsFor,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  optionsFor,
  type EngineUnderTest,
} from '@libs/testing';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { backfillNewKpiInputs, rebuildKpiInputs } from './inputs/kpi-input.repository';
import { ReferenceCountRepository } from './references/reference-count.repository';
import { referenceCountRows, storeEvents } from '../test/kpi-store-test-kit';

/**
 * The dialect test of the KPI engine: every KPI and measure of the catalog (so every formula kind),
 * over the raw tables and over the rollup, for a commune, a district and a province, and every
 * declared breakdown, from the same stored events on the ClickHouse 18.16 server and on chDB: the
 * same answers, and after the rollup was rebuilt and backfilled on each, the same again. (That
 * the engine answers what the reference evaluator computes is the property tests' job.)
 */
interface Target {
  kpi: KpiDefinition;
  measureId?: string;
  formula: KpiFormula;
}

const TARGETS: Target[] = KPI_CATALOG.flatMap((kpi) => [
  { kpi, formula: kpi.formula },
  ...(kpi.measures ?? []).map((m) => ({ kpi, measureId: m.id, formula: m.formula })),
]);
const label = (t: Target) => (t.measureId ? `${t.kpi.id} / ${t.measureId}` : t.kpi.id);

/**
 * One generated history per target (fixed seed; ids kept apart, so a repeat stays a repeat), plus
 * every hand-checked scenario. Together they also hold what no contract admits (a dossier without
 * its due date), where engines are most apt to differ.
 */
const EVENTS: KpiEvent[] = [
  ...TARGETS.flatMap((target, i) =>
    fc
      .sample(eventsFor(target.formula, true), { numRuns: 1, seed: 1116 + i })[0]
      .map((e) => ({ ...e, eventId: `t${i}-${e.eventId}` })),
  ),
  ...KPI_SCENARIOS.flatMap((s, i) => s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` }))),
];

/** The rollup is rebuilt over a week: every statement runs, without a day-by-day pass over two years. */
const WEEK_MS = 7 * 86_400_000;
const EARLIEST = Math.min(...EVENTS.map((e) => Date.parse(e.occurredAt)));

const COMMUNE = [CHILDREN[0]];
const DISTRICT = [...CHILDREN];
const PROVINCE = [...CHILDREN, OUTSIDER];

/** The options the engine gets from the gateway: reference counts read from the store. */
function storedOptions(target: Target, unitCodes: readonly string[]): EvaluationOptions {
  const { range, asOf } = optionsFor(target.formula, unitCodes);
  return { unitCodes, range, asOf };
}

/** Each target on one engine: the raw tables at a district, the rollup at the province, breakdowns. */
async function answersOf(store: AnalyticsStore, rollupOnly = false): Promise<Record<string, unknown>> {
  const raw = new ClickHouseKpiEngine(store, { rollups: false });
  const rollup = new ClickHouseKpiEngine(store);
  const answers: Record<string, unknown> = {};
  for (const target of TARGETS) {
    const evaluate = (engine: ClickHouseKpiEngine, unitCodes: readonly string[]) =>
      engine.evaluate(target.kpi, storedOptions(target, unitCodes), target.measureId);
    answers[`${label(target)} province rollup`] = await evaluate(rollup, PROVINCE);
    if (rollupOnly) continue;
    answers[`${label(target)} district raw`] = await evaluate(raw, DISTRICT);
    if (target.measureId) continue;
    for (const field of target.kpi.breakdowns ?? [])
      answers[`${label(target)} commune by ${field}`] = await raw.breakdown(
        target.kpi,
        storedOptions(target, COMMUNE),
        field,
      );
  }
  return answers;
}

describe('the KPI engine on ClickHouse 18.16 and on chDB', () => {
  let engines: EngineUnderTest[];
  let before: Record<string, unknown>;

  beforeAll(async () => {
    engines = [openServerEngine('kpi_dialect'), openEmbeddedEngine('kpi_dialect')];
    const { references } = optionsFor(TARGETS[0].formula, PROVINCE);
    const counts = referenceCountRows(references);
    await Promise.all(
      engines.map(async (engine) => {
        await migrateEngine(engine);
        await storeEvents(engine.store, EVENTS);
        await new ReferenceCountRepository(engine.store).upsert(counts);
      }),
    );
  }, 120_000);
  afterAll(() => Promise.all(engines.map(closeEngine)));

  it('answers every KPI, measure, scope and breakdown alike, with something measured of each formula kind', async () => {
    const [server, embedded] = await Promise.all(engines.map((engine) => answersOf(engine.store)));
    expect(embedded).toEqual(server);
    const measured = TARGETS.filter(
      (t) => (server[`${label(t)} province rollup`] as { numerator: number | null }).numerator,
    );
    expect(new Set(measured.map((t) => t.formula.kind))).toEqual(new Set(TARGETS.map((t) => t.formula.kind)));
    before = server;
  }, 240_000);

  it('rebuilds and backfills the rollup alike, and answers the same afterwards', async () => {
    const reports = await Promise.all(
      engines.map(async ({ store }) => {
        const rebuilt = await rebuildKpiInputs(store, JUNE.start, new Date(JUNE.start.getTime() + WEEK_MS));
        const backfilled = await backfillNewKpiInputs(store, new Date(EARLIEST + WEEK_MS));
        return { rebuilt, backfilled };
      }),
    );
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0].rebuilt.rows).toBeGreaterThan(0);
    const rolledUp = Object.fromEntries(
      Object.entries(before).filter(([key]) => key.endsWith('province rollup')),
    );
    expect(await answersOf(engines[1].store, true)).toEqual(rolledUp);
  }, 240_000);
});

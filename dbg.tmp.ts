import * as fc from 'fast-check';
import { KPI_CATALOG, findKpi, type KpiEvent } from '@libs/kpi';
import { CHILDREN, KPI_SCENARIOS, OUTSIDER, eventsFor, migrateEngine, openEmbeddedEngine, openServerEngine, closeEngine, optionsFor } from '@libs/testing';
import { storeEvents } from './libs/kpi-store/test/kpi-store-test-kit';
import { openOverdueSql } from './libs/kpi-store/src/sql/kpi-query.sql';
const TARGETS = KPI_CATALOG.flatMap((kpi) => [{ kpi, formula: kpi.formula }, ...(kpi.measures ?? []).map((m) => ({ kpi, formula: m.formula }))]);
const EVENTS: KpiEvent[] = [
  ...TARGETS.flatMap((t, i) => fc.sample(eventsFor(t.formula, true), { numRuns: 1, seed: 1116 + i })[0].map((e) => ({ ...e, eventId: `t${i}-${e.eventId}` }))),
  ...KPI_SCENARIOS.flatMap((s, i) => s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` }))),
];
(async () => {
  const kpi = findKpi('dossiers_overdue_open')!;
  const f = kpi.formula as any;
  const opts = optionsFor(f, [...CHILDREN, OUTSIDER]);
  const q = openOverdueSql(f, [...CHILDREN, OUTSIDER], Math.floor(opts.asOf.getTime() / 1000)).text;
  console.log(q);
  const inner = q.replace(/^SELECT unit_code, split, count\(\) AS n FROM \(/, 'SELECT * FROM (').replace(/GROUP BY unit_code, split$/, 'ORDER BY unit_code');
  for (const open of [openServerEngine, openEmbeddedEngine]) {
    const e = open('dbg');
    await migrateEngine(e);
    await storeEvents(e.store, EVENTS);
    console.log(e.name, JSON.stringify(await (await e.store.query({ query: q, format: 'JSONEachRow' })).json()));
    console.log(e.name, JSON.stringify(await (await e.store.query({ query: inner, format: 'JSONEachRow' })).json()));
    await closeEngine(e);
  }
})().catch((e) => { console.error(e); process.exit(1); });

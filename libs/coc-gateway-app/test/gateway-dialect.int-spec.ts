import { localYearRange } from '@libs/admin-units';
import type { ClickHouseConnection } from '@libs/clickhouse';
import {
  CameraAlertAcknowledged,
  CameraAlertRaised,
  CongestionEnded,
  CongestionStarted,
  exampleEnvelope,
} from '@libs/contracts';
import {
  KPI_SCENARIOS,
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  storeRawEvents,
  type EngineUnderTest,
} from '@libs/testing';
import { ClickHouseEventCounts } from '../src/event-counts/clickhouse-event-counts.repository';
import { ClickHouseFeedFreshness } from '../src/kpi/clickhouse-feed-freshness.repository';
import { ClickHouseCameraAlerts } from '../src/live/clickhouse-camera-alerts.repository';

/**
 * The dialect test of coc-gateway's own reads (event counts, feed freshness, camera alerts; KPIs
 * are kpi-engine-dialect's): the same raw events stored twice on the ClickHouse 18.16 server and
 * on chDB, read through the gateway's repositories: the same answers.
 */
const COMMUNE = '26734';
const camera = (n: number) => {
  const alert = `AL-${n}`;
  const at = (minute: number) => `2026-11-23T21:${String(minute).padStart(2, '0')}:00+07:00`;
  const ids = { eventId: `a${n}`, unitCode: COMMUNE, occurredAt: at(n), producedAt: at(n) };
  const raised = exampleEnvelope(CameraAlertRaised, {
    ...ids,
    eventId: `raised-${n}`,
    payload: {
      ...CameraAlertRaised.example.payload,
      alertId: alert,
      severity: n % 2 ? 'warning' : 'critical',
    },
  });
  const acknowledged = exampleEnvelope(CameraAlertAcknowledged, {
    ...ids,
    eventId: `ack-${n}`,
    occurredAt: at(n + 1),
    payload: { ...CameraAlertAcknowledged.example.payload, alertId: alert },
  });
  const started = exampleEnvelope(CongestionStarted, {
    ...ids,
    eventId: `started-${n}`,
    payload: { ...CongestionStarted.example.payload, congestionId: `UT-${n}` },
  });
  const ended = exampleEnvelope(CongestionEnded, {
    ...ids,
    eventId: `ended-${n}`,
    occurredAt: at(n + 2),
    payload: { ...CongestionEnded.example.payload, congestionId: `UT-${n}` },
  });
  // Every third alert acknowledged, every other congestion over.
  return [raised, started, ...(n % 3 === 0 ? [acknowledged] : []), ...(n % 2 === 0 ? [ended] : [])];
};
const EVENTS = [
  ...KPI_SCENARIOS.flatMap((s, i) => s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` }))),
  ...[1, 2, 3, 4, 5, 6, 7].flatMap(camera),
];
const UNITS = [...new Set(EVENTS.map((e) => e.unitCode))].sort();
const AS_OF = new Date('2026-12-01T00:00:00+07:00');

async function answersOf(engine: EngineUnderTest) {
  // Twice: a redelivered event counts once, on either engine.
  await storeRawEvents(engine.store, EVENTS, AS_OF);
  await storeRawEvents(engine.store, EVENTS, AS_OF);
  const connection = { store: engine.store } as ClickHouseConnection;
  const counts = new ClickHouseEventCounts(connection);
  const feeds = new ClickHouseFeedFreshness(connection);
  const freshness = await feeds.latestBySource(UNITS, AS_OF);
  const alerts = new ClickHouseCameraAlerts(connection);
  const since = new Date('2026-11-23T21:00:00+07:00');
  const until = new Date('2026-11-23T21:30:00+07:00');
  const unitsAndOne = [...UNITS, '99999'];
  // The batched reads of the wall screens: each unit's share is its own read's answer.
  const freshnessEach = await feeds.latestBySourceEach(unitsAndOne, AS_OF);
  const situationEach = await alerts.situationEach(unitsAndOne, since, until, 5);
  for (const unit of unitsAndOne) {
    const alone = await feeds.latestBySource([unit], AS_OF);
    expect(freshnessEach.get(unit) ?? new Map()).toEqual(alone);
    expect(situationEach.get(unit)).toEqual(await alerts.situation([unit], since, until, 5));
  }
  return {
    freshnessEach: [...freshnessEach.entries()]
      .map(([unit, latest]) => [unit, [...latest.entries()].sort()])
      .sort(),
    situationEach: [...situationEach.entries()].sort(),
    counts: await Promise.all(
      ['2025', '2026'].map((year) => counts.countByType(COMMUNE, localYearRange(year))),
    ),
    countsOfTypes: await counts.countByType(COMMUNE, localYearRange('2026'), [CameraAlertRaised.type]),
    freshness: [...freshness.entries()].sort(),
    // The half hour of the camera events above only.
    situation: await alerts.situation([COMMUNE], since, until, 5),
  };
}

describe("coc-gateway's reads on ClickHouse 18.16 and on chDB", () => {
  let engines: EngineUnderTest[];
  beforeAll(async () => {
    engines = [openServerEngine('gateway_dialect'), openEmbeddedEngine('gateway_dialect')];
    await Promise.all(engines.map(migrateEngine));
  });
  afterAll(() => Promise.all(engines.map(closeEngine)));

  it('counts events, reports feed freshness (also unit by unit) and pairs camera alerts alike', async () => {
    const [server, embedded] = await Promise.all(engines.map(answersOf));
    expect(embedded).toEqual(server);
    expect(server.counts.flat().length).toBeGreaterThan(1);
    const year = localYearRange('2026');
    const raised2026 = EVENTS.filter(
      (e) =>
        e.type === CameraAlertRaised.type &&
        e.unitCode === COMMUNE &&
        Date.parse(e.occurredAt) >= year.start.getTime() &&
        Date.parse(e.occurredAt) < year.end.getTime(),
    );
    const count = new Set(raised2026.map((e) => e.eventId)).size;
    expect(server.countsOfTypes).toEqual([{ type: CameraAlertRaised.type, count }]);
    expect(server.freshness.map(([source]) => source)).toContain('camera');
    expect(server.situation).toMatchObject({ alertsRaised: 7, alertsUnacknowledged: 5 });
    expect(server.situation.alerts).toHaveLength(5);
    expect(server.situation.congestions.map((c) => c.congestionId)).toEqual(['UT-7', 'UT-5', 'UT-3', 'UT-1']);
    expect(server.freshnessEach.length).toBeGreaterThan(1);
  }, 120_000);
});

import { setTimeout as sleep } from 'node:timers/promises';
import { simulateCommune } from '@libs/connector-sdk';
import {
  DossierReceived,
  exampleEnvelope,
  ReportDue,
  ReportSubmitted,
  type EventEnvelope,
} from '@libs/contracts';
import { localDateOf, localDayRange } from '@libs/admin-units';
import {
  evaluateKpi,
  evaluateMeasure,
  findKpi,
  KPI_CATALOG,
  KPI_CORRELATIONS,
  kpiInputRowsOf,
  type EvaluationOptions,
  type KpiInputEvent,
  type KpiInputRow,
} from '@libs/kpi';
import { ClickHouseKpiEngine } from '@libs/kpi-store';
import { bearer, eventually, report, testKey } from '@libs/testing';
import { everyKpi, Level, untilDelivered, upstreamKeyOf } from './sync-test-kit';

/**
 * Two communes reporting straight to their province (the map since 1 July 2025: province 25 →
 * 26734, 26740), today's and yesterday's traffic, with the communes' and the province's ioc-sync
 * killed (SIGKILL) again and again while batches are in flight.
 */
const A = '26734';
const B = '26740';
const KPI = 'tthc_dossiers_on_central_onestop_pct';
const DAY_MS = 86_400_000;
const REFERENCES = {
  qlvb_officials: { [A]: 40, [B]: 35 },
  reporting_agencies: { [A]: 6, [B]: 5 },
};

interface RollupPage {
  cursor: number;
  more: boolean;
  rows: {
    unitCode: string;
    date: string;
    kpiId: string;
    numerator: number | null;
    denominator: number | null;
  }[];
}

describe('upward sync: two communes and a province', () => {
  const started = new Date();
  const yesterday = localDateOf(new Date(started.getTime() - DAY_MS));
  const today = localDateOf(started);
  const window = { start: localDayRange(yesterday).start, end: localDayRange(today).end };
  const eventsOf: Record<string, EventEnvelope[]> = Object.fromEntries(
    [A, B].map((unitCode, seed) => [
      unitCode,
      simulateCommune({
        unitCode,
        from: window.start,
        to: new Date(started.getTime() - 60_000),
        seed: 10 + seed,
        now: started,
      }),
    ]),
  );
  const viewer = testKey('viewer-25', 'viewer', ['25']);
  const communeViewer = testKey(`viewer-${A}`, 'viewer', [A]);
  let province: Level;
  const communes: Record<string, Level> = {};

  beforeAll(async () => {
    province = await new Level(
      'province',
      '25',
      [],
      [upstreamKeyOf(A), upstreamKeyOf(B), viewer, communeViewer],
    ).start();
    for (const unit of [A, B]) communes[unit] = await new Level('commune', unit, [province.sync.url]).start();
  }, 180_000);

  afterAll(async () => {
    for (const level of [...Object.values(communes), province]) await level?.stop();
  });

  const pull = async (query: string): Promise<{ status: number; body: RollupPage }> => {
    const res = await fetch(`${province.sync.url}/api/v1/ioc/units/25/rollups?${query}`, {
      headers: bearer(viewer.secret),
    });
    return { status: res.status, body: (await res.json()) as RollupPage };
  };

  it('loses and doubles nothing when ioc-sync is killed again and again during delivery', async () => {
    const chunks = 4;
    for (let i = 0; i < chunks; i++) {
      for (const unit of [A, B]) {
        const all = eventsOf[unit];
        await communes[unit].publish(
          all.slice(Math.floor((i * all.length) / chunks), Math.floor(((i + 1) * all.length) / chunks)),
        );
      }
      await sleep(300 + 200 * i);
      await communes[A].sync.kill();
      if (i % 2 === 1) await communes[B].sync.kill();
      if (i === 2) await province.sync.kill();
      if (i === 2) await province.restartSync();
      await communes[A].restartSync();
      if (i % 2 === 1) await communes[B].restartSync();
    }
    for (const unit of [A, B]) {
      await untilDelivered(
        communes[unit],
        province,
        new Set(eventsOf[unit].map((e) => e.eventId)).size,
        120_000,
      );
    }
    // Every batch of each origin applied once, in order, none skipped.
    const applied = await province.rows<{ origin: string; n: string; top: string }>(
      'SELECT origin, uniqExact(seq) AS n, max(seq) AS top FROM sync_applied GROUP BY origin ORDER BY origin',
    );
    expect(applied.map((r) => r.origin)).toEqual([A, B]);
    for (const row of applied) expect(Number(row.n)).toBe(Number(row.top));

    const union = [...eventsOf[A], ...eventsOf[B]];
    // Whole seconds: the resolution the store keeps instants at.
    const asOf = new Date(Math.floor(Date.now() / 1000) * 1000);
    for (const date of [yesterday, today]) {
      const options: EvaluationOptions = {
        unitCodes: [A, B],
        range: localDayRange(date),
        asOf,
        references: REFERENCES,
      };
      const expected = KPI_CATALOG.flatMap((kpi) => [
        evaluateKpi(kpi, union, options),
        ...(kpi.measures ?? []).map((m) => evaluateMeasure(kpi, m.id, union, options)),
      ]);
      expect(await everyKpi(province.db, options)).toEqual(expected);
    }
    const status = await communes[A].status();
    report(
      `[ioc-sync] ${A}: ${eventsOf[A].length} events since ${yesterday} 00:00; the last run of ioc-sync sent ${status.bytesSent} compressed bytes`,
    );
  }, 300_000);

  it('serves changes since a cursor, paginated, and a late event corrects yesterday upstream', async () => {
    // Walk every page from the start, a few changes at a time.
    const seen = new Set<string>();
    let cursor = 0;
    for (let more = true; more;) {
      const page = await pull(`kpi=${KPI}&from=${yesterday}&to=${today}&since=${cursor}&limit=1`);
      expect(page.status).toBe(200);
      for (const row of page.body.rows) seen.add(`${row.unitCode}|${row.date}`);
      expect(page.body.cursor).toBeGreaterThanOrEqual(cursor);
      more = page.body.more;
      cursor = page.body.cursor;
    }
    // An event changes its occurrence day, every day its KPI inputs are placed on (a due date), and
    // the days of the main rows it correlates with (a submission, its report's due day).
    const changedDays = new Set(
      [A, B].flatMap((unit) => {
        const rows = eventsOf[unit].flatMap((e) => kpiInputRowsOf(e as KpiInputEvent));
        const dayOf = (row: KpiInputRow) => localDateOf(new Date(row.bucket * 1000));
        return eventsOf[unit].flatMap((e) => {
          const correlated = KPI_CORRELATIONS.filter((c) => c.type === e.type).flatMap((c) =>
            rows.filter((r) => r.input_id === c.mainInputId && r.member === String(e.payload[c.key])),
          );
          const placed = [...kpiInputRowsOf(e as KpiInputEvent), ...correlated]
            .map(dayOf)
            .filter((date) => date >= yesterday && date <= today);
          return [localDateOf(new Date(e.occurredAt)), ...placed].map((date) => `${unit}|${date}`);
        });
      }),
    );
    expect([...seen].sort()).toEqual([...changedDays].sort());
    const idle = await pull(`kpi=${KPI}&from=${yesterday}&to=${today}&since=${cursor}`);
    expect(idle.body.rows).toEqual([]);

    const engine = new ClickHouseKpiEngine(province.db);
    const kpi = findKpi(KPI)!;
    const yesterdayAt = (db: Level) =>
      new ClickHouseKpiEngine(db.db).evaluate(kpi, {
        unitCodes: [A],
        range: localDayRange(yesterday),
        asOf: new Date(),
      });
    const before = await engine.evaluate(kpi, {
      unitCodes: [A],
      range: localDayRange(yesterday),
      asOf: new Date(),
    });
    const late = exampleEnvelope(DossierReceived, {
      eventId: `late-${A}-${started.getTime()}`,
      unitCode: A,
      occurredAt: `${yesterday}T10:00:00+07:00`,
      producedAt: new Date().toISOString(),
      payload: {
        dossierId: `LATE-${started.getTime()}`,
        procedureCode: '1.001234',
        channel: 'online',
        onCentralOneStop: true,
        dueAt: `${today}T17:00:00+07:00`,
      },
    });
    await communes[A].publish([late]);
    await eventually(
      async () => {
        const after = await yesterdayAt(province);
        expect(after.denominator).toBe((before.denominator ?? 0) + 1);
        expect(after).toEqual({ ...(await yesterdayAt(communes[A])), asOf: after.asOf });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // The change shows in the province's own outbox (its change log) once its next batch takes it in.
    let afterLate = cursor;
    await eventually(
      async () => {
        const changes = await pull(`kpi=${KPI}&from=${yesterday}&to=${today}&since=${cursor}`);
        afterLate = changes.body.cursor;
        expect(changes.body.rows).toEqual([
          expect.objectContaining({
            unitCode: A,
            date: yesterday,
            numerator: (before.numerator ?? 0) + 1,
            denominator: (before.denominator ?? 0) + 1,
          }),
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    // A report owed yesterday, announced today: it changes yesterday (its due day), not today.
    const REPORTS = 'reports_submitted_on_time_pct';
    const reportsYesterday = () =>
      engine.evaluate(findKpi(REPORTS)!, {
        unitCodes: [A],
        range: localDayRange(yesterday),
        asOf: new Date(),
      });
    const owedBefore = await reportsYesterday();
    const due = exampleEnvelope(ReportDue, {
      eventId: `due-${A}-${started.getTime()}`,
      unitCode: A,
      // Whole seconds: the resolution the store keeps instants at.
      occurredAt: new Date(Math.floor(started.getTime() / 1000) * 1000 - 60_000).toISOString(),
      producedAt: new Date().toISOString(),
      payload: {
        reportId: `LATE-DUE-${started.getTime()}`,
        regimeCode: 'KTXH-THANG',
        period: yesterday.slice(0, 7),
        dueAt: `${yesterday}T17:00:00+07:00`,
      },
    });
    await communes[A].publish([due]);
    // A's latest reporting event now, as the completeness view will show it.
    eventsOf[A].push(due);
    let afterDue = afterLate;
    await eventually(
      async () => {
        const changes = await pull(`kpi=${REPORTS}&from=${yesterday}&to=${today}&since=${afterLate}`);
        afterDue = changes.body.cursor;
        expect(changes.body.rows).toContainEqual(
          expect.objectContaining({
            unitCode: A,
            date: yesterday,
            numerator: owedBefore.numerator ?? 0,
            denominator: (owedBefore.denominator ?? 0) + 1,
          }),
        );
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    // Its submission, the day before yesterday, arriving now: it changes yesterday, the due day.
    const dayBefore = localDateOf(new Date(started.getTime() - 2 * DAY_MS));
    const submitted = exampleEnvelope(ReportSubmitted, {
      eventId: `submitted-${A}-${started.getTime()}`,
      unitCode: A,
      occurredAt: `${dayBefore}T10:00:00+07:00`,
      producedAt: new Date().toISOString(),
      payload: {
        reportId: due.payload.reportId,
        regimeCode: due.payload.regimeCode,
        period: due.payload.period,
        viaSystem: true,
        agencyCode: '000.07.33.H29',
      },
    });
    await communes[A].publish([submitted]);
    let afterSubmitted = afterDue;
    await eventually(
      async () => {
        const changes = await pull(`kpi=${REPORTS}&from=${yesterday}&to=${today}&since=${afterDue}`);
        afterSubmitted = changes.body.cursor;
        expect(changes.body.rows).toEqual([
          expect.objectContaining({
            unitCode: A,
            date: yesterday,
            numerator: (owedBefore.numerator ?? 0) + 1,
            denominator: (owedBefore.denominator ?? 0) + 1,
          }),
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    // A dossier received yesterday morning, due at noon and still open, arriving now: a state KPI,
    // so it moves yesterday and every day after it (today), not only the day it occurred on.
    const OVERDUE = 'dossiers_overdue_open';
    const overdueOn = (date: string) =>
      engine.evaluate(findKpi(OVERDUE)!, { unitCodes: [A], range: localDayRange(date), asOf: new Date() });
    const overdueBefore = { [yesterday]: await overdueOn(yesterday), [today]: await overdueOn(today) };
    const stuck = exampleEnvelope(DossierReceived, {
      eventId: `stuck-${A}-${started.getTime()}`,
      unitCode: A,
      occurredAt: `${yesterday}T08:00:00+07:00`,
      producedAt: new Date().toISOString(),
      payload: {
        dossierId: `STUCK-${started.getTime()}`,
        procedureCode: '1.001234',
        channel: 'online',
        onCentralOneStop: true,
        dueAt: `${yesterday}T12:00:00+07:00`,
      },
    });
    await communes[A].publish([stuck]);
    await eventually(
      async () => {
        const changes = await pull(`kpi=${OVERDUE}&from=${yesterday}&to=${today}&since=${afterSubmitted}`);
        expect(changes.body.rows.map((r) => r.date)).toEqual([yesterday, today]);
        for (const row of changes.body.rows) {
          // The simulated traffic may turn more dossiers overdue meanwhile: at least this one more.
          expect(row.unitCode).toBe(A);
          expect(row.numerator).toBeGreaterThanOrEqual((overdueBefore[row.date].numerator ?? 0) + 1);
        }
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }, 180_000);

  it('shows for each commune and source when it last sent and that it is complete', async () => {
    const res = await fetch(`${province.sync.url}/api/v1/ioc/units/25/completeness`, {
      headers: bearer(viewer.secret),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      children: {
        unitCode: string;
        state: string;
        feeds: { source: string; live: { lastEventAt: string }; complete: { state: string } }[];
      }[];
    };
    // The old communes merged into 26734 and 26740 are children too; they send nothing, and show as silent.
    expect(body.children.map((c) => [c.unitCode, c.feeds.length > 0 ? 'fed' : c.state])).toEqual([
      [A, 'fed'],
      ['26737', 'silent'],
      [B, 'fed'],
      ['26743', 'silent'],
    ]);
    for (const child of body.children.filter((c) => c.feeds.length > 0)) {
      // Simulated traffic follows office hours: at night a commune is complete but not live.
      expect(['complete', 'silent']).toContain(child.state);
      const latest = new Map<string, string>();
      for (const e of eventsOf[child.unitCode]) {
        const at = new Date(e.occurredAt).toISOString();
        if (at > (latest.get(e.source) ?? '')) latest.set(e.source, at);
      }
      expect(child.feeds.map((f) => f.source).sort()).toEqual([...latest.keys()].sort());
      for (const feed of child.feeds) {
        expect(feed.complete.state).toBe('complete');
        expect(feed.live.lastEventAt).toBe(latest.get(feed.source));
      }
    }
  });

  it("answers 401 without a credential and 403 for a commune outside the caller's subtree", async () => {
    const completeness = (unit: string, headers: Record<string, string> = {}) =>
      fetch(`${province.sync.url}/api/v1/ioc/units/${unit}/completeness`, { headers }).then((r) => r.status);
    expect(await completeness(A)).toBe(401);
    expect(await completeness(A, bearer('coc_not-a-key'))).toBe(401);
    expect(await completeness(A, bearer(communeViewer.secret))).toBe(200);
    expect(await completeness(B, bearer(communeViewer.secret))).toBe(403);
    expect(await completeness('25', bearer(communeViewer.secret))).toBe(403);
    // A child's upstream key sends batches; it reads only its own unit, and no status.
    expect(await completeness(B, bearer(upstreamKeyOf(A).secret))).toBe(403);
    const status = await fetch(`${province.sync.url}/api/v1/sync/status`, { headers: bearer(viewer.secret) });
    expect(status.status).toBe(403);
    expect((await fetch(`${province.sync.url}/health`)).status).toBe(200);
  });
});

import { simulateCommune } from '@libs/connector-sdk';
import type { ClickHouseConnection } from '@libs/clickhouse';
import type { EventEnvelope } from '@libs/contracts';
import { localMonthRange } from '@libs/admin-units';
import { evaluateKpi, evaluateMeasure, KPI_CATALOG, type EvaluationOptions } from '@libs/kpi';
import { bearer, eventually, report } from '@libs/testing';
import { ClickHouseOutbox } from '../src/outbox/clickhouse-outbox';
import { ClickHouseReceiverStore } from '../src/receiver/clickhouse-receiver-store';
import { LinkProxy } from './link-proxy';
import { everyKpi, Level, untilDelivered, upstreamKeyOf } from './sync-test-kit';

/**
 * Two communes and their district under the old map (June 2025: district 248 → 26734, 26737),
 * each with its own database and topics, the communes' events going through Kafka and the built
 * ingest, each commune reaching the district over two links (TCP proxies the test cuts).
 */
const A = '26734';
const B = '26737';
const JUNE = localMonthRange('2025-06');
const NOW = new Date('2025-07-01T09:00:00+07:00');
const REFERENCES = {
  qlvb_officials: { [A]: 40, [B]: 35 },
  reporting_agencies: { [A]: 6, [B]: 5 },
};

const simulate = (unitCode: string, seed: number) =>
  simulateCommune({
    unitCode,
    from: new Date('2025-06-10T00:00:00+07:00'),
    to: new Date('2025-06-12T23:59:59+07:00'),
    seed,
    now: NOW,
  });
const eventsOf: Record<string, EventEnvelope[]> = { [A]: simulate(A, 1), [B]: simulate(B, 2) };
const thirds = (unit: string) => {
  const all = eventsOf[unit];
  const cut = [Math.floor(all.length / 3), Math.floor((2 * all.length) / 3)];
  return [all.slice(0, cut[0]), all.slice(cut[0], cut[1]), all.slice(cut[1])];
};
const distinct = (events: readonly { eventId: string }[]) => new Set(events.map((e) => e.eventId)).size;

describe('upward sync: two communes and a district, two links each', () => {
  let district: Level;
  const communes: Record<string, Level> = {};
  const links: Record<string, LinkProxy[]> = {};

  beforeAll(async () => {
    district = await new Level('district', '248', [], [upstreamKeyOf(A), upstreamKeyOf(B)]).start();
    const port = Number(new URL(district.sync.url).port);
    for (const unit of [A, B]) {
      links[unit] = [await LinkProxy.start(port), await LinkProxy.start(port)];
      communes[unit] = await new Level(
        'commune',
        unit,
        links[unit].map((l) => l.url),
      ).start();
    }
  }, 180_000);

  afterAll(async () => {
    for (const proxy of Object.values(links).flat()) await proxy.cut();
    for (const level of [...Object.values(communes), district]) await level?.stop();
  });

  it('switches links, catches up after both are cut, and equals the KPIs over the union of events', async () => {
    const phases: Record<string, EventEnvelope[][]> = { [A]: thirds(A), [B]: thirds(B) };
    const sent = (unit: string, upTo: number) => distinct(phases[unit].slice(0, upTo + 1).flat());

    for (const unit of [A, B]) await communes[unit].publish(phases[unit][0]);
    for (const unit of [A, B]) await untilDelivered(communes[unit], district, sent(unit, 0));

    // Link 1 of commune A goes down while events keep flowing: traffic moves to link 2.
    await links[A][0].cut();
    const beforeSwitch = links[A][1].bytesUp;
    for (const unit of [A, B]) await communes[unit].publish(phases[unit][1]);
    for (const unit of [A, B]) await untilDelivered(communes[unit], district, sent(unit, 1));
    const statusA = await communes[A].status();
    expect(statusA.links[0].failures).toBeGreaterThan(0);
    expect(statusA.links[1].requests).toBeGreaterThan(0);
    expect(links[A][1].bytesUp).toBeGreaterThan(beforeSwitch);

    // Both links of both communes down for a while; the communes keep storing.
    await links[A][1].cut();
    for (const proxy of links[B]) await proxy.cut();
    for (const unit of [A, B]) await communes[unit].publish(phases[unit][2]);
    for (const unit of [A, B]) {
      await expectEventually(async () =>
        expect(await communes[unit].storedEvents([unit])).toBe(sent(unit, 2)),
      );
    }
    // The commune's /metrics says the upstream lacks batches, how old they are, and that both links fail.
    await expectEventually(async () => {
      expect(
        await communes[A].metric('coc_ioc_sync_outbox_pending_batches', `origin="${A}"`),
      ).toBeGreaterThan(0);
      expect(await communes[A].metric('coc_ioc_sync_lag_seconds', `child="${A}"`)).toBeGreaterThanOrEqual(1);
      for (const link of links[A]) {
        expect(await communes[A].metric('coc_ioc_sync_link_up', `link="${link.url}"`)).toBe(0);
      }
    });
    const storedBeforeRestore = Math.floor(Date.now() / 1000);
    expect(await district.storedEvents([A])).toBe(sent(A, 1));
    expect(await district.storedEvents([B])).toBe(sent(B, 1));
    const restoreStarted = Date.now();
    for (const proxy of Object.values(links).flat()) await proxy.restore();
    for (const unit of [A, B]) await untilDelivered(communes[unit], district, sent(unit, 2));
    report(`[ioc-sync] both links restored: caught up in ${Date.now() - restoreStarted} ms`);
    for (const unit of [A, B]) {
      // Idle watermark batches keep coming (every second here): caught up means none left, now and then.
      await expectEventually(async () => {
        expect(await communes[unit].metric('coc_ioc_sync_outbox_pending_batches', `origin="${unit}"`)).toBe(
          0,
        );
        expect(await communes[unit].metric('coc_ioc_sync_lag_seconds', `child="${unit}"`)).toBe(0);
      });
      expect(await district.metric('coc_ioc_sync_lag_seconds', `child="${unit}"`)).toBeGreaterThanOrEqual(0);
      // Each commune has just vouched for all it stored: its watermarks at the district are fresh.
      const age = await district.metric('coc_ioc_sync_watermark_age_seconds', `child="${unit}"`);
      expect(age).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - storedBeforeRestore + 5);
    }

    // The district's KPIs over its communes = the reference evaluator over the union of both communes' events.
    const union = [...eventsOf[A], ...eventsOf[B]];
    const options: EvaluationOptions = { unitCodes: [A, B], range: JUNE, asOf: NOW, references: REFERENCES };
    const expected = KPI_CATALOG.flatMap((kpi) => [
      evaluateKpi(kpi, union, options),
      ...(kpi.measures ?? []).map((m) => evaluateMeasure(kpi, m.id, union, options)),
    ]);
    expect(await everyKpi(district.db, options)).toEqual(expected);
    for (const unit of [A, B]) {
      const one = { ...options, unitCodes: [unit] };
      expect(await everyKpi(district.db, one)).toEqual(await everyKpi(communes[unit].db, one));
    }

    // The watermarks say so: each commune vouches for all it stored before the links came back.
    for (const unit of [A, B]) {
      const marks = await district.rows<{ source: string; through: string }>(
        `SELECT source, toUInt32(argMax(complete_through, seq)) AS through FROM sync_marks WHERE unit_code = '${unit}' GROUP BY source`,
      );
      const sources = new Set(eventsOf[unit].map((e) => e.source));
      expect(marks.map((m) => m.source).sort()).toEqual([...sources].sort());
      for (const mark of marks) expect(Number(mark.through)).toBeGreaterThanOrEqual(storedBeforeRestore);
    }
  }, 240_000);

  it('changes nothing when the whole outbox is delivered again', async () => {
    const options: EvaluationOptions = { unitCodes: [A, B], range: JUNE, asOf: NOW, references: REFERENCES };
    const before = await everyKpi(district.db, options);
    const outbox = new ClickHouseOutbox({ store: communes[A].db } as ClickHouseConnection);
    const { seq: last } = await outbox.lastSeq();
    const store = new ClickHouseReceiverStore({ store: district.db } as ClickHouseConnection);
    for (let seq = 1; seq <= last; seq++) {
      const batch = await outbox.read({ from: seq, to: seq }, A);
      // Through the receiver's API: acknowledged as already applied.
      const res = await send(batch, upstreamKeyOf(A).secret);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { appliedThrough: number; decision: string };
      expect(answer.decision).toBe('already_applied');
      expect(answer.appliedThrough).toBeGreaterThanOrEqual(seq);
      // Past the sequence check, straight into storage: the facts are sets, so nothing counts twice.
      await store.apply(batch, Math.floor(Date.now() / 1000));
    }
    // The whole outbox again as one merged delivery, the way a backlog travels: the same.
    const whole = await outbox.read({ from: 1, to: last }, A);
    expect(whole).toMatchObject({ firstSeq: 1, seq: last });
    expect(new Set(whole.events.map((e) => e.eventId)).size).toBe(distinct(eventsOf[A]));
    const res = await send(whole, upstreamKeyOf(A).secret);
    expect(await res.json()).toMatchObject({ decision: 'already_applied' });
    await store.apply(whole, Math.floor(Date.now() / 1000));
    expect(await everyKpi(district.db, options)).toEqual(before);
    expect(await district.storedEvents([A])).toBe(distinct(eventsOf[A]));
  }, 120_000);

  it("refuses a batch without the child's key, or with a unit outside the key's scope", async () => {
    const outbox = new ClickHouseOutbox({ store: communes[A].db } as ClickHouseConnection);
    const batch = await outbox.read({ from: 1, to: 1 }, A);
    expect((await send(batch)).status).toBe(401);
    expect((await send(batch, upstreamKeyOf(B).secret)).status).toBe(403);
    // Not B: A's key covers B, merged into A on 1 July 2025. 26740 is outside it on every map.
    const mark = { unitCode: '26740', source: 'onestop', completeThrough: 0, rejected: 0, accepted: 0 };
    const smuggled = { ...batch, marks: [...batch.marks, mark] };
    expect((await send(smuggled, upstreamKeyOf(A).secret)).status).toBe(403);
    expect((await send(batch, upstreamKeyOf(A).secret)).status).toBe(200);
  });

  const send = (batch: unknown, key?: string) =>
    fetch(`${district.sync.url}/api/v1/sync/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? bearer(key) : {}) },
      body: JSON.stringify(batch),
    });
});

function expectEventually(assertion: () => Promise<void>): Promise<void> {
  return eventually(assertion, { timeoutMs: 60_000, intervalMs: 500 });
}

import {
  dossierStream,
  expectedDailyCounts,
  freePort,
  groupLag,
  previousMonthDays,
  report,
  seededRandom,
  startApp,
  type AppProcess,
} from '@libs/testing';
import {
  COMMUNES,
  IngestTestKit,
  activeParts,
  exactly,
  rollupDailyCounts,
  seconds,
  storedIds,
  timed,
  type OutgoingMessage,
} from './ingest-test-kit';

const EVENTS = 100_000;
const KILLS = 10;
/** Publishing is spread over this long, so the kills land while events stream in. */
const PUBLISH_SPAN_MS = 70_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The ingest process is SIGKILLed 10 times while 100k events (plus ~5 % re-published duplicates)
 * stream into a 3-partition topic, and restarted each time: half the kills at random moments,
 * half aimed (SIGSTOP, check, SIGKILL) at a moment when ClickHouse holds rows whose offsets are
 * not committed. Whatever was in flight is delivered again. Storage must still hold each event
 * exactly once by every count we read, before any merge: merges are stopped on both tables for
 * the whole test, so nothing here depends on deduplicating merges.
 */
describe('ingest crash safety and replay', () => {
  const kit = new IngestTestKit('crash');
  const stream = dossierStream({
    idPrefix: kit.id,
    count: EVENTS,
    units: COMMUNES,
    days: previousMonthDays(5),
    duplicateRatio: 0.05,
    seed: 20_261_123,
  });
  const expected = expectedDailyCounts(stream.messages);
  const random = seededRandom(42);
  const topic = kit.topic('onestop');
  const env = kit.ingestEnv({
    // Larger batches: fewer parts while merges are stopped.
    INGEST_BATCH_MIN_BYTES: String(1 << 20),
    INGEST_BATCH_MAX_WAIT_MS: '1000',
    INGEST_BATCH_MAX_BYTES_PER_PARTITION: String(1 << 20),
  });
  const startedAt = Date.now();
  let ingest: AppProcess | undefined;

  async function startIngest(overrides: Record<string, string> = {}): Promise<AppProcess> {
    const port = await freePort();
    return startApp('ingest', { ...env, ...overrides, INGEST_HTTP_PORT: String(port) }, port);
  }

  async function assertStoredExactlyOnce(): Promise<void> {
    const stored = await storedIds(kit, kit.id);
    expect(stored).toEqual(exactly(EVENTS, stored.physical));
    expect(await rollupDailyCounts(kit)).toEqual(expected);
    report(
      `[crash] ${stored.distinct} distinct ids in ${stored.physical} physical rows; ` +
        `active parts: raw ${await activeParts(kit, 'onestop_events')}, hourly ${await activeParts(kit, 'event_counts_hourly')}`,
    );
  }

  beforeAll(async () => {
    await kit.open();
    await kit.migrate();
    await kit.stopMerges('onestop_events', 'event_counts_hourly');
  });

  afterAll(async () => {
    await ingest?.stop();
    await kit.close();
    report(`[crash] CI wall time of this file: ${seconds(Date.now() - startedAt)} s`);
  });

  it(`stores ${EVENTS} events exactly once although ingest is SIGKILLed ${KILLS} times mid-stream`, async () => {
    const t0 = Date.now();
    // Originals round-robin over the partitions; a duplicate may land on any partition, so the
    // same event can be in two batches handled one after the other, or before and after a kill.
    let next = 0;
    const original = stream.messages.map((m) => m.index === next && ++next > 0);
    const messages: OutgoingMessage[] = stream.messages.map((m, j) => ({
      key: m.unitCode,
      value: m.value,
      partition: original[j] ? m.index % 3 : Math.floor(random() * 3),
    }));
    const publishing = (async () => {
      const chunk = 1000;
      for (let i = 0; i < messages.length; i += chunk) {
        await kit.publish(topic, messages.slice(i, i + chunk));
        const due = t0 + (PUBLISH_SPAN_MS * (i + chunk)) / messages.length;
        await sleep(due - Date.now());
      }
      report(`[crash] published ${messages.length} messages in ${seconds(Date.now() - t0)} s`);
    })();

    // Where each original sits in Kafka: offsets are assigned in publish order, per partition.
    const maxOriginalUpTo: number[][] = [[], [], []];
    messages.forEach((m, j) => {
      const seen = maxOriginalUpTo[m.partition ?? 0];
      seen.push(Math.max(seen.at(-1) ?? -1, original[j] ? stream.messages[j].index : -1));
    });

    /**
     * True when ClickHouse holds an original published beyond its partition's committed offset:
     * rows acknowledged (or being acknowledged) but not yet committed, the state in which a crash
     * leads to the batch being stored a second time.
     */
    async function storedBeyondCommit(): Promise<boolean> {
      const [committed] = await kit.admin.fetchOffsets({ groupId: env.INGEST_GROUP_ID, topics: [topic] });
      const rows = await kit.rows<{ p: number | string; top: number | string }>(
        `SELECT idx % 3 AS p, max(idx) AS top
FROM (SELECT toUInt64(extract(event_id, '[0-9]+$')) AS idx FROM onestop_events) GROUP BY p`,
      );
      return rows.some((r) => {
        const offset = Number(committed.partitions.find((c) => c.partition === Number(r.p))?.offset ?? -1);
        const covered = offset > 0 ? maxOriginalUpTo[Number(r.p)][offset - 1] : -1;
        return Number(r.top) > covered;
      });
    }

    /** Freezes the process whenever it looks mid-window; SIGKILLs it if the frozen state confirms. */
    async function killBetweenStoreAndCommit(app: AppProcess, withinMs: number): Promise<boolean> {
      const deadline = Date.now() + withinMs;
      while (Date.now() < deadline) {
        if (!(await storedBeyondCommit())) continue;
        app.child.kill('SIGSTOP');
        if (await storedBeyondCommit()) {
          await app.kill();
          return true;
        }
        app.child.kill('SIGCONT');
      }
      await app.kill();
      return false;
    }

    let inWindow = 0;
    ingest = await startIngest();
    for (let kill = 1; kill <= KILLS; kill++) {
      const lag = await groupLag(kit.admin, env.INGEST_GROUP_ID, topic);
      // Odd kills at a random moment; even ones aimed at the moment after ClickHouse acknowledged
      // a batch and before its offset was committed, which random timing rarely hits.
      let where = 'at a random moment';
      if (kill % 2 === 1) {
        await sleep(random() * 4000);
        await ingest.kill();
      } else if (await killBetweenStoreAndCommit(ingest, 4000)) {
        inWindow++;
        where = 'between store and commit';
      } else {
        where = 'at the end of the hunt for the commit window';
      }
      report(
        `[crash] kill ${kill} at ${seconds(Date.now() - t0)} s ${where} (lag at the previous restart: ${lag})`,
      );
      ingest = await startIngest();
    }
    await publishing;
    await timed(
      'crash run caught up',
      async () => expect(await groupLag(kit.admin, env.INGEST_GROUP_ID, topic)).toBe(0),
      180_000,
    );
    const elapsed = Date.now() - t0;
    report(`[crash] ${messages.length} messages through ${KILLS} kills in ${seconds(elapsed)} s`);

    await assertStoredExactlyOnce();
    const { physical } = await storedIds(kit, kit.id);
    report(
      `[crash] ${inWindow} kills between store and commit; rows stored twice and counted once: ${physical - messages.length}`,
    );
    // Otherwise the run did not test the case that matters most.
    expect(inWindow).toBeGreaterThanOrEqual(2);
  }, 420_000);

  it('replays the whole topic with a new consumer group without changing any count', async () => {
    await ingest?.stop();
    const before = await storedIds(kit, kit.id);
    const groupId = `${kit.id}-replay`;
    // Production batch thresholds (the defaults), so the throughput below is the one to expect.
    ingest = await startIngest({
      INGEST_GROUP_ID: groupId,
      INGEST_BATCH_MIN_BYTES: '65536',
      INGEST_BATCH_MAX_WAIT_MS: '500',
      INGEST_BATCH_MAX_BYTES_PER_PARTITION: '4194304',
    });
    const t0 = Date.now();
    await timed(
      'replay caught up',
      async () => expect(await groupLag(kit.admin, groupId, topic)).toBe(0),
      180_000,
    );
    const elapsed = Date.now() - t0;
    report(
      `[crash] replay: ${stream.messages.length} messages consumed, validated, stored and committed in ` +
        `${seconds(elapsed)} s = ${Math.round((stream.messages.length * 1000) / elapsed)} events/s`,
    );

    await assertStoredExactlyOnce();
    // Everything was written again (merges are stopped), and still counts once.
    expect((await storedIds(kit, kit.id)).physical).toBeGreaterThanOrEqual(before.physical + EVENTS);
  }, 240_000);
});

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
 * The ingest process is SIGKILLed at random points while 100k events (plus ~5 % re-published
 * duplicates) stream into a 3-partition topic, and restarted each time. Whatever was in flight
 * (inserted but not committed, committed but not announced) is delivered again. Storage must
 * still hold each event exactly once by every count we read, before any merge: merges are
 * stopped on both tables for the whole test, so nothing here depends on deduplicating merges.
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
    const messages: OutgoingMessage[] = stream.messages.map((m) => {
      const original = m.index === next;
      if (original) next++;
      return {
        key: m.unitCode,
        value: m.value,
        partition: original ? m.index % 3 : Math.floor(random() * 3),
      };
    });
    const publishing = (async () => {
      const chunk = 1000;
      for (let i = 0; i < messages.length; i += chunk) {
        await kit.publish(topic, messages.slice(i, i + chunk));
        const due = t0 + (PUBLISH_SPAN_MS * (i + chunk)) / messages.length;
        await sleep(due - Date.now());
      }
      report(`[crash] published ${messages.length} messages in ${seconds(Date.now() - t0)} s`);
    })();

    ingest = await startIngest();
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(300 + random() * 3700);
      const lag = await groupLag(kit.admin, env.INGEST_GROUP_ID, topic);
      await ingest.kill();
      report(`[crash] kill ${kill} at ${seconds(Date.now() - t0)} s (uncommitted: ${lag})`);
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
  }, 420_000);

  it('replays the whole topic with a new consumer group without changing any count', async () => {
    await ingest?.stop();
    const before = await storedIds(kit, kit.id);
    const groupId = `${kit.id}-replay`;
    ingest = await startIngest({
      INGEST_GROUP_ID: groupId,
      INGEST_BATCH_MIN_BYTES: '65536',
      INGEST_BATCH_MAX_WAIT_MS: '500',
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

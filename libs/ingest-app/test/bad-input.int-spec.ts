import { dlqTopic, type RejectCode } from '@libs/contracts';
import {
  dossierStream,
  freePort,
  previousMonthDays,
  report,
  seededRandom,
  startApp,
  type AppProcess,
} from '@libs/testing';
import {
  COMMUNES,
  DLQ_HEADER,
  IngestTestKit,
  exactly,
  seconds,
  storedIds,
  timed,
  watchHealth,
  type OutgoingMessage,
} from './ingest-test-kit';

const VALID = 5000;
const MALFORMED_PER_KIND = 500;
const MAX_RECORD_BYTES = 4096;

type Envelope = Record<string, unknown> & { payload: Record<string, unknown> };

interface MalformedKind {
  name: string;
  /** What the contract says this record must be refused with. */
  code: RejectCode;
  /** Built from a valid envelope (unique per record); null = a Kafka record without a value. */
  make: (valid: Envelope, i: number) => string | null;
  /** Published on the qlvb topic instead of the onestop one. */
  qlvbTopic?: true;
}

const json = (value: unknown) => JSON.stringify(value);
const withPayload = (e: Envelope, patch: Record<string, unknown>) =>
  json({ ...e, payload: { ...e.payload, ...patch } });
const without = (o: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const farFuture = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

const KINDS: MalformedKind[] = [
  { name: 'not JSON', code: 'invalid_json', make: (_, i) => `dossier ${i} received <xml/>` },
  { name: 'truncated JSON', code: 'invalid_json', make: (e, i) => json(e).slice(0, 20 + (i % 150)) },
  { name: 'empty value', code: 'invalid_json', make: (_, i) => (i % 2 === 0 ? '' : null) },
  {
    name: 'JSON but not an object',
    code: 'invalid_envelope',
    make: (_, i) => ['null', '[]', '""', '42', 'true'][i % 5],
  },
  { name: 'empty object', code: 'invalid_envelope', make: () => '{}' },
  { name: 'empty eventId', code: 'invalid_envelope', make: (e) => json({ ...e, eventId: '' }) },
  { name: 'eventId missing', code: 'invalid_envelope', make: (e) => json(without(e, 'eventId')) },
  { name: 'occurredAt missing', code: 'invalid_envelope', make: (e) => json(without(e, 'occurredAt')) },
  {
    name: 'schemaVersion as a string',
    code: 'invalid_envelope',
    make: (e) => json({ ...e, schemaVersion: '1' }),
  },
  { name: 'unitCode as a number', code: 'invalid_envelope', make: (e) => json({ ...e, unitCode: 26734 }) },
  { name: 'payload not an object', code: 'invalid_envelope', make: (e) => json({ ...e, payload: 'HS1' }) },
  {
    name: 'bad unit code',
    code: 'invalid_envelope',
    make: (e, i) => json({ ...e, unitCode: ['2673', 'abcde', '267345', ''][i % 4] }),
  },
  { name: 'unknown source', code: 'invalid_envelope', make: (e) => json({ ...e, source: 'fax-machine' }) },
  {
    name: 'impossible occurredAt',
    code: 'invalid_envelope',
    make: (e, i) =>
      json({
        ...e,
        occurredAt: [
          '2026-02-30T10:00:00+07:00',
          '2026-13-01T10:00:00+07:00',
          '2026-04-31T10:00:00Z',
          '2026-01-01T24:30:00Z',
        ][i % 4],
      }),
  },
  {
    name: 'occurredAt without zone',
    code: 'invalid_envelope',
    make: (e) => json({ ...e, occurredAt: '2026-11-01T08:00:00' }),
  },
  {
    name: 'unknown type',
    code: 'unknown_type',
    make: (e) => json({ ...e, type: 'onestop.dossier.exploded' }),
  },
  {
    name: 'unknown schemaVersion',
    code: 'unknown_type',
    make: (e, i) => json({ ...e, schemaVersion: 90 + (i % 9) }),
  },
  { name: 'type of another source', code: 'source_mismatch', make: (e) => json({ ...e, source: 'qlvb' }) },
  { name: 'published on the wrong topic', code: 'source_mismatch', make: (e) => json(e), qlvbTopic: true },
  {
    name: 'payload field missing',
    code: 'invalid_payload',
    make: (e) => json({ ...e, payload: without(e.payload, 'dossierId') }),
  },
  {
    name: 'payload field of wrong type',
    code: 'invalid_payload',
    make: (e) => withPayload(e, { onCentralOneStop: 'yes' }),
  },
  {
    name: 'payload value not allowed',
    code: 'invalid_payload',
    make: (e) => withPayload(e, { channel: 'fax' }),
  },
  { name: 'payload empty', code: 'invalid_payload', make: (e) => json({ ...e, payload: {} }) },
  {
    name: 'impossible dueAt',
    code: 'invalid_payload',
    make: (e) => withPayload(e, { dueAt: '2026-02-30T17:00:00+07:00' }),
  },
  {
    name: 'huge string',
    code: 'too_large',
    make: (e) => withPayload(e, { dossierId: 'x'.repeat(MAX_RECORD_BYTES) }),
  },
  {
    name: 'occurredAt far in the future',
    code: 'occurred_in_future',
    make: (e) => json({ ...e, occurredAt: farFuture() }),
  },
  {
    name: 'occurredAt before 2000',
    code: 'occurred_too_early',
    make: (e, i) => json({ ...e, occurredAt: ['1999-12-31T23:59:59+07:00', '1970-01-01T00:00:00Z'][i % 2] }),
  },
];

/**
 * More than 10,000 malformed records of every kind the contract refuses, shuffled among valid
 * events, through the real broker, the built ingest and the real ClickHouse: each one is kept with
 * its reason (rejects table and DLQ), each valid one is stored exactly once, and ingest stays healthy.
 */
describe('ingest under malformed input', () => {
  const kit = new IngestTestKit('badin');
  const random = seededRandom(11);
  const valid = dossierStream({
    idPrefix: kit.id,
    count: VALID,
    units: COMMUNES,
    days: previousMonthDays(3),
    duplicateRatio: 0.05,
    seed: 5,
  });
  const startedAt = Date.now();
  let ingest: AppProcess;
  let health: ReturnType<typeof watchHealth>;

  beforeAll(async () => {
    await kit.open(['onestop', 'qlvb']);
    const port = await freePort();
    const env = kit.ingestEnv({
      INGEST_HTTP_PORT: String(port),
      INGEST_MAX_RECORD_BYTES: String(MAX_RECORD_BYTES),
      INGEST_BATCH_MAX_WAIT_MS: '200',
    });
    ingest = await startApp('ingest', env, port);
    health = watchHealth(ingest.url);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await ingest?.stop();
    await kit.close();
    report(`[bad-input] CI wall time of this file: ${seconds(Date.now() - startedAt)} s`);
  });

  it('rejects every malformed record with its reason and stores every valid one once, staying healthy', async () => {
    const templates = valid.events.map((e) => JSON.parse(e.value) as Envelope);
    type Planned = OutgoingMessage & { topic: 'onestop' | 'qlvb'; code?: RejectCode };
    const planned: Planned[] = valid.messages.map((m) => ({
      topic: 'onestop',
      key: m.unitCode,
      value: m.value,
    }));
    KINDS.forEach((kind, k) => {
      for (let i = 0; i < MALFORMED_PER_KIND; i++) {
        const template = templates[(k * MALFORMED_PER_KIND + i) % templates.length];
        // Malformed records never reuse a valid event's id, so a wrongly stored one shows in the count.
        const envelope = { ...template, eventId: `${kit.id}-bad-${k}-${i}` };
        planned.push({
          topic: kind.qlvbTopic ? 'qlvb' : 'onestop',
          key: '26734',
          value: kind.make(envelope, i),
          code: kind.code,
        });
      }
    });
    for (let i = planned.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [planned[i], planned[j]] = [planned[j], planned[i]];
    }
    const malformed = planned.filter((p) => p.code);
    const expectedCodes = countBy(malformed.map((p) => p.code ?? ''));
    expect(malformed.length).toBeGreaterThanOrEqual(10_000);

    const t0 = Date.now();
    for (let i = 0; i < planned.length; i += 1000) {
      const chunk = planned.slice(i, i + 1000);
      for (const topic of ['onestop', 'qlvb'] as const) {
        const messages = chunk.filter((p) => p.topic === topic).map(({ key, value }) => ({ key, value }));
        if (messages.length > 0) await kit.publish(kit.topic(topic), messages);
      }
    }
    report(
      `[bad-input] published ${planned.length} records (${malformed.length} malformed, ${KINDS.length} kinds) in ${seconds(Date.now() - t0)} s`,
    );

    const rejects = await timed(
      `all ${malformed.length} rejects recorded`,
      async () => {
        const rows = await kit.rows<{ reject_code: string; n: number | string; blank: number | string }>(
          "SELECT reject_code, count() AS n, countIf(reason = '') AS blank FROM ingest_rejects FINAL GROUP BY reject_code",
        );
        const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
        expect(total).toBe(malformed.length);
        return rows;
      },
      120_000,
    );
    expect(Object.fromEntries(rejects.map((r) => [r.reject_code, Number(r.n)]))).toEqual(expectedCodes);
    expect(rejects.every((r) => Number(r.blank) === 0)).toBe(true);

    const stored = await timed(
      `all ${VALID} valid events stored`,
      async () => {
        const s = await storedIds(kit, kit.id);
        expect(s.distinct).toBe(VALID);
        return s;
      },
      60_000,
    );
    expect(stored).toEqual(exactly(VALID, stored.physical));

    const dead = await readDeadLetters(kit, malformed.length);
    expect(dead.positions.size).toBe(malformed.length);
    expect(countBy(dead.codes)).toEqual(expectedCodes);
    expect(dead.blankReasons).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const unhealthy = health.samples.filter((s) => s.status !== 200);
    expect(unhealthy).toEqual([]);
    report(
      `[bad-input] ${malformed.length} rejects in table and DLQ (${Object.keys(expectedCodes).length} codes), ` +
        `${VALID} valid stored once, ${health.samples.length} health samples all 200, ${seconds(Date.now() - t0)} s`,
    );
  }, 240_000);
});

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** Reads both DLQ topics from the start until `expected` distinct source positions were seen. */
async function readDeadLetters(kit: IngestTestKit, expected: number) {
  const positions = new Set<string>();
  const codes: string[] = [];
  let blankReasons = 0;
  const consumer = kit.kafka.consumer({ groupId: `${kit.id}-dlq-reader` });
  await consumer.connect();
  await consumer.subscribe({
    topics: [kit.topic('onestop'), kit.topic('qlvb')].map((t) => dlqTopic(t)),
    fromBeginning: true,
  });
  await consumer.run({
    eachBatch: ({ batch }) => {
      for (const m of batch.messages) {
        const header = (name: string) => m.headers?.[name]?.toString() ?? '';
        const position = `${header(DLQ_HEADER.topic)}/${header(DLQ_HEADER.partition)}/${header(DLQ_HEADER.offset)}`;
        if (positions.has(position)) continue;
        positions.add(position);
        codes.push(header(DLQ_HEADER.code));
        if (header(DLQ_HEADER.reason) === '') blankReasons++;
      }
      return Promise.resolve();
    },
  });
  try {
    await timed(
      `${expected} dead letters read`,
      () => Promise.resolve(expect(positions.size).toBe(expected)),
      60_000,
    );
  } finally {
    await consumer.disconnect();
  }
  return { positions, codes, blankReasons };
}

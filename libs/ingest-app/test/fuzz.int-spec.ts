import * as fc from 'fast-check';
import {
  EVENT_DEFINITIONS,
  exampleEnvelope,
  REJECT_CODES,
  SOURCE_IDS,
  sourceTopic,
  type EventDefinition,
  type SourceId,
} from '@libs/contracts';
import { chunkByBytes } from '@libs/kafka';
import {
  accessEnvFor,
  bearer,
  freePort,
  groupLag,
  report,
  startApp,
  testKey,
  type AppProcess,
} from '@libs/testing';
import { IngestTestKit, seconds, timed, watchHealth } from './ingest-test-kit';

const KAFKA_RECORDS = 14_000;
const HTTP_RECORDS = 7_000;
const HTTP_BATCH = 500;
const SEED = 20_261_201;

type Kind =
  | 'valid'
  | 'arbitrary_json'
  | 'deep_nesting'
  | 'huge_string'
  | 'unicode_nul'
  | 'duplicate_keys'
  | 'wrong_type';

interface FuzzRecord {
  kind: Kind;
  source: SourceId;
  text: string;
}

type Envelope = Record<string, unknown> & { payload: Record<string, unknown> };

const ENVELOPE_FIELDS = [
  'eventId',
  'source',
  'type',
  'unitCode',
  'occurredAt',
  'producedAt',
  'schemaVersion',
  'payload',
];
const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
};
/** A value of another JSON type than `original`'s. */
const otherType = (original: unknown): fc.Arbitrary<unknown> => {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string({ maxLength: 20 })],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['object', fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
  ];
  const type = original === null ? 'null' : Array.isArray(original) ? 'array' : typeof original;
  return fc.oneof(...all.filter(([t]) => t !== type).map(([, arb]) => arb));
};

/**
 * Generated records of every kind the issue names, each on its own source's topic. A record is
 * built from a definition's valid example with a unique event id, then broken (or not).
 */
function fuzzRecords(
  prefix: string,
  count: number,
  definitions: readonly EventDefinition[],
  http: boolean,
): FuzzRecord[] {
  const definition = fc.constantFrom(...definitions);
  const base = (d: EventDefinition, i: number): Envelope =>
    exampleEnvelope(d, { eventId: `${prefix}-${i}` }) as unknown as Envelope;
  const record = (i: number): fc.Arbitrary<FuzzRecord> =>
    fc.oneof(
      {
        weight: 40,
        arbitrary: definition.map((d) => ({
          kind: 'valid' as const,
          source: d.source,
          text: JSON.stringify(base(d, i)),
        })),
      },
      {
        weight: 8,
        arbitrary: fc
          .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...SOURCE_IDS))
          .filter(
            ([v]) => !http || typeof v !== 'object' || v === null || !('source' in v || 'unitCode' in v),
          )
          .map(([v, source]) => ({
            kind: 'arbitrary_json' as const,
            source: http ? 'onestop' : source,
            text: JSON.stringify(v),
          })),
      },
      {
        weight: 8,
        arbitrary: fc.tuple(definition, fc.integer({ min: 9, max: 4000 })).map(([d, depth]) => {
          const e = base(d, i);
          return {
            kind: 'deep_nesting' as const,
            source: d.source,
            text: JSON.stringify({ ...e, payload: { ...e.payload, extra: nested(depth) } }),
          };
        }),
      },
      {
        weight: 4,
        arbitrary: fc.tuple(definition, fc.constantFrom(8193, 12_000, 30_000, 70_000)).map(([d, length]) => {
          const e = base(d, i);
          return {
            kind: 'huge_string' as const,
            source: d.source,
            text: JSON.stringify({ ...e, payload: { ...e.payload, note: 'x'.repeat(length) } }),
          };
        }),
      },
      {
        weight: 10,
        arbitrary: fc
          .tuple(definition, fc.string({ unit: 'binary', maxLength: 30 }), fc.nat())
          .map(([d, s, pick]) => {
            const e = base(d, i);
            const fields = Object.keys(e.payload).filter((k) => typeof e.payload[k] === 'string');
            const field = fields.length > 0 ? fields[pick % fields.length] : 'note';
            return {
              kind: 'unicode_nul' as const,
              source: d.source,
              text: JSON.stringify({ ...e, payload: { ...e.payload, [field]: `${s}\u0000é漢😀` } }),
            };
          }),
      },
      {
        weight: 8,
        arbitrary: fc
          .tuple(definition, fc.jsonValue({ maxDepth: 1 }), fc.boolean(), fc.nat())
          .map(([d, value, after, pick]) => {
            const e = base(d, i);
            const fields = Object.keys(e.payload);
            const field = fields[pick % fields.length];
            const duplicate = `${JSON.stringify(field)}:${JSON.stringify(value)}`;
            const payload = JSON.stringify(e.payload);
            const text = JSON.stringify({ ...e, payload: '§' }).replace(
              '"§"',
              after ? `${payload.slice(0, -1)},${duplicate}}` : `{${duplicate},${payload.slice(1)}`,
            );
            return { kind: 'duplicate_keys' as const, source: d.source, text };
          }),
      },
      {
        weight: 22,
        arbitrary: fc.tuple(definition, fc.nat(), fc.nat()).chain(([d, pickField, pickPlace]) => {
          const e = base(d, i);
          const inPayload = pickPlace % 2 === 0 && Object.keys(e.payload).length > 0;
          const fields = inPayload
            ? Object.keys(e.payload)
            : ENVELOPE_FIELDS.filter((f) => !(http && f === 'source'));
          const field = fields[pickField % fields.length];
          const original = inPayload ? e.payload[field] : e[field];
          return otherType(original).map((value) => ({
            kind: 'wrong_type' as const,
            source: d.source,
            text: JSON.stringify(
              inPayload ? { ...e, payload: { ...e.payload, [field]: value } } : { ...e, [field]: value },
            ),
          }));
        }),
      },
    );
  return Array.from(
    { length: count },
    (_, i) => fc.sample(record(i), { numRuns: 1, seed: SEED + i + (http ? 1e6 : 0) })[0],
  );
}

/** The id a record would be stored under, if it were valid (duplicate keys: the last one wins). */
function eventIdOf(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const id = (value as Record<string, unknown>).eventId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

const tally = (pairs: [string, string][]) => {
  const out: Record<string, Record<string, number>> = {};
  for (const [kind, outcome] of pairs) (out[kind] ??= {})[outcome] = (out[kind][outcome] ?? 0) + 1;
  return out;
};

/**
 * Issue 7's fuzz test: generated records of every kind, interleaved with valid ones, through the
 * Kafka path and the HTTP path of one built ingest. Every record is stored exactly once or refused
 * with a code and a reason, every valid record is stored, the consumer never stops and /health
 * stays 200. Totals per kind and outcome go to the CI log.
 */
describe('ingest under generated records (fuzz)', () => {
  const kit = new IngestTestKit('fuzz');
  const key = testKey('fuzz', 'connector', ['26734'], ['onestop']);
  const onestop = EVENT_DEFINITIONS.filter((d) => d.source === 'onestop');
  const viaKafka = fuzzRecords(`${kit.id}-k`, KAFKA_RECORDS, EVENT_DEFINITIONS, false);
  const viaHttp = fuzzRecords(`${kit.id}-h`, HTTP_RECORDS, onestop, true);
  let ingest: AppProcess;
  let health: ReturnType<typeof watchHealth>;
  const startedAt = Date.now();

  beforeAll(async () => {
    await kit.open([...SOURCE_IDS]);
    const port = await freePort();
    ingest = await startApp(
      'ingest',
      kit.ingestEnv({
        INGEST_HTTP_PORT: String(port),
        INGEST_BATCH_MAX_WAIT_MS: '100',
        ...accessEnvFor([key]),
      }),
      port,
    );
    health = watchHealth(ingest.url);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await ingest?.stop();
    await kit.close();
    report(`[fuzz] CI wall time of this file: ${seconds(Date.now() - startedAt)} s`);
  });

  it('stores every record exactly once or refuses it with a code and a reason, on both paths, staying healthy', async () => {
    const t0 = Date.now();
    // Kafka: one partition per source topic, so each record's offset is known for the rejects table.
    const positions: { record: FuzzRecord; topic: string; offset: string }[] = [];
    for (const source of SOURCE_IDS) {
      const records = viaKafka.filter((r) => r.source === source);
      for (const chunk of chunkByBytes(records, (r) => r.text.length + 100, 512 * 1024)) {
        const [meta] = await kit.producer.send({
          topic: kit.topic(source),
          acks: -1,
          messages: chunk.map((r) => ({ value: r.text, partition: 0 })),
        });
        chunk.forEach((record, i) =>
          positions.push({
            record,
            topic: sourceTopic(source),
            offset: String(BigInt(meta.baseOffset ?? '0') + BigInt(i)),
          }),
        );
      }
    }
    // HTTP: NDJSON requests, each answer giving every record's outcome.
    const httpResults: {
      record: FuzzRecord;
      status: string;
      code?: string;
      reason?: string;
      eventId?: string;
    }[] = [];
    for (let i = 0; i < viaHttp.length; i += HTTP_BATCH) {
      const batch = viaHttp.slice(i, i + HTTP_BATCH);
      const res = await fetch(`${ingest.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...bearer(key.secret) },
        body: batch.map((r) => r.text.replace(/\n/g, '\\n')).join('\n'),
      });
      const body = (await res.json()) as {
        results?: { index: number; status: string; code?: string; reason?: string; eventId?: string }[];
      };
      expect({ status: res.status, results: body.results?.length }).toEqual({
        status: 200,
        results: batch.length,
      });
      for (const result of body.results ?? []) httpResults.push({ record: batch[result.index], ...result });
    }
    report(
      `[fuzz] published ${viaKafka.length} records on Kafka and posted ${viaHttp.length} over HTTP in ${seconds(Date.now() - t0)} s`,
    );

    await timed(
      'the consumer caught up on every source topic',
      async () => {
        for (const source of SOURCE_IDS)
          expect(await groupLag(kit.admin, `${kit.id}-ingest`, kit.topic(source))).toBe(0);
      },
      120_000,
    );
    const stored = new Set<string>();
    for (const source of SOURCE_IDS) {
      const rows = await kit.rows<{ event_id: string }>(`SELECT DISTINCT event_id FROM ${source}_events`);
      rows.forEach((r) => stored.add(r.event_id));
    }
    const rejects = new Map<string, { code: string; reason: string }>();
    for (const r of await kit.rows<{
      topic: string;
      offset: string | number;
      reject_code: string;
      reason: string;
    }>('SELECT topic, offset, reject_code, reason FROM ingest_rejects FINAL')) {
      rejects.set(`${r.topic}@${r.offset}`, { code: r.reject_code, reason: r.reason });
    }

    const kafkaOutcomes = positions.map(({ record, topic, offset }) => {
      const refused = rejects.get(`${topic}@${offset}`);
      const id = eventIdOf(record.text);
      const isStored = !refused && id !== undefined && stored.has(id);
      return { record, refused, isStored, outcome: refused ? refused.code : isStored ? 'stored' : 'LOST' };
    });
    const httpOutcomes = httpResults.map((r) => ({
      ...r,
      outcome:
        r.status === 'accepted'
          ? r.eventId && stored.has(r.eventId)
            ? 'stored'
            : 'ACCEPTED_NOT_STORED'
          : (r.code ?? 'NO_CODE'),
    }));
    report(
      `[fuzz] Kafka path: ${JSON.stringify(tally(kafkaOutcomes.map((o) => [o.record.kind, o.outcome])))}`,
    );
    report(`[fuzz] HTTP path: ${JSON.stringify(tally(httpOutcomes.map((o) => [o.record.kind, o.outcome])))}`);

    const codes = new Set<string>(REJECT_CODES);
    for (const o of kafkaOutcomes) {
      expect({ kind: o.record.kind, outcome: o.outcome }).not.toEqual({
        kind: o.record.kind,
        outcome: 'LOST',
      });
      if (o.refused) expect(codes.has(o.refused.code) && o.refused.reason.length > 0).toBe(true);
      if (o.record.kind === 'valid') expect(o.outcome).toBe('stored');
    }
    for (const o of httpOutcomes) {
      if (o.status === 'rejected') expect(codes.has(o.code ?? '') && (o.reason ?? '').length > 0).toBe(true);
      else expect(o.outcome).toBe('stored');
      if (o.record.kind === 'valid') expect(o.outcome).toBe('stored');
    }
    expect(kafkaOutcomes.length + httpOutcomes.length).toBeGreaterThanOrEqual(20_000);

    // The consumer still moves: one more valid record after all of them is stored.
    const last = exampleEnvelope(onestop[0], { eventId: `${kit.id}-last` });
    await kit.publish(kit.topic('onestop'), [{ value: JSON.stringify(last) }]);
    await timed(
      'a valid record after the fuzz stored',
      async () =>
        expect(
          await kit.rows(`SELECT event_id FROM onestop_events WHERE event_id = '${last.eventId}'`),
        ).toHaveLength(1),
      30_000,
    );
    expect(health.samples.filter((s) => s.status !== 200)).toEqual([]);
    report(
      `[fuzz] ${kafkaOutcomes.length + httpOutcomes.length} records decided, consumer running, ${health.samples.length} health samples all 200`,
    );
  }, 300_000);
});

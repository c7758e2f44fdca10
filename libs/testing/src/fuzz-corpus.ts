import * as fc from 'fast-check';
import { exampleEnvelope, SOURCE_IDS, type EventDefinition, type SourceId } from '@libs/contracts';

const SEED = 20_261_201;

export type FuzzKind =
  | 'valid'
  | 'arbitrary_json'
  | 'deep_nesting'
  | 'huge_string'
  | 'unicode_nul'
  | 'duplicate_keys'
  | 'wrong_type';

export interface FuzzRecord {
  kind: FuzzKind;
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
export function fuzzRecords(
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

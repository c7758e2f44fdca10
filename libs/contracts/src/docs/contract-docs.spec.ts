import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENT_DEFINITIONS } from '../events/event-registry';
import { exampleEnvelope } from '../events/example-envelope';
import { MISSING, PAYLOAD_REJECTIONS, withPayloadField } from '../../test/payload-rejections.fixture';
import { SOURCE_IDS } from '../sources';
import { ALL_TOPICS, KPI_CHANGES_TOPIC, dlqTopic, sourceTopic } from '../topics';
import {
  ASYNCAPI_PATH,
  CONTRACT_SCHEMA_DIR,
  buildContractDocs,
  contractName,
  contractSchemaPath,
  type JsonObject,
} from './contract-docs';

const repoRoot = resolve(__dirname, '../../../..');
const docs = buildContractDocs();
const definitions = EVENT_DEFINITIONS.map((d) => [contractName(d), d] as const);

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv;
}

describe('committed docs/', () => {
  it.each(Object.keys(docs))('%s matches the contracts (else run npm run docs:contracts)', (path) => {
    const file = join(repoRoot, path);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(wire(docs[path]));
  });

  it(`${CONTRACT_SCHEMA_DIR} holds no schema of an unregistered type`, () => {
    const committed = readdirSync(join(repoRoot, CONTRACT_SCHEMA_DIR)).map(
      (f) => `${CONTRACT_SCHEMA_DIR}/${f}`,
    );
    expect(committed.sort()).toEqual(EVENT_DEFINITIONS.map(contractSchemaPath).sort());
  });
});

describe('event JSON Schemas', () => {
  const ajv = newAjv();

  describe.each(definitions)('%s', (_name, definition) => {
    let validate: ValidateFunction;
    beforeAll(() => {
      validate = ajv.compile(docs[contractSchemaPath(definition)]);
    });
    const example = () => exampleEnvelope(definition);

    it('accepts the example envelope', () => {
      expect(validate(wire(example()))).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    });

    it.each([
      ['another type', { type: `${definition.type}x` }],
      ['another source', { source: definition.source === 'qlvb' ? 'camera' : 'qlvb' }],
      ['another schemaVersion', { schemaVersion: definition.schemaVersion + 1 }],
      ['a unit code of 4 digits', { unitCode: '2673' }],
      ['an occurredAt without zone', { occurredAt: '2026-11-23T08:00:00' }],
      ['a missing eventId', { eventId: undefined }],
      ['a missing payload', { payload: undefined }],
    ])('refuses an envelope with %s', (_label, overrides) => {
      expect(validate(wire({ ...example(), ...overrides }))).toBe(false);
    });

    it('refuses the payload without any one of its required fields', () => {
      const payloadSchema = (docs[contractSchemaPath(definition)].properties as Record<string, JsonObject>)
        .payload;
      const required = payloadSchema.required as string[];
      expect(required.length).toBeGreaterThan(0);
      for (const field of required) {
        expect({ field, valid: validate(wire(withPayloadField(example(), field, MISSING))) }).toEqual({
          field,
          valid: false,
        });
      }
    });

    const expressible = (PAYLOAD_REJECTIONS[definition.type] ?? []).filter((r) => r.inJsonSchema !== false);
    it.each(expressible.map((r) => [r.why, r] as const))('refuses %s', (_why, { field, value }) => {
      expect(validate(wire(withPayloadField(example(), field, value)))).toBe(false);
    });
  });
});

describe('AsyncAPI document', () => {
  const asyncapi = docs[ASYNCAPI_PATH] as {
    asyncapi: string;
    channels: Record<string, { publish?: { message: JsonObject }; subscribe?: { message: JsonObject } }>;
    components: { schemas: Record<string, JsonObject>; messages: Record<string, JsonObject> };
  };

  function resolveRef(ref: string): JsonObject {
    const [, kind, name] = /^#\/components\/(schemas|messages)\/(.+)$/.exec(ref) ?? [];
    const target =
      kind === 'schemas' ? asyncapi.components.schemas[name] : asyncapi.components.messages[name];
    if (!target) throw new Error(`unresolved $ref ${ref}`);
    return target;
  }

  function refsIn(node: unknown): string[] {
    if (Array.isArray(node)) return node.flatMap(refsIn);
    if (typeof node !== 'object' || node === null) return [];
    return Object.entries(node).flatMap(([k, v]) =>
      k === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
    );
  }

  const messageRefs = (message: JsonObject) =>
    ((message.oneOf as { $ref: string }[] | undefined) ?? [message as { $ref: string }]).map((m) => m.$ref);

  it('is AsyncAPI 2.6 with one channel per topic and every $ref resolvable', () => {
    expect(asyncapi.asyncapi).toBe('2.6.0');
    expect(Object.keys(asyncapi.channels).sort()).toEqual([...ALL_TOPICS].sort());
    for (const ref of refsIn(asyncapi)) expect(() => resolveRef(ref)).not.toThrow();
  });

  it.each(SOURCE_IDS.map((s) => [s] as const))('offers exactly the %s event types on its topic', (source) => {
    const publish = asyncapi.channels[sourceTopic(source)].publish;
    const names = messageRefs(publish?.message ?? {}).map((ref) => resolveRef(ref).name);
    expect(names.sort()).toEqual(
      EVENT_DEFINITIONS.filter((d) => d.source === source)
        .map((d) => d.type)
        .sort(),
    );
    const dlq = asyncapi.channels[dlqTopic(sourceTopic(source))].subscribe;
    expect(messageRefs(dlq?.message ?? {}).map((ref) => resolveRef(ref).messageId)).toEqual(['deadLetter']);
  });

  it('describes the KPI change notices', () => {
    const subscribe = asyncapi.channels[KPI_CHANGES_TOPIC].subscribe;
    expect(messageRefs(subscribe?.message ?? {}).map((ref) => resolveRef(ref).messageId)).toEqual([
      'kpiInputsChanged',
    ]);
  });

  it('embeds each event schema exactly as in its schema file', () => {
    for (const d of EVENT_DEFINITIONS) {
      const embedded = asyncapi.components.schemas[contractName(d)];
      expect({ $schema: 'http://json-schema.org/draft-07/schema#', ...embedded }).toEqual(
        docs[contractSchemaPath(d)],
      );
    }
  });

  it.each(Object.keys(asyncapi.components.messages))(
    'message %s: examples fit its payload, headers and unit-code key',
    (name) => {
      const ajv = newAjv();
      const message = asyncapi.components.messages[name];
      const payload = message.payload as JsonObject & { $ref?: string };
      const validatePayload = ajv.compile(payload.$ref ? resolveRef(payload.$ref) : payload);
      const validateHeaders = message.headers ? ajv.compile(message.headers as JsonObject) : undefined;
      const key = (message.bindings as { kafka: { key: JsonObject } }).kafka.key;
      const validateKey = ajv.compile(key);
      const examples = message.examples as { headers?: unknown; payload: { unitCode?: string } }[];
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        expect(validatePayload(example.payload)).toBe(true);
        if (validateHeaders) expect(validateHeaders(example.headers)).toBe(true);
        if (example.payload.unitCode) expect(validateKey(example.payload.unitCode)).toBe(true);
      }
    },
  );

  it('shows a dead letter whose reason is the one ingest really gives', () => {
    const [example] = asyncapi.components.messages.deadLetter.examples as {
      headers: Record<string, string>;
    }[];
    expect(example.headers['coc-reject-code']).toBe('invalid_payload');
    expect(example.headers['coc-reject-reason']).toContain('payload.channel');
  });
});

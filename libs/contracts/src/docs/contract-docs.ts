import { createHash } from 'node:crypto';
import { IS_POSITIVE, MAX, MIN } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DLQ_HEADERS } from '../dead-letter';
import { EventEnvelope } from '../envelope/event-envelope';
import { REJECT_CODES, validateEvent } from '../envelope/validate-event';
import type { EventDefinition } from '../events/event-definition';
import { EVENT_DEFINITIONS } from '../events/event-registry';
import { exampleEnvelope } from '../events/example-envelope';
import { DossierReceived } from '../events/onestop/dossier-received.v1';
import { RATIO_TOLERANCE, VALUE_MATCHES_RATIO_CONSTRAINT } from '../events/reporting/indicator-reported.v1';
import { REPORTING_PERIOD_CONSTRAINT } from '../events/reporting/reporting-period';
import { AccessAuditV1 } from '../audit/access-audit.v1';
import { KpiInputsChanged } from '../kpi-changes/kpi-inputs-changed';
import { SOURCES, SOURCE_IDS, type SourceId } from '../sources';
import { ACCESS_AUDIT_TOPIC, KPI_CHANGES_TOPIC, SOURCE_TOPICS, dlqTopic, sourceTopic } from '../topics';
import { UNIT_CODE_PATTERN } from '../unit-code';

export type JsonObject = { [key: string]: unknown };

export const ASYNCAPI_PATH = 'docs/asyncapi.json';
export const CONTRACT_SCHEMA_DIR = 'docs/contracts';
const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';
const KAFKA_BINDING_VERSION = '0.4.0';

/** `<type>.v<version>`: the name of an event type's schema file, AsyncAPI message and component. */
export function contractName(definition: EventDefinition): string {
  return `${definition.type}.v${definition.schemaVersion}`;
}

export function contractSchemaPath(definition: EventDefinition): string {
  return `${CONTRACT_SCHEMA_DIR}/${contractName(definition)}.schema.json`;
}

type SchemaOptions = NonNullable<Parameters<typeof validationMetadatasToSchemas>[0]>;

/**
 * The library's bounds also set `type: number`, which, depending on decorator order, overwrites
 * `integer` from IsInt; here the type comes only from IsInt / IsNumber. Custom constraints get
 * words, since JSON Schema cannot compare two fields or know the calendar.
 */
const converters: SchemaOptions['additionalConverters'] = {
  [MIN]: (meta) => ({ minimum: Number(meta.constraints[0]) }),
  [MAX]: (meta) => ({ maximum: Number(meta.constraints[0]) }),
  [IS_POSITIVE]: { exclusiveMinimum: 0 },
  [REPORTING_PERIOD_CONSTRAINT]: { description: 'A real calendar period (2026-02-30 is refused).' },
  [VALUE_MATCHES_RATIO_CONSTRAINT]: {
    description:
      `When numerator and denominator are given (always together), ` +
      `value = 100 × numerator / denominator within ±${RATIO_TOLERANCE}.`,
  },
};

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type ClassSchemas = Record<string, JsonObject>;

function classSchema(schemas: ClassSchemas, cls: new () => object): JsonObject {
  const schema = schemas[cls.name];
  if (!schema) throw new Error(`class ${cls.name} has no validation rules to describe`);
  return { title: cls.name, ...schema };
}

function envelopeSchema(definition: EventDefinition, schemas: ClassSchemas): JsonObject {
  const envelope = classSchema(schemas, EventEnvelope);
  return {
    title: contractName(definition),
    description: definition.summary,
    type: 'object',
    required: envelope.required,
    properties: {
      ...(envelope.properties as JsonObject),
      source: { type: 'string', const: definition.source },
      type: { type: 'string', const: definition.type },
      schemaVersion: { type: 'integer', const: definition.schemaVersion },
      payload: classSchema(schemas, definition.payload),
    },
    examples: [json(exampleEnvelope(definition))],
  };
}

const componentRef = (kind: 'schemas' | 'messages', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

function unitCodeKey(example: string): JsonObject {
  return {
    type: 'string',
    pattern: UNIT_CODE_PATTERN.source,
    description: 'The unitCode of the envelope, so one unit’s events stay ordered in one partition.',
    examples: [example],
  };
}

function eventMessage(definition: EventDefinition): JsonObject {
  const name = contractName(definition);
  return {
    messageId: name,
    name: definition.type,
    title: `${definition.type} (schemaVersion ${definition.schemaVersion})`,
    summary: definition.summary,
    contentType: 'application/json',
    payload: componentRef('schemas', name),
    bindings: {
      kafka: { key: unitCodeKey(definition.example.unitCode), bindingVersion: KAFKA_BINDING_VERSION },
    },
    examples: [
      {
        name: 'example',
        summary: `Kafka key ${definition.example.unitCode}`,
        payload: json(exampleEnvelope(definition)),
      },
    ],
  };
}

/** A real refusal: a golden example with one payload field broken, run through validateEvent. */
function deadLetterExample(): JsonObject {
  const good = json(exampleEnvelope(DossierReceived));
  const bad = { ...good, payload: { ...good.payload, channel: 'fax' } };
  const result = validateEvent(bad, { now: new Date(good.producedAt), maxFutureSkewMs: 0 });
  if (result.ok) throw new Error(`the broken example of ${DossierReceived.type} was accepted`);
  return {
    name: 'invalid-payload',
    summary: `${DossierReceived.type} with channel "fax", which the contract does not know`,
    headers: {
      [DLQ_HEADERS.code]: result.rejection.code,
      [DLQ_HEADERS.reason]: result.rejection.reason,
      [DLQ_HEADERS.topic]: sourceTopic(DossierReceived.source),
      [DLQ_HEADERS.partition]: '3',
      [DLQ_HEADERS.offset]: '18422',
      [DLQ_HEADERS.originalBytes]: String(Buffer.byteLength(JSON.stringify(bad), 'utf8')),
      [DLQ_HEADERS.originalSha256]: createHash('sha256').update(JSON.stringify(bad)).digest('hex'),
      [DLQ_HEADERS.truncated]: 'false',
    },
    payload: bad,
  };
}

function deadLetterMessage(): JsonObject {
  const digits = { type: 'string', pattern: '^\\d+$' };
  return {
    messageId: 'deadLetter',
    name: 'dead-letter',
    title: 'Refused record',
    summary: 'Bản ghi bị từ chối / a record ingest refused, unchanged, with the reason in its headers',
    description:
      'Key and value are the refused record’s original bytes: usually an event envelope, possibly not JSON ' +
      'at all; a value over INGEST_DLQ_MAX_VALUE_BYTES keeps its first bytes and a marker (coc-truncated), ' +
      'its original size and SHA-256 in the headers. Dedupe by the source position (topic, partition, offset).',
    headers: {
      type: 'object',
      required: Object.values(DLQ_HEADERS),
      properties: {
        [DLQ_HEADERS.code]: { type: 'string', enum: [...REJECT_CODES] },
        [DLQ_HEADERS.reason]: { type: 'string' },
        [DLQ_HEADERS.topic]: { type: 'string', enum: [...SOURCE_TOPICS, ACCESS_AUDIT_TOPIC] },
        [DLQ_HEADERS.partition]: digits,
        [DLQ_HEADERS.offset]: digits,
        [DLQ_HEADERS.originalBytes]: digits,
        [DLQ_HEADERS.originalSha256]: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        [DLQ_HEADERS.truncated]: { type: 'string', enum: ['true', 'false'] },
      },
    },
    payload: { description: 'The refused record’s value, byte for byte, or its first bytes and a marker.' },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The refused record’s original key.' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [deadLetterExample()],
  };
}

function kpiInputsChangedMessage(): JsonObject {
  const { unitCode, occurredAt, producedAt } = DossierReceived.example;
  const example: KpiInputsChanged = {
    unitCode,
    source: DossierReceived.source,
    types: [DossierReceived.type],
    from: new Date(occurredAt).toISOString(),
    to: new Date(occurredAt).toISOString(),
    storedAt: new Date(new Date(producedAt).getTime() + 1000).toISOString(),
  };
  return {
    messageId: 'kpiInputsChanged',
    name: 'kpi-inputs-changed',
    title: 'KPI inputs changed',
    summary: 'Dữ liệu đầu vào KPI thay đổi / facts were stored for a unit: recompute its KPIs',
    contentType: 'application/json',
    payload: componentRef('schemas', KpiInputsChanged.name),
    bindings: { kafka: { key: unitCodeKey(unitCode), bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [{ name: 'example', summary: `Kafka key ${unitCode}`, payload: example }],
  };
}

function accessAuditMessage(): JsonObject {
  const example: AccessAuditV1 = {
    id: '0b7f2a4e-6c1d-4f8e-9a3b-5d2c1e0f4a7b',
    at: '2026-12-01T02:15:04.512Z',
    app: 'coc-gateway',
    channel: 'socket',
    principalId: 'screen-26734',
    role: 'screen',
    scope: ['26734'],
    address: '10.20.0.14',
    action: 'subscribe',
    unitCodes: ['26734'],
    kpiIds: ['tthc_dossiers_on_central_onestop_pct'],
    periodName: 'live',
    periodFrom: '2026-12-01',
    periodTo: '2026-12-01',
    asOf: '2026-12-01T02:15:04.498Z',
    outcome: 'allowed',
    status: 200,
    detail: '',
  };
  return {
    messageId: 'accessAudit',
    name: 'access-audit',
    title: 'Access audit entry',
    summary: 'Nhật ký truy cập / one read or refusal: who, from where, which units, KPIs, period and asOf',
    contentType: 'application/json',
    payload: componentRef('schemas', AccessAuditV1.name),
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The first unit code of the entry; no key when it names none.' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [{ name: 'snapshot', summary: 'A wall screen received its snapshot', payload: example }],
  };
}

const pascal = (source: SourceId) => source.charAt(0).toUpperCase() + source.slice(1);

function sourceChannel(source: SourceId): [string, JsonObject] {
  const { nameVi, nameEn } = SOURCES[source];
  const refs = EVENT_DEFINITIONS.filter((d) => d.source === source).map((d) =>
    componentRef('messages', contractName(d)),
  );
  if (refs.length === 0) throw new Error(`source ${source} has no event types`);
  const channel = {
    description: `${nameVi} / ${nameEn}: event envelopes, keyed by unitCode.`,
    publish: {
      operationId: `publish${pascal(source)}Events`,
      summary: `${nameEn}: the source system publishes, ingest validates and stores.`,
      message: { oneOf: refs },
    },
  };
  return [sourceTopic(source), channel];
}

function deadLetterChannel(source: SourceId): [string, JsonObject] {
  const topic = sourceTopic(source);
  const channel = {
    description: `Records from ${topic} that ingest refused, with the reason.`,
    subscribe: {
      operationId: `receive${pascal(source)}DeadLetters`,
      summary: `${SOURCES[source].nameEn}: the source’s operators read what was refused and why.`,
      message: componentRef('messages', 'deadLetter'),
    },
  };
  return [dlqTopic(topic), channel];
}

function asyncApi(envelopes: Map<EventDefinition, JsonObject>, schemas: ClassSchemas): JsonObject {
  return {
    asyncapi: '2.6.0',
    info: {
      title: 'COC Stream events',
      version: '1.0.0',
      description:
        'Kafka topics of COC Stream, generated from the contracts in libs/contracts (npm run docs:contracts). ' +
        'Operations are seen from COC Stream: `publish` means source systems publish and ingest consumes; ' +
        '`subscribe` means COC Stream publishes for others to read.',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/json',
    channels: {
      ...Object.fromEntries(SOURCE_IDS.map(sourceChannel)),
      ...Object.fromEntries(SOURCE_IDS.map(deadLetterChannel)),
      [KPI_CHANGES_TOPIC]: {
        description: 'Ingest announces which units and event types received new facts; gateways recompute.',
        subscribe: {
          operationId: 'receiveKpiInputsChanged',
          summary: 'Gateways and sync services recompute the KPIs of the units named.',
          message: componentRef('messages', 'kpiInputsChanged'),
        },
      },
      [ACCESS_AUDIT_TOPIC]: {
        description:
          'Every read and refusal of coc-gateway and ioc-sync; ingest stores it in access_audit. Never a key or token.',
        subscribe: {
          operationId: 'receiveAccessAudit',
          summary: 'Ingest stores each entry (the audit table’s only writer).',
          message: componentRef('messages', 'accessAudit'),
        },
      },
      [dlqTopic(ACCESS_AUDIT_TOPIC)]: {
        description: `Entries of ${ACCESS_AUDIT_TOPIC} that ingest refused, with the reason.`,
        subscribe: {
          operationId: 'receiveAccessAuditDeadLetters',
          summary: 'Operators read which audit entries were refused and why.',
          message: componentRef('messages', 'deadLetter'),
        },
      },
    },
    components: {
      schemas: {
        ...Object.fromEntries([...envelopes].map(([d, schema]) => [contractName(d), schema])),
        [KpiInputsChanged.name]: classSchema(schemas, KpiInputsChanged),
        [AccessAuditV1.name]: classSchema(schemas, AccessAuditV1),
      },
      messages: {
        ...Object.fromEntries(EVENT_DEFINITIONS.map((d) => [contractName(d), eventMessage(d)])),
        deadLetter: deadLetterMessage(),
        kpiInputsChanged: kpiInputsChangedMessage(),
        accessAudit: accessAuditMessage(),
      },
    },
  };
}

/**
 * Every generated document, keyed by its path from the repository root: one JSON Schema per event
 * type (the full envelope with that payload) and the AsyncAPI description of all topics.
 */
export function buildContractDocs(): Record<string, JsonObject> {
  const payloadNames = EVENT_DEFINITIONS.map((d) => d.payload.name);
  const clash = payloadNames.find((name, i) => payloadNames.indexOf(name) !== i);
  // Schemas are looked up by class name; two payload classes of one name would merge silently.
  if (clash) throw new Error(`two event types use a payload class named ${clash}`);
  const schemas = validationMetadatasToSchemas({ additionalConverters: converters }) as ClassSchemas;
  const envelopes = new Map(EVENT_DEFINITIONS.map((d) => [d, envelopeSchema(d, schemas)]));
  const files: Record<string, JsonObject> = {};
  for (const [definition, schema] of envelopes) {
    files[contractSchemaPath(definition)] = { $schema: JSON_SCHEMA_DRAFT, ...schema };
  }
  files[ASYNCAPI_PATH] = asyncApi(envelopes, schemas);
  return files;
}

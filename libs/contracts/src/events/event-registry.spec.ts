import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { validateEvent, type EventValidation } from '../envelope/validate-event';
import { SOURCE_IDS } from '../sources';
import type { EventDefinition } from './event-definition';
import { EVENT_DEFINITIONS, findEventDefinition } from './event-registry';
import { exampleEnvelope } from './example-envelope';
import { MISSING, PAYLOAD_REJECTIONS, withPayloadField } from '../../test/payload-rejections.fixture';

/** After every example's occurredAt, so only the contract decides. */
const policy = { now: new Date('2026-12-01T00:00:00Z'), maxFutureSkewMs: 0 };

/** The agreed names: the simulator and the KPIs are built against exactly these. */
const AGREED_TYPES = [
  'qlvb.document.registered',
  'qlvb.document.signed',
  'qlvb.document.exchanged',
  'qlvb.document.assigned',
  'qlvb.document.processed',
  'qlvb.workfile.opened',
  'qlvb.workfile.closed',
  'qlvb.official.acted',
  'onestop.dossier.submitted',
  'onestop.dossier.received',
  'onestop.dossier-step.completed',
  'onestop.dossier.resolved',
  'onestop.result.returned',
  'onestop.result.digitized',
  'onestop.fee.paid',
  'onestop.dossier.rated',
  'camera.device.registered',
  'camera.status.changed',
  'camera.alert.raised',
  'camera.alert.acknowledged',
  'camera.traffic.counted',
  'camera.congestion.started',
  'camera.congestion.ended',
  'reporting.report.due',
  'reporting.report.submitted',
  'reporting.indicator.reported',
];

const key = (d: EventDefinition) => `${d.type}@${d.schemaVersion}`;
const definitions = EVENT_DEFINITIONS.map((d) => [key(d), d] as const);

function rejectionOf(result: EventValidation) {
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

function optionalFields(definition: EventDefinition): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(definition.payload, '', true, false)
    .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
    .map((m) => m.propertyName);
}

const wire = <T>(record: T): unknown => JSON.parse(JSON.stringify(record));

describe('EVENT_DEFINITIONS', () => {
  it('registers exactly the agreed event types, at schemaVersion 1', () => {
    expect(EVENT_DEFINITIONS.map((d) => d.type).sort()).toEqual([...AGREED_TYPES].sort());
    expect(new Set(EVENT_DEFINITIONS.map((d) => d.schemaVersion))).toEqual(new Set([1]));
  });

  it('has every type@version once, and finds each by it', () => {
    expect(new Set(definitions.map(([k]) => k)).size).toBe(EVENT_DEFINITIONS.length);
    for (const d of EVENT_DEFINITIONS) expect(findEventDefinition(d.type, d.schemaVersion)).toBe(d);
  });

  it('gives every example its own eventId, so a simulator can replay them all', () => {
    const ids = EVENT_DEFINITIONS.map((d) => d.example.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every source', () => {
    expect(new Set(EVENT_DEFINITIONS.map((d) => d.source))).toEqual(new Set(SOURCE_IDS));
  });

  it('has characteristic rejections for every type and for no unknown type', () => {
    expect(Object.keys(PAYLOAD_REJECTIONS).sort()).toEqual(EVENT_DEFINITIONS.map((d) => d.type).sort());
    for (const cases of Object.values(PAYLOAD_REJECTIONS)) expect(cases.length).toBeGreaterThan(0);
  });

  describe.each(definitions)('%s', (_key, definition) => {
    it('is named <source>.<entity>.<verb> after its source', () => {
      expect(definition.type.startsWith(`${definition.source}.`)).toBe(true);
      expect(definition.type.split('.')).toHaveLength(3);
    });

    it('has a valid example, produced no earlier than it occurred', () => {
      const result = validateEvent(wire(exampleEnvelope(definition)), policy);
      expect(result).toMatchObject({ ok: true, event: { definition } });
      expect(Date.parse(definition.example.producedAt)).toBeGreaterThanOrEqual(
        Date.parse(definition.example.occurredAt),
      );
    });

    it('still validates with every optional field left out', () => {
      const bare = optionalFields(definition).reduce(
        (envelope, field) => withPayloadField(envelope, field, MISSING),
        exampleEnvelope(definition),
      );
      expect(validateEvent(wire(bare), policy).ok).toBe(true);
    });

    it('refuses the example without any one of its required fields', () => {
      const optional = optionalFields(definition);
      const required = Object.keys(definition.example.payload).filter((f) => !optional.includes(f));
      expect(required.length).toBeGreaterThan(0);
      for (const field of required) {
        const record = wire(withPayloadField(exampleEnvelope(definition), field, MISSING));
        const rejection = rejectionOf(validateEvent(record, policy));
        expect({ field, code: rejection.code }).toEqual({ field, code: 'invalid_payload' });
        expect(rejection.reason).toContain(`payload.${field}`);
      }
    });

    it.each((PAYLOAD_REJECTIONS[definition.type] ?? []).map((r) => [r.why, r] as const))(
      'refuses %s',
      (_why, { field, value, named }) => {
        const record = wire(withPayloadField(exampleEnvelope(definition), field, value));
        const rejection = rejectionOf(validateEvent(record, policy));
        expect(rejection.code).toBe('invalid_payload');
        expect(rejection.reason).toContain(`payload.${named ?? field}`);
      },
    );
  });
});

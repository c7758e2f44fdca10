import type { EventEnvelope } from '@libs/contracts';

/** The envelope fields a KPI reads. Events reach the evaluator already validated against their contract. */
export type KpiEvent = Pick<
  EventEnvelope,
  'eventId' | 'source' | 'type' | 'unitCode' | 'occurredAt' | 'payload'
>;

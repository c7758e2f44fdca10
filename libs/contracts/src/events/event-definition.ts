import type { SourceId } from '../sources';

/** One wire event type at one schema version. Adding an event type means adding one of these. */
export interface EventDefinition<P extends object = object> {
  /** `<source>.<entity>.<past-verb>`, e.g. `onestop.dossier.received`. */
  type: string;
  source: SourceId;
  schemaVersion: number;
  payload: new () => P;
  summary: string;
  /** A valid example envelope: used by docs, tests and the simulator. */
  example: EventExample<P>;
}

export interface EventExample<P> {
  eventId: string;
  unitCode: string;
  occurredAt: string;
  producedAt: string;
  payload: P;
}

export function defineEvent<P extends object>(definition: EventDefinition<P>): EventDefinition<P> {
  if (!definition.type.startsWith(`${definition.source}.`)) {
    throw new Error(`Event type ${definition.type} must start with its source "${definition.source}."`);
  }
  return definition;
}

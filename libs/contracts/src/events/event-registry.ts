import type { EventDefinition } from './event-definition';
import { DossierReceived } from './onestop/dossier-received.v1';

/** Every wire event type COC Stream accepts. The one place a new event type is registered. */
export const EVENT_DEFINITIONS: readonly EventDefinition[] = [DossierReceived];

const byKey = new Map(EVENT_DEFINITIONS.map((d) => [`${d.type}@${d.schemaVersion}`, d]));

export function findEventDefinition(type: string, schemaVersion: number): EventDefinition | undefined {
  return byKey.get(`${type}@${schemaVersion}`);
}

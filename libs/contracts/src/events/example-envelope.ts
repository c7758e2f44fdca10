import type { EventEnvelope } from '../envelope/event-envelope';
import type { EventDefinition } from './event-definition';

/** The definition's example as a complete wire envelope, optionally adjusted. */
export function exampleEnvelope<P extends object>(
  definition: EventDefinition<P>,
  overrides: Partial<EventEnvelope<P>> = {},
): EventEnvelope<P> {
  return {
    ...definition.example,
    source: definition.source,
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    ...overrides,
  };
}

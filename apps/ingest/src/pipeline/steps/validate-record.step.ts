import { validateEvent, type EventTimePolicy, type SourceId, type ValidEvent } from '@libs/contracts';
import type { StepResult } from '../ingest-record';

/** Validates the event contract, and that the event arrived on its own source's topic. */
export function validateRecord(
  record: unknown,
  topicSource: SourceId,
  policy: EventTimePolicy,
): StepResult<ValidEvent> {
  const result = validateEvent(record, policy);
  if (!result.ok) return result;
  if (result.event.envelope.source !== topicSource) {
    return {
      ok: false,
      rejection: {
        code: 'source_mismatch',
        reason: `a ${result.event.envelope.source} event was published on the ${topicSource} topic`,
      },
    };
  }
  return { ok: true, value: result.event };
}

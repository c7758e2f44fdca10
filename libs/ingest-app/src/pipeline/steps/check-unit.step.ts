import type { ValidEvent } from '@libs/contracts';
import { localDateOf } from '@libs/admin-units';
import type { StepResult } from '../ingest-record';

/** What ingest asks of the administrative hierarchy (AdministrativeHierarchy answers it). */
export interface UnitDirectory {
  /** Whether the code names a unit on the local date of `at`. */
  isKnownUnit(code: string, at: Date): boolean;
}

/**
 * Refuses events of units that do not exist on the day the event occurred: a typo, a unit of
 * another province, or an old commune code used after the 1 July 2025 merge.
 */
export function checkUnit(event: ValidEvent, units: UnitDirectory): StepResult<ValidEvent> {
  const { unitCode } = event.envelope;
  if (units.isKnownUnit(unitCode, event.occurredAt)) return { ok: true, value: event };
  return {
    ok: false,
    rejection: {
      code: 'unknown_unit',
      reason: `unit ${unitCode} is not in the administrative hierarchy valid at ${localDateOf(event.occurredAt)}`,
    },
  };
}

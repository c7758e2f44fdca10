import { coversSource, coversUnit, type Principal, type ScopeHierarchy } from '@libs/access';
import { localDateOf } from '@libs/admin-units';

export interface ScopeViolation {
  index: number;
  message: string;
}

/** What a publishing connector may publish for: its sources, and its units on the event's local date. */
export interface PublishScope {
  id: string;
  coversSource(source: string): boolean;
  coversUnit(unitCode: string, occurredAt: string | undefined): boolean;
}

const localDateOfEvent = (occurredAt: string | undefined): string => {
  const instant = occurredAt === undefined ? Number.NaN : Date.parse(occurredAt);
  return localDateOf(Number.isNaN(instant) ? new Date() : new Date(instant));
};

/** A connector principal's publishing scope, its unit subtrees resolved on each event's date. */
export function publishScopeOf(principal: Principal, hierarchy: ScopeHierarchy): PublishScope {
  return {
    id: principal.id,
    coversSource: (source) => coversSource(principal, source),
    coversUnit: (unitCode, occurredAt) =>
      coversUnit(principal, unitCode, localDateOfEvent(occurredAt), hierarchy),
  };
}

const fieldOf = (value: unknown, field: 'source' | 'unitCode' | 'occurredAt'): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
};

/**
 * The first record that claims a source or unit the key may not publish for. One is enough to
 * refuse the whole request: a misconfigured connector must fail loudly, not half-publish. Records
 * without a string source or unitCode are left to per-record validation.
 */
export function findScopeViolation(
  values: readonly unknown[],
  scope: PublishScope,
): ScopeViolation | undefined {
  for (const [index, value] of values.entries()) {
    const source = fieldOf(value, 'source');
    if (source !== undefined && !scope.coversSource(source)) {
      return {
        index,
        message: `record ${index}: source "${source}" is not among the sources of key "${scope.id}"; nothing was published`,
      };
    }
    const unitCode = fieldOf(value, 'unitCode');
    if (unitCode !== undefined && !scope.coversUnit(unitCode, fieldOf(value, 'occurredAt'))) {
      return {
        index,
        message: `record ${index}: unit ${unitCode} is not among the units of key "${scope.id}"; nothing was published`,
      };
    }
  }
  return undefined;
}

import type { Condition } from './kpi-formula';

/** Instants compare at the resolution the store keeps them (whole seconds), so all readers agree. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Whether an event's payload meets one catalog condition. The one definition of a condition's
 * meaning: the rollup's input derivation and the reference evaluator both call it, and the SQL
 * over the raw tables (libs/kpi-store event-sql) is tested against it.
 */
export function meetsCondition(
  payload: Readonly<Record<string, unknown>>,
  occurredAtMs: number,
  condition: Condition,
): boolean {
  const value = payload[condition.field];
  switch (condition.op) {
    case 'equals':
      return value === condition.value;
    case 'not_equals':
      return value !== condition.value;
    case 'in':
      return condition.values.some((candidate) => candidate === value);
    case 'not_before_occurrence': {
      const date = typeof value === 'string' ? Date.parse(value) : NaN;
      return !Number.isNaN(date) && seconds(date) >= seconds(occurredAtMs);
    }
  }
}

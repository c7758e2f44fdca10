import { isSourceId, type EventEnvelope } from '@libs/contracts';
import { localDayRange, localMonthRange, localYearRange } from '@libs/admin-units';
import type { EvaluationOptions, KpiEvent } from '@libs/kpi';

/**
 * A small, hand-checked case for one KPI: events, where and when to evaluate, and the N, D and
 * value worked out by hand. The reference evaluator is tested against these, and the ClickHouse
 * engine can load the same events and must return the same numbers.
 */
export interface KpiScenario {
  kpiId: string;
  /** Set when the case is about one of the KPI's further measures. */
  measureId?: string;
  description: string;
  events: readonly KpiEvent[];
  options: EvaluationOptions;
  expected: { numerator: number | null; denominator: number | null; value: number | null };
}

/** The commune the scenarios are about, and a neighbour whose events must never count. */
export const COMMUNE = '26734';
export const NEIGHBOUR = '26740';

/** November 2026 in local time, evaluated once the month is over. */
export const NOVEMBER_2026: EvaluationOptions = {
  unitCodes: [COMMUNE],
  range: localMonthRange('2026-11'),
  asOf: localDayRange('2026-12-01').start,
};

/** The year 2025, evaluated on 1 March 2026 (yearly reported figures arrive after the year). */
export const YEAR_2025: EvaluationOptions = {
  unitCodes: [COMMUNE],
  range: localYearRange('2025'),
  asOf: new Date('2026-03-01T00:00:00+07:00'),
};

/** The full wire envelope of a scenario event, to publish it through ingest into a real store. */
export function scenarioEnvelope(event: KpiEvent): EventEnvelope {
  return { ...event, producedAt: event.occurredAt, schemaVersion: 1 };
}

export function kpiEvent(
  eventId: string,
  type: string,
  occurredAt: string,
  payload: Record<string, unknown>,
  unitCode: string = COMMUNE,
): KpiEvent {
  const source = type.split('.')[0];
  if (!isSourceId(source)) throw new Error(`event type ${type} names no known source`);
  return { eventId, source, type, unitCode, occurredAt, payload };
}

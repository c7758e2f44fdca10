/**
 * KPI formulas as plain data: every kind below is meant to be translated into one SQL query by the
 * ClickHouse engine, and is executed in memory by the reference evaluator (`evaluateKpi`), which is
 * the specification that engine is tested against. The semantics stated here are binding for both.
 *
 * Common rules
 * - Events are first de-duplicated by `eventId` (a redelivered event counts once).
 * - `asOf` is exclusive like every range end: an event is known when `occurredAt < asOf`. The
 *   window an event set is counted over is `[range.start, min(range.end, asOf))`.
 * - An entity is identified by its unit and its key: (`unitCode`, payload[`distinctBy`]). Two units
 *   never share an entity, so counts add up across units exactly (a parent = the sum of children).
 * - Conditions read top-level payload fields. A missing field equals nothing (`equals`, `in` fail,
 *   `not_equals` holds) and is never a date (`not_before_occurrence` fails).
 */
export type Scalar = string | number | boolean;

export type Condition =
  | { field: string; op: 'equals'; value: Scalar }
  | { field: string; op: 'not_equals'; value: Scalar }
  | { field: string; op: 'in'; values: readonly Scalar[] }
  /** payload[field] is a date-time at or after the event's occurredAt (e.g. resolved by dueAt). */
  | { field: string; op: 'not_before_occurrence' };

/** Events of one type, optionally filtered on payload fields (all conditions must hold). */
export interface EventFilter {
  type: string;
  where?: readonly Condition[];
}

/**
 * The other event set an entity must also appear in, by the same unit and key, at any known time
 * (`occurredAt < asOf`, regardless of the range).
 */
export interface CorrelatedSet extends EventFilter {
  /** Only matches that occurred at or before the main event's payload date-time field (a deadline). */
  notAfter?: string;
}

/** The entities counted by a numerator, a denominator or a count. */
export interface EventSet extends EventFilter {
  /** Payload field naming the counted entity (documentId, dossierId, …); default: the event itself. */
  distinctBy?: string;
  /** Payload date-time field that places the event in a period, instead of occurredAt (e.g. a report's dueAt). */
  placedBy?: string;
  /** Every one of these must hold for the entity (requires `distinctBy`). */
  alsoIn?: readonly CorrelatedSet[];
}

/** A denominator from reference data (a roster, a list of agencies): a count per unit, not events. */
export interface ReferenceCount {
  reference: string;
}

/** 100 × N / D. N and D are counts of distinct entities; they add up, the percentage never averages. */
export interface RatioFormula {
  kind: 'ratio';
  numerator: EventSet;
  denominator: EventSet | ReferenceCount;
}

export interface CountFormula {
  kind: 'count';
  of: EventSet;
}

/**
 * Entities opened and not yet closed whose due date has passed, at the instant
 * `min(range.end, asOf)`. The latest opening event carries the due date (ties: larger eventId);
 * any known closing event with the same unit and key closes the entity.
 */
export interface OpenOverdueFormula {
  kind: 'open_overdue';
  opened: EventFilter;
  closed: EventFilter;
  /** Payload fields that together identify the entity (e.g. documentId + assigneeId). */
  key: readonly string[];
  /** Payload date-time field on the opening event. */
  dueField: string;
}

/**
 * 100 × up-time / registered time, both in seconds, over `[range.start, min(range.end, asOf))`.
 * An entity is counted from its first registration; its state is the latest status event at or
 * before each instant (ties: larger eventId), and "down" until it first reports.
 */
export interface TimeWeightedUpFormula {
  kind: 'time_weighted_up';
  registered: EventFilter;
  status: EventFilter;
  key: string;
  statusField: string;
  upValue: Scalar;
}

/**
 * Median minutes from an entity's first start event (placed in the window) to its first end event
 * at or after it (known before asOf). Entities without an end are left out. Even counts take the
 * mean of the two middle values. Not additive: a parent is evaluated over the union of events.
 */
export interface MedianDelayFormula {
  kind: 'median_delay';
  start: EventFilter;
  end: EventFilter;
  key: string;
}

/**
 * A figure reported through the reporting system (`reporting.indicator.reported`). Per unit, the
 * latest period lying inside the range is taken, and of that period the highest revision (ties:
 * later occurredAt, then larger eventId). Percentages add up as numerator and denominator.
 */
export interface ReportedFormula {
  kind: 'reported';
  indicatorId: string;
  /**
   * How units add up. `ratio`: numerators and denominators are summed, value = scale × ΣN / ΣD
   * (a rate, a share, a figure per head: never an average of the units' values); `sum`: values are
   * summed; `not_additive`: a parent has no value, each unit is shown on its own.
   * Default: `ratio` for percentages, else `sum`.
   */
  rollUp?: ReportedRollUp;
  /**
   * A ratio's multiplier: 100 for a percentage (the default, and the only one a `%` takes), 1 for
   * a figure per head (income / residents), 1000 for a rate per thousand.
   */
  scale?: number;
}

/** What a ratio's ΣN / ΣD is multiplied by: a reported ratio's own scale, else 100 (a percentage). */
export const PERCENT_SCALE = 100;

export const REPORTED_ROLL_UPS = ['sum', 'ratio', 'not_additive'] as const;
export type ReportedRollUp = (typeof REPORTED_ROLL_UPS)[number];

export type KpiFormula =
  | RatioFormula
  | CountFormula
  | OpenOverdueFormula
  | TimeWeightedUpFormula
  | MedianDelayFormula
  | ReportedFormula;

export const REPORTED_INDICATOR_TYPE = 'reporting.indicator.reported';

export function eq(field: string, value: Scalar): Condition {
  return { field, op: 'equals', value };
}

export function notEq(field: string, value: Scalar): Condition {
  return { field, op: 'not_equals', value };
}

export function oneOf(field: string, values: readonly Scalar[]): Condition {
  return { field, op: 'in', values };
}

export function notBeforeOccurrence(field: string): Condition {
  return { field, op: 'not_before_occurrence' };
}

export function isReferenceCount(value: EventSet | ReferenceCount): value is ReferenceCount {
  return 'reference' in value;
}

/** Every event filter a formula reads, in a stable order (for validation and SQL generation). */
export function filtersOf(formula: KpiFormula): EventFilter[] {
  const ofSet = (set: EventSet): EventFilter[] => [set, ...(set.alsoIn ?? [])];
  switch (formula.kind) {
    case 'ratio':
      return [
        ...ofSet(formula.numerator),
        ...(isReferenceCount(formula.denominator) ? [] : ofSet(formula.denominator)),
      ];
    case 'count':
      return ofSet(formula.of);
    case 'open_overdue':
      return [formula.opened, formula.closed];
    case 'time_weighted_up':
      return [formula.registered, formula.status];
    case 'median_delay':
      return [formula.start, formula.end];
    case 'reported':
      return [{ type: REPORTED_INDICATOR_TYPE, where: [eq('indicatorId', formula.indicatorId)] }];
  }
}

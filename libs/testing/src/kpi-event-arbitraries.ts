import * as fc from 'fast-check';
import {
  isReferenceCount,
  REPORTED_INDICATOR_TYPE,
  type CorrelatedSet,
  type EvaluationOptions,
  type EventSet,
  type KpiEvent,
  type KpiFormula,
  type Scalar,
} from '@libs/kpi';
import { kpiEvent } from './kpi-scenarios/kpi-scenario';
import { localMonthRange, localYearRange, type TimeRange } from '@libs/admin-units';

/**
 * Events generated from a formula itself, for the property tests of the evaluator and the engine: whole-second instants
 * around June 2025 (often at a local midnight or one second either side), the communes of
 * district 248 and one outside it, payloads with the values the formula's conditions test.
 */
export const CHILDREN = ['26734', '26737'] as const;
export const OUTSIDER = '26740';
export const JUNE = localMonthRange('2025-06');
export const YEAR_2025 = localYearRange('2025');
const DAY_MS = 86_400_000;

export function optionsFor(
  formula: KpiFormula,
  unitCodes: readonly string[],
  range?: TimeRange,
): EvaluationOptions {
  const reported = formula.kind === 'reported';
  const references = Object.fromEntries(
    ['qlvb_officials', 'reporting_agencies'].map((name) => [name, { '26734': 7, '26737': 5, '26740': 3 }]),
  );
  return {
    unitCodes,
    range: range ?? (reported ? YEAR_2025 : JUNE),
    asOf: reported ? new Date('2026-03-01T00:00:00+07:00') : new Date(JUNE.end.getTime() + 3 * DAY_MS),
    references,
  };
}

const instant = fc
  .oneof(
    fc.integer({
      min: JUNE.start.getTime() / 1000 - 2 * 86_400,
      max: JUNE.end.getTime() / 1000 + 2 * 86_400 - 1,
    }),
    fc
      .tuple(fc.integer({ min: -2, max: 32 }), fc.constantFrom(-1, 0, 1))
      .map(([day, second]) => JUNE.start.getTime() / 1000 + day * 86_400 + second),
  )
  .map((s) => new Date(s * 1000).toISOString());
const unit = fc.constantFrom<string>(...CHILDREN, OUTSIDER);

type Payload = Record<string, unknown>;
type EntityEvents = (index: number) => KpiEvent[];

function payloadFor(
  sets: readonly { type: string; where?: EventSet['where'] }[],
  type: string,
): fc.Arbitrary<Payload> {
  const fields = new Map<string, Scalar[] | 'date'>();
  for (const set of sets.filter((s) => s.type === type)) {
    for (const c of set.where ?? []) {
      if (c.op === 'not_before_occurrence') fields.set(c.field, 'date');
      else {
        const known = fields.get(c.field);
        const values = c.op === 'in' ? c.values : [c.value];
        fields.set(c.field, [...(Array.isArray(known) ? known : []), ...values]);
      }
    }
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [field, values] of fields) {
    if (values === 'date') record[field] = instant;
    else if (typeof values[0] === 'boolean') record[field] = fc.boolean();
    else record[field] = fc.constantFrom(...values, 'other');
  }
  // A field no formula reads, so a breakdown has something to split by.
  record.channel = fc.constantFrom('online', 'counter');
  return fc.record(record);
}

function eventSetEntity(
  formula: KpiFormula & { kind: 'ratio' | 'count' },
  repeats: boolean,
): fc.Arbitrary<EntityEvents> {
  const sets: EventSet[] =
    formula.kind === 'count'
      ? [formula.of]
      : [formula.numerator, ...(isReferenceCount(formula.denominator) ? [] : [formula.denominator])];
  const main = sets[sets.length - 1];
  const correlated: CorrelatedSet[] = sets.flatMap((s) => s.alsoIn ?? []);
  const dateFields = [main.placedBy, ...correlated.map((c) => c.notAfter)].filter((f): f is string => !!f);
  const others = correlated.map((c) =>
    fc.option(fc.record({ at: instant, payload: payloadFor(correlated, c.type) }), { nil: undefined }),
  );
  return fc
    .record({
      unitCode: unit,
      at: instant,
      payload: payloadFor(sets, main.type),
      dates: fc.tuple(...dateFields.map(() => instant)),
      others: fc.tuple(...others),
      repeatAt: repeats ? fc.option(instant, { nil: undefined }) : fc.constant(undefined),
    })
    .map((e) => (i: number) => {
      const key = main.distinctBy ? { [main.distinctBy]: `k${i}` } : {};
      const dates = Object.fromEntries(dateFields.map((f, n) => [f, e.dates[n]]));
      const payload = { ...e.payload, ...dates, ...key };
      const events = [kpiEvent(`m${i}`, main.type, e.at, payload, e.unitCode)];
      if (e.repeatAt) events.push(kpiEvent(`m${i}r`, main.type, e.repeatAt, payload, e.unitCode));
      correlated.forEach((c, n) => {
        const other = e.others[n];
        if (other)
          events.push(kpiEvent(`o${i}-${n}`, c.type, other.at, { ...other.payload, ...key }, e.unitCode));
      });
      return events;
    });
}

function entityArbitrary(formula: KpiFormula, repeats: boolean): fc.Arbitrary<EntityEvents> {
  switch (formula.kind) {
    case 'ratio':
    case 'count':
      return eventSetEntity(formula, repeats);
    case 'open_overdue':
      return fc
        .record({
          unitCode: unit,
          at: instant,
          due: instant,
          second: fc.constantFrom('U1', 'U2'),
          channel: fc.constantFrom('online', 'counter'),
          reassigned: fc.option(fc.record({ at: instant, due: instant }), { nil: undefined }),
          closedAt: fc.option(instant, { nil: undefined }),
        })
        .map((e) => (i: number) => {
          const key = Object.fromEntries(formula.key.map((f, n) => [f, n === 0 ? `k${i}` : e.second]));
          const opened = (id: string, at: string, due: string) =>
            kpiEvent(
              id,
              formula.opened.type,
              at,
              { ...key, [formula.dueField]: due, channel: e.channel },
              e.unitCode,
            );
          return [
            opened(`a${i}`, e.at, e.due),
            ...(e.reassigned ? [opened(`a${i}r`, e.reassigned.at, e.reassigned.due)] : []),
            ...(e.closedAt ? [kpiEvent(`c${i}`, formula.closed.type, e.closedAt, key, e.unitCode)] : []),
          ];
        });
    case 'time_weighted_up':
      return fc
        .record({
          unitCode: unit,
          at: instant,
          statuses: fc.array(fc.record({ at: instant, up: fc.boolean() }), { maxLength: 4 }),
        })
        .map((e) => (i: number) => [
          kpiEvent(
            `r${i}`,
            formula.registered.type,
            e.at,
            { [formula.key]: `k${i}`, channel: 'online' },
            e.unitCode,
          ),
          ...e.statuses.map((s, n) =>
            kpiEvent(
              `s${i}-${n}`,
              formula.status.type,
              s.at,
              { [formula.key]: `k${i}`, [formula.statusField]: s.up ? formula.upValue : 'down' },
              e.unitCode,
            ),
          ),
        ]);
    case 'median_delay':
      return fc
        .record({
          unitCode: unit,
          at: instant,
          endAt: fc.option(instant, { nil: undefined }),
          resentAt: repeats ? fc.option(instant, { nil: undefined }) : fc.constant(undefined),
        })
        .map((e) => (i: number) => {
          const key = { [formula.key]: `k${i}` };
          return [
            kpiEvent(`b${i}`, formula.start.type, e.at, { ...key, channel: 'online' }, e.unitCode),
            ...(e.resentAt ? [kpiEvent(`b${i}r`, formula.start.type, e.resentAt, key, e.unitCode)] : []),
            ...(e.endAt ? [kpiEvent(`e${i}`, formula.end.type, e.endAt, key, e.unitCode)] : []),
          ];
        });
    case 'reported':
      return fc
        .record({
          unitCode: unit,
          period: fc.constantFrom('2024', '2025', '2025-H1', '2025-Q2', '2025-06', '2025-06-15', '2026-Q1'),
          revision: fc.integer({ min: 1, max: 3 }),
          at: fc
            .integer({ min: 0, max: 400 })
            .map((d) => new Date(YEAR_2025.start.getTime() + d * DAY_MS).toISOString()),
          denominator: fc.integer({ min: 1, max: 1000 }),
          numerator: fc.integer({ min: 0, max: 1000 }),
          bare: fc.boolean(),
        })
        .map((e) => (i: number) => {
          const numerator = e.numerator % (e.denominator + 1);
          const figure = e.bare ? {} : { numerator, denominator: e.denominator };
          const payload = {
            indicatorId: formula.indicatorId,
            period: e.period,
            value: (100 * numerator) / e.denominator,
            dataSource: 'source',
            revision: e.revision,
            ...figure,
          };
          return [kpiEvent(`p${i}`, REPORTED_INDICATOR_TYPE, e.at, payload, e.unitCode)];
        });
  }
}

/** Up to 25 entities' events; with `repeats`, some entities occur twice under other event ids. */
export function eventsFor(formula: KpiFormula, repeats: boolean): fc.Arbitrary<KpiEvent[]> {
  return fc
    .array(entityArbitrary(formula, repeats), { maxLength: 25 })
    .map((entities) => entities.flatMap((build, i) => build(i)));
}

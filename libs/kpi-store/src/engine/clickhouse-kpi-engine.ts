import type { AnalyticsStore } from '@libs/clickhouse';
import { sql, SqlFragment } from '@libs/clickhouse';
import {
  type ChosenReport,
  correlatedInputsOf,
  type EvaluationBase,
  evaluationOf,
  type EvaluationOptions,
  type EventSet,
  isReferenceCount,
  KPI_INPUTS,
  type KpiDefinition,
  type KpiEvaluation,
  type KpiFormula,
  type KpiInput,
  type KpiUnit,
  mainInputOf,
  type Measured,
  type CountFormula,
  type OpenOverdueFormula,
  type RatioFormula,
  type TimeWeightedUpFormula,
} from '@libs/kpi';
import { localDateOf } from '@libs/admin-units';
import type { SourceId } from '@libs/contracts';
import type { KpiEngine } from '../kpi-engine.port';
import { ReferenceCountRepository } from '../references/reference-count.repository';
import {
  eventSetsSql,
  fedUnitsSql,
  medianDelaySql,
  openOverdueSql,
  reportedSql,
  timeWeightedUpSql,
  type SetPart,
  type SetScope,
  type SetSource,
} from '../sql/kpi-query.sql';

export interface ClickHouseKpiEngineOptions {
  /**
   * Read event-set counts from the rollup (kpi_input_daily / kpi_input_hourly / kpi_input_members) where the set's
   * inputs are kept there; otherwise, and for every breakdown, from the raw tables. Default true.
   */
  rollups?: boolean;
  /** Inputs the rollup holds; defaults to those of the catalog. */
  inputs?: readonly KpiInput[];
}

/** One group's numbers: the whole scope is the group ''. */
type Groups = Map<string, Measured>;

const ceilSeconds = (d: Date) => Math.ceil(d.getTime() / 1000);

/**
 * The KPI engine over ClickHouse: each formula kind is one generated query (see kpi-query.sql),
 * turned into a KpiEvaluation by the reference evaluator's rules. Nest-free; the apps bind it to
 * KPI_ENGINE. Instants are compared in whole seconds, the resolution of the raw tables: the same
 * results as evaluateKpi for whole-second events (sub-second parts are dropped at ingest).
 * Reference denominators come from the options when the caller passes them, as for evaluateKpi,
 * else from the stored roster counts (the version in force on the window's last local day).
 */
export class ClickHouseKpiEngine implements KpiEngine {
  private readonly references: ReferenceCountRepository;
  private readonly rollupInputs: ReadonlySet<string>;

  constructor(
    private readonly client: AnalyticsStore,
    private readonly options: ClickHouseKpiEngineOptions = {},
  ) {
    this.references = new ReferenceCountRepository(client);
    this.rollupInputs = new Set((options.inputs ?? KPI_INPUTS).map((input) => input.id));
  }

  async evaluate(
    definition: KpiDefinition,
    options: EvaluationOptions,
    measureId?: string,
  ): Promise<KpiEvaluation> {
    const { formula, unit } = formulaOf(definition, measureId);
    const measured = await this.measure(definition, formula, options, undefined);
    const result = await this.assemble(formula, unit, options, measured, ['']);
    return { kpiId: definition.id, ...(measureId ? { measureId } : {}), ...result[0].result };
  }

  /**
   * Each unit of the scope as if evaluated alone, from one measurement of the whole scope: entities
   * are (unit, key), so a unit's figures do not depend on the other units measured with it. A
   * median over several units is not each unit's median, so that formula is measured unit by unit.
   */
  async evaluateEach(
    definition: KpiDefinition,
    options: EvaluationOptions,
  ): Promise<Map<string, KpiEvaluation>> {
    const unitCodes = [...new Set(options.unitCodes)];
    const { formula, unit } = definition;
    if (formula.kind === 'median_delay') {
      const each = await Promise.all(
        unitCodes.map((u) => this.evaluate(definition, { ...options, unitCodes: [u] })),
      );
      return new Map(unitCodes.map((u, i) => [u, each[i]]));
    }
    const [measured, references] = await Promise.all([
      this.measure(definition, formula, options, undefined),
      this.referencesOf(formula, unitCodes, options),
    ]);
    const whole = measured.groups.get('') ?? emptyMeasure(formula);
    const base = baseOf(options);
    return evaluationsOfEach(definition.id, unitCodes, {
      formula,
      unit,
      fed: measured.fed,
      references,
      measured: whole,
      base,
    });
  }

  /**
   * evaluateEach of several KPIs over one scope and window, in few round trips: the event sets,
   * overdue and uptime figures of every KPI and the feeds of their sources are SELECTs of one
   * UNION ALL (as many statements as max_query_size asks), the reported KPIs another; each KPI's
   * branch is the query evaluateEach sends, so the figures are the same. Medians go unit by unit
   * as in evaluateEach. The answer lists each definition's evaluations in the definitions' order.
   */
  async evaluateManyEach(
    definitions: readonly KpiDefinition[],
    options: EvaluationOptions,
  ): Promise<Map<string, KpiEvaluation>[]> {
    const { range, asOf } = options;
    if (!(range.start < range.end)) throw new RangeError('range must end after it starts');
    const unitCodes = [...new Set(options.unitCodes)];
    if (unitCodes.length === 0) return definitions.map(() => new Map());
    const asOfSeconds = ceilSeconds(asOf);
    const scope: SetScope = {
      unitCodes,
      window: { start: ceilSeconds(range.start), end: Math.min(ceilSeconds(range.end), asOfSeconds) },
      asOf: asOfSeconds,
    };
    const counted: { kpi: string; query: SqlFragment }[] = [];
    const reported: SqlFragment[] = [];
    const sources = new Set<SourceId>();
    const medians: number[] = [];
    definitions.forEach(({ formula, sources: own }, i) => {
      const kpi = String(i);
      if (formula.kind === 'median_delay') medians.push(i);
      else if (formula.kind === 'reported')
        reported.push(
          sql`SELECT ${kpi} AS kpi, unit_code, event_id, value, numerator, denominator FROM (${reportedSql(
            formula,
            unitCodes,
            { start: ceilSeconds(range.start), end: Math.floor(range.end.getTime() / 1000) },
            scope.asOf,
          )})`,
        );
      else {
        own.forEach((source) => sources.add(source));
        counted.push({ kpi, query: this.countedSql(formula, scope) });
      }
    });
    const branches = [
      ...counted.map(({ kpi, query }) => sql`SELECT ${kpi} AS kpi, part, unit_code, n FROM (${query})`),
      ...[...sources].map(
        (source) =>
          sql`SELECT '' AS kpi, ${source} AS part, unit_code, toInt64(1) AS n FROM (${fedUnitsSql([source], unitCodes, asOfSeconds)})`,
      ),
    ];
    const references = new Map<string, Promise<Readonly<Record<string, number>>>>();
    const referencesOf = (formula: KpiFormula) => {
      if (formula.kind !== 'ratio' || !isReferenceCount(formula.denominator)) return undefined;
      const { reference } = formula.denominator;
      let counts = references.get(reference);
      if (!counts) {
        counts = this.referenceCounts(reference, unitCodes, options);
        references.set(reference, counts);
      }
      return counts;
    };
    const [countRows, reportRows, alone] = await Promise.all([
      this.unionRows<CountRow>(branches),
      this.unionRows<ReportRow & { kpi: string }>(reported),
      Promise.all(medians.map((i) => this.evaluateEach(definitions[i], options))),
      ...definitions.map(({ formula }) => referencesOf(formula)),
    ]);
    const fedBySource = new Map<string, Set<string>>();
    const byKpi = new Map<string, CountRow[]>();
    for (const row of countRows) {
      if (row.kpi === '') {
        const fed = fedBySource.get(row.part) ?? new Set<string>();
        fed.add(row.unit_code);
        fedBySource.set(row.part, fed);
      } else byKpi.set(row.kpi, [...(byKpi.get(row.kpi) ?? []), row]);
    }
    const base = baseOf(options);
    return Promise.all(
      definitions.map(async (definition, i) => {
        const { formula, unit } = definition;
        if (formula.kind === 'median_delay') return alone[medians.indexOf(i)];
        const kpi = String(i);
        const measured =
          formula.kind === 'reported'
            ? { kind: 'reported' as const, chosen: chosenReports(reportRows.filter((r) => r.kpi === kpi)) }
            : countedMeasure(formula, byKpi.get(kpi) ?? []);
        const fed =
          formula.kind === 'reported'
            ? new Set<string>()
            : new Set(definition.sources.flatMap((source) => [...(fedBySource.get(source) ?? [])]));
        return evaluationsOfEach(definition.id, unitCodes, {
          formula,
          unit,
          fed,
          references: await referencesOf(formula),
          measured,
          base,
        });
      }),
    );
  }

  /** A set, overdue or uptime KPI's figures per unit as rows (part, unit_code, n): the query evaluateEach sends. */
  private countedSql(formula: CountedFormula, scope: SetScope): SqlFragment {
    switch (formula.kind) {
      case 'ratio':
      case 'count':
        return sql`SELECT part, unit_code, toInt64(n) AS n FROM (${eventSetsSql(this.setParts(formula, scope), scope)})`;
      case 'open_overdue':
        return sql`SELECT 'n' AS part, unit_code, toInt64(n) AS n FROM (${openOverdueSql(formula, scope.unitCodes, scope.window.end)})`;
      case 'time_weighted_up':
        return sql`SELECT figure.1 AS part, unit_code, figure.2 AS n FROM (
  SELECT unit_code, arrayJoin([('u', toInt64(up_seconds)), ('r', toInt64(registered_seconds))]) AS figure
  FROM (${timeWeightedUpSql(formula, scope)}))`;
    }
  }

  /** The rows of SELECTs with the same columns, as few UNION ALL statements as fit in max_query_size. */
  private async unionRows<T>(branches: readonly SqlFragment[]): Promise<T[]> {
    const statements: string[][] = [];
    let size = Infinity;
    for (const { text } of branches) {
      if (size + text.length > STATEMENT_CHARS) {
        statements.push([]);
        size = 0;
      }
      statements[statements.length - 1].push(text);
      size += text.length;
    }
    const rows = await Promise.all(
      statements.map((texts) => this.rows<T>(new SqlFragment(texts.join('\nUNION ALL\n')))),
    );
    return rows.flat();
  }

  /**
   * One evaluation per value of `field` (its JSON text, strings unquoted; '' when absent) that has
   * something to count. Ratios and counts: an entity counts under each value its counted events
   * carry, as if `field = value` were added to the sets' own conditions (not to the sets they must
   * also appear in). State formulas: the value on the event that defines the entity (the latest
   * opening, the first registration, the first start). Always read from the raw tables.
   */
  async breakdown(
    definition: KpiDefinition,
    options: EvaluationOptions,
    field: string,
  ): Promise<{ key: string; evaluation: KpiEvaluation }[]> {
    if (definition.formula.kind === 'reported') {
      throw new Error(`KPI ${definition.id}: a reported figure cannot be broken down by ${field}`);
    }
    const measured = await this.measure(definition, definition.formula, options, field);
    const keys = [...measured.groups.keys()].sort();
    const results = await this.assemble(definition.formula, definition.unit, options, measured, keys);
    return results.map(({ key, result }) => ({ key, evaluation: { kpiId: definition.id, ...result } }));
  }

  private async assemble(
    formula: KpiFormula,
    unit: KpiUnit,
    options: EvaluationOptions,
    measured: { groups: Groups; fed: ReadonlySet<string> },
    keys: readonly string[],
  ) {
    const scope = [...new Set(options.unitCodes)];
    const base = baseOf(options);
    const references = await this.referencesOf(formula, scope, options);
    return keys.map((key) => ({
      key,
      result: evaluationOf({
        formula,
        unit,
        scope,
        fed: measured.fed,
        references,
        measured: measured.groups.get(key) ?? emptyMeasure(formula),
        base,
      }),
    }));
  }

  private async referencesOf(
    formula: KpiFormula,
    scope: readonly string[],
    options: EvaluationOptions,
  ): Promise<Readonly<Record<string, number>> | undefined> {
    return formula.kind === 'ratio' && isReferenceCount(formula.denominator)
      ? this.referenceCounts(formula.denominator.reference, scope, options)
      : undefined;
  }

  /** The caller's reference counts when it passes them (like evaluateKpi), else the stored ones. */
  private async referenceCounts(
    reference: string,
    scope: readonly string[],
    options: EvaluationOptions,
  ): Promise<Readonly<Record<string, number>>> {
    const given = options.references?.[reference];
    const counts =
      given ??
      (scope.length === 0 ? {} : await this.references.countsOn(reference, scope, referenceDate(options)));
    for (const [unitCode, count] of Object.entries(counts)) {
      if (!Number.isInteger(count) || count < 0) {
        throw new Error(`reference ${reference}: the count for unit ${unitCode} must be a whole number ≥ 0`);
      }
    }
    return counts;
  }

  private async measure(
    definition: KpiDefinition,
    formula: KpiFormula,
    options: EvaluationOptions,
    split: string | undefined,
  ): Promise<{ groups: Groups; fed: ReadonlySet<string> }> {
    const { range, asOf } = options;
    if (!(range.start < range.end)) throw new RangeError('range must end after it starts');
    const unitCodes = [...new Set(options.unitCodes)];
    if (unitCodes.length === 0) return { groups: new Map(), fed: new Set() };
    const asOfSeconds = ceilSeconds(asOf);
    const scope: SetScope = {
      unitCodes,
      window: { start: ceilSeconds(range.start), end: Math.min(ceilSeconds(range.end), asOfSeconds) },
      asOf: asOfSeconds,
      ...(split === undefined ? {} : { split }),
    };
    const fedQuery =
      formula.kind === 'reported'
        ? Promise.resolve(new Set<string>())
        : this.rows<{ unit_code: string }>(fedUnitsSql(definition.sources, unitCodes, asOfSeconds)).then(
            (rows) => new Set(rows.map((r) => r.unit_code)),
          );
    const [groups, fed] = await Promise.all([this.groups(formula, scope, range), fedQuery]);
    return { groups, fed };
  }

  private async groups(
    formula: KpiFormula,
    scope: SetScope,
    range: { start: Date; end: Date },
  ): Promise<Groups> {
    switch (formula.kind) {
      case 'ratio':
      case 'count': {
        const parts = this.setParts(formula, scope);
        return setGroups(await this.rows<SetRow>(eventSetsSql(parts, scope)), parts);
      }
      case 'open_overdue': {
        const rows = await this.rows<{ unit_code: string; split: string; n: number | string }>(
          openOverdueSql(formula, scope.unitCodes, scope.window.end, scope.split),
        );
        const groups: Groups = new Map();
        for (const row of rows) {
          const group = groups.get(row.split) ?? { kind: 'open_overdue', counts: new Map() };
          if (group.kind === 'open_overdue') group.counts.set(row.unit_code, Number(row.n));
          groups.set(row.split, group);
        }
        return groups;
      }
      case 'time_weighted_up': {
        const rows = await this.rows<{
          unit_code: string;
          split: string;
          up_seconds: number | string;
          registered_seconds: number | string;
        }>(timeWeightedUpSql(formula, scope));
        const groups: Groups = new Map();
        for (const row of rows) {
          const group = groups.get(row.split) ?? {
            kind: 'time_weighted_up',
            up: new Map(),
            registered: new Map(),
          };
          if (group.kind === 'time_weighted_up') {
            group.up.set(row.unit_code, Number(row.up_seconds));
            group.registered.set(row.unit_code, Number(row.registered_seconds));
          }
          groups.set(row.split, group);
        }
        return groups;
      }
      case 'median_delay': {
        const rows = await this.rows<{ split: string; samples: number | string; median: number }>(
          medianDelaySql(formula, scope),
        );
        return new Map(
          rows.map((r) => [
            r.split,
            { kind: 'median_delay', samples: Number(r.samples), median: Number(r.median) },
          ]),
        );
      }
      case 'reported': {
        const rows = await this.rows<ReportRow>(
          reportedSql(
            formula,
            scope.unitCodes,
            { start: ceilSeconds(range.start), end: Math.floor(range.end.getTime() / 1000) },
            scope.asOf,
          ),
        );
        const chosen = chosenReports(rows);
        return new Map([['', { kind: 'reported', chosen }]]);
      }
    }
  }

  /** A ratio's or a count's event sets, each read from the rollup or the raw tables. */
  private setParts(formula: RatioFormula | CountFormula, scope: SetScope): SetPart[] {
    if (formula.kind === 'count')
      return [{ part: 'n', set: formula.of, source: this.sourceOf(formula.of, scope) }];
    return [
      { part: 'n', set: formula.numerator, source: this.sourceOf(formula.numerator, scope) },
      ...(isReferenceCount(formula.denominator)
        ? []
        : [
            {
              part: 'd' as const,
              set: formula.denominator,
              source: this.sourceOf(formula.denominator, scope),
            },
          ]),
    ];
  }

  /** The rollup when it holds every input of the set and no breakdown is asked; else the raw tables. */
  private sourceOf(set: EventSet, scope: SetScope): SetSource {
    if (this.options.rollups === false || scope.split !== undefined) return { kind: 'raw' };
    const main = mainInputOf(set);
    const correlated = correlatedInputsOf(set);
    if (correlated === undefined) return { kind: 'raw' };
    if (![main, ...correlated].every((input) => this.rollupInputs.has(input.id))) return { kind: 'raw' };
    return { kind: 'rollup', main, correlated };
  }

  private async rows<T>(query: SqlFragment): Promise<T[]> {
    const result = await this.client.query({ query: query.text, format: 'JSONEachRow' });
    return result.json<T>();
  }
}

/**
 * Characters per batched statement: ClickHouse's default max_query_size is 256 KiB of bytes, and
 * UTF-8 text (Vietnamese names in literals) can take up to three bytes a character.
 */
const STATEMENT_CHARS = 80_000;

type SetRow = { part: 'n' | 'd'; unit_code: string; split: string; n: number | string };
/** What one UNION ALL of evaluateManyEach measures: counts per unit. */
type CountedFormula = RatioFormula | CountFormula | OpenOverdueFormula | TimeWeightedUpFormula;
type CountRow = { kpi: string; part: string; unit_code: string; n: number | string };
type ReportRow = {
  unit_code: string;
  event_id: string;
  value: string;
  numerator: string;
  denominator: string;
};

/** Event-set counts by group: numerators, and denominators when the formula counts a denominator set. */
function setGroups(rows: readonly SetRow[], parts: readonly SetPart[]): Groups {
  const groups: Groups = new Map();
  for (const row of rows) {
    let group = groups.get(row.split);
    if (!group) {
      group = {
        kind: 'sets',
        numerators: new Map(),
        ...(parts.some((p) => p.part === 'd') ? { denominators: new Map() } : {}),
      };
      groups.set(row.split, group);
    }
    if (group.kind !== 'sets') continue;
    const target = row.part === 'n' ? group.numerators : group.denominators;
    target?.set(row.unit_code, Number(row.n));
  }
  return groups;
}

/** A batched KPI's rows (part, unit_code, n) as what evaluateEach measures for the whole scope. */
function countedMeasure(formula: CountedFormula, rows: readonly CountRow[]): Measured {
  const of = (part: string) =>
    new Map(rows.filter((r) => r.part === part).map((r) => [r.unit_code, Number(r.n)] as const));
  switch (formula.kind) {
    case 'ratio':
    case 'count':
      return { kind: 'sets', numerators: of('n'), denominators: of('d') };
    case 'open_overdue':
      return { kind: 'open_overdue', counts: of('n') };
    case 'time_weighted_up':
      return { kind: 'time_weighted_up', up: of('u'), registered: of('r') };
  }
}

function chosenReports(rows: readonly ReportRow[]): Map<string, ChosenReport> {
  return new Map(
    rows.map((r) => [
      r.unit_code,
      {
        eventId: r.event_id,
        value: figure(r.event_id, 'value', r.value),
        numerator: optionalFigure(r.event_id, 'numerator', r.numerator),
        denominator: optionalFigure(r.event_id, 'denominator', r.denominator),
      },
    ]),
  );
}

function formulaOf(
  definition: KpiDefinition,
  measureId: string | undefined,
): { formula: KpiFormula; unit: KpiUnit } {
  if (measureId === undefined) return { formula: definition.formula, unit: definition.unit };
  const measure = definition.measures?.find((m) => m.id === measureId);
  if (!measure) throw new Error(`KPI ${definition.id} has no measure ${measureId}`);
  return { formula: measure.formula, unit: measure.unit };
}

function baseOf(options: EvaluationOptions): EvaluationBase {
  return {
    asOf: options.asOf.toISOString(),
    range: { start: options.range.start.toISOString(), end: options.range.end.toISOString() },
  };
}

/** Each unit's evaluation from one measurement of all of them (evaluateEach, evaluateManyEach). */
function evaluationsOfEach(
  kpiId: string,
  unitCodes: readonly string[],
  input: Omit<Parameters<typeof evaluationOf>[0], 'scope'>,
): Map<string, KpiEvaluation> {
  return new Map(
    unitCodes.map((unitCode) => [
      unitCode,
      {
        kpiId,
        ...evaluationOf({ ...input, scope: [unitCode], measured: measuredOf(input.measured, unitCode) }),
      },
    ]),
  );
}

/** A unit's share of a scope's measurement: reported figures are summed over every unit chosen. */
function measuredOf(measured: Measured, unitCode: string): Measured {
  if (measured.kind !== 'reported') return measured;
  const report = measured.chosen.get(unitCode);
  return { kind: 'reported', chosen: new Map(report ? [[unitCode, report]] : []) };
}

function emptyMeasure(formula: KpiFormula): Measured {
  switch (formula.kind) {
    case 'ratio':
    case 'count':
      return { kind: 'sets', numerators: new Map(), denominators: new Map() };
    case 'open_overdue':
      return { kind: 'open_overdue', counts: new Map() };
    case 'time_weighted_up':
      return { kind: 'time_weighted_up', up: new Map(), registered: new Map() };
    case 'median_delay':
      return { kind: 'median_delay', samples: 0, median: null };
    case 'reported':
      return { kind: 'reported', chosen: new Map() };
  }
}

/** The roster in force on the last day of the window (a roster is a state, read at the period's end). */
function referenceDate(options: EvaluationOptions): string {
  const end = Math.min(options.range.end.getTime(), options.asOf.getTime());
  return localDateOf(new Date(Math.max(options.range.start.getTime(), end - 1)));
}

function figure(eventId: string, field: string, text: string): number {
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new Error(`event ${eventId}: ${field} must be a number`);
  return value;
}

function optionalFigure(eventId: string, field: string, text: string): number | null {
  return text === '' || text === 'null' ? null : figure(eventId, field, text);
}

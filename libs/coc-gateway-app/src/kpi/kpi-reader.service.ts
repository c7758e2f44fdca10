import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { SourceId } from '@libs/contracts';
import { assessKpi, type KpiDefinition, type KpiEvaluation, type KpiTarget } from '@libs/kpi';
import { AdministrativeHierarchy, localDateOf, type TimeRange } from '@libs/admin-units';
import { KPI_ENGINE, type KpiEngine } from '@libs/kpi-store';
import { ReferenceDataSource } from '@libs/reference-data';
import { UNIT_PLANS, plansFor, type UnitPlans } from '../hierarchy/unit-plans';
import {
  communesWithoutData,
  resolveUnitScope,
  type HierarchyView,
  type UnitScope,
} from '../hierarchy/unit-scope';
import { FEED_FRESHNESS, type FeedFreshness, type SourceFreshness } from './feed-freshness.port';
import { KpiQueryEnv } from './kpi-query.env';
import type {
  BreakdownRowDto,
  KpiValueDto,
  MeasureValueDto,
  PeriodDto,
  ScopeDto,
  SeriesPointDto,
  TargetDto,
} from './kpi-responses.dto';
import { mapConcurrently } from '@libs/platform';
import { PeriodRequestError, type ResolvedPeriod } from './period-request';

/** Engine calls in flight per request: enough to hide latency, few enough to spare ClickHouse. */
const CONCURRENCY = 6;

/** Units per batched evaluation: keeps each generated query well under ClickHouse's max_query_size. */
const UNITS_PER_EVALUATION = 500;

/** A KPI's chunks read at once: a national wave (7 chunks) waits for two rounds, not seven. */
const CHUNKS_AT_ONCE = 4;

/** Who and what a request reads, as it arrived. */
export interface UnitRequest {
  unitCode: string;
  hierarchy?: HierarchyView;
  /** ISO 8601 instant; default: when the request arrived. */
  asOf?: string;
  requestedAt: Date;
}

/** A unit resolved for one request: its communes, plans and the instant data is read as of. */
export interface ScopedRead {
  scope: UnitScope;
  plans: readonly string[];
  asOf: Date;
}

/** A resolved unit with its feed freshness, read once per request on first use, alongside the first evaluation. */
export interface ReadContext extends ScopedRead {
  sources: () => Promise<Map<SourceId, SourceFreshness>>;
}

/** What a KPI value answers without its measures and freshness: all a wall-screen tile shows. */
export type KpiFiguresDto = Omit<KpiValueDto, 'measures' | 'freshness'>;

/**
 * What every KPI query needs: the unit's scope in the chosen map, the engine's evaluation over
 * its communes, and the judgement against the target of the unit's level, plans and year.
 */
@Injectable()
export class KpiReader {
  constructor(
    @Inject(KPI_ENGINE) private readonly engine: KpiEngine,
    @Inject(FEED_FRESHNESS) private readonly freshness: FeedFreshness,
    private readonly hierarchy: AdministrativeHierarchy,
    @Inject(UNIT_PLANS) private readonly unitPlans: UnitPlans,
    @Inject(ReferenceDataSource) private readonly reference: Pick<ReferenceDataSource, 'current'>,
    private readonly limits: KpiQueryEnv,
  ) {}

  /** The longest span a query may cover (COC_KPI_MAX_PERIOD_DAYS). */
  get maxPeriodDays(): number {
    return this.limits.COC_KPI_MAX_PERIOD_DAYS;
  }

  /** Every KPI: the built-in catalog, then the run-time indicators loaded as reference data. */
  catalog(): readonly KpiDefinition[] {
    return this.reference.current().kpis;
  }

  /** A KPI's targets: its plans' figures, or for a run-time indicator those its units' documents set. */
  targetsOf(definition: KpiDefinition): readonly KpiTarget[] {
    return this.reference.current().targetsOf(definition);
  }

  definition(kpiId: string): KpiDefinition {
    const definition = this.reference.current().findKpi(kpiId);
    if (!definition) throw new NotFoundException(`no KPI ${kpiId}; GET /api/v1/kpis lists them`);
    return definition;
  }

  today(request: UnitRequest): string {
    return localDateOf(request.requestedAt);
  }

  /** Turns a period problem into a 400 with its reason. */
  period<T>(resolve: () => T): T {
    try {
      return resolve();
    } catch (error) {
      if (error instanceof PeriodRequestError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  context(request: UnitRequest, referenceDate: string, range: TimeRange): ReadContext {
    const scoped = this.scoped(request, referenceDate, range);
    let freshness: Promise<Map<SourceId, SourceFreshness>> | undefined;
    const sources = () => (freshness ??= this.freshness.latestBySource(scoped.scope.unitCodes, scoped.asOf));
    return { ...scoped, sources };
  }

  /** The unit in the chosen map, its plans and asOf; NotFoundException when the map has no such unit. */
  scoped(request: UnitRequest, referenceDate: string, range: TimeRange): ScopedRead {
    const view = request.hierarchy ?? 'current';
    const scope = resolveUnitScope(this.hierarchy, request.unitCode, view, referenceDate, range);
    if (!scope) {
      const hint =
        view === 'current' ? '; units abolished by the 1 July 2025 reform are in hierarchy=pre2025' : '';
      throw new NotFoundException(
        `unit ${request.unitCode} is not in the administrative hierarchy on ${referenceDate} (hierarchy=${view})${hint}`,
      );
    }
    const asOf = request.asOf === undefined ? request.requestedAt : new Date(request.asOf);
    const plans = plansFor(this.unitPlans, this.hierarchy, scope.unit.code, scope.mapDate);
    return { scope, plans, asOf };
  }

  scopeOf(context: ScopedRead): ScopeDto {
    const { unit, view, mapDate, communes } = context.scope;
    return {
      unit: { ...unit },
      hierarchy: view,
      hierarchyDate: mapDate,
      communes: communes.map((c) => c.code),
      plans: [...context.plans],
      asOf: context.asOf.toISOString(),
    };
  }

  evaluate(
    definition: KpiDefinition,
    context: ScopedRead,
    range: TimeRange,
    measureId?: string,
  ): Promise<KpiEvaluation> {
    return this.engine.evaluate(
      definition,
      { unitCodes: context.scope.unitCodes, range, asOf: context.asOf },
      measureId,
    );
  }

  values(
    definitions: readonly KpiDefinition[],
    context: ReadContext,
    period: ResolvedPeriod,
  ): Promise<KpiValueDto[]> {
    return mapConcurrently(definitions, CONCURRENCY, (definition) => this.value(definition, context, period));
  }

  /**
   * `evaluate` for each of many units read over the same range and instant, by unit code: units
   * whose scope is their own code alone share one engine evaluation per chunk (evaluateEach, what
   * `evaluate` answers for each unit on its own); others (a commune with merged predecessors, a
   * province) are evaluated alone.
   */
  async evaluateEach(
    definition: KpiDefinition,
    contexts: ReadonlyMap<string, ScopedRead>,
    range: TimeRange,
  ): Promise<Map<string, KpiEvaluation>> {
    const shared: string[] = [];
    const alone: [string, ScopedRead][] = [];
    let asOf: Date | undefined;
    for (const [code, context] of contexts) {
      if (asOf !== undefined && asOf.getTime() !== context.asOf.getTime())
        throw new Error('evaluateEach reads every unit as of the same instant');
      asOf = context.asOf;
      const codes = context.scope.unitCodes;
      if (codes.length === 1 && codes[0] === code) shared.push(code);
      else alone.push([code, context]);
    }
    const result = new Map<string, KpiEvaluation>();
    if (asOf === undefined) return result;
    const at = asOf;
    const chunks: string[][] = [];
    for (let i = 0; i < shared.length; i += UNITS_PER_EVALUATION)
      chunks.push(shared.slice(i, i + UNITS_PER_EVALUATION));
    const evaluateShared = () =>
      mapConcurrently(chunks, CHUNKS_AT_ONCE, async (unitCodes) => {
        const each = await this.engine.evaluateEach(definition, { unitCodes, range, asOf: at });
        for (const [code, evaluation] of each) result.set(code, evaluation);
      });
    await Promise.all([
      evaluateShared(),
      mapConcurrently(alone, CONCURRENCY, async ([code, context]) => {
        result.set(code, await this.evaluate(definition, context, range));
      }),
    ]);
    return result;
  }

  /** A KPI's figures for each of many units over one period: `value` without measures and freshness. */
  async figuresEach(
    definitions: readonly KpiDefinition[],
    contexts: ReadonlyMap<string, ScopedRead>,
    period: ResolvedPeriod,
  ): Promise<Map<string, KpiFiguresDto[]>> {
    const evaluations = await mapConcurrently(definitions, CONCURRENCY, (definition) =>
      this.evaluateEach(definition, contexts, period.range),
    );
    return new Map(
      [...contexts].map(([code, context]) => [
        code,
        definitions.map((definition, i) => {
          const evaluation = evaluations[i].get(code);
          if (!evaluation) throw new Error(`KPI ${definition.id}: no evaluation for unit ${code}`);
          return this.figures(definition, evaluation, context, period);
        }),
      ]),
    );
  }

  async value(definition: KpiDefinition, context: ReadContext, period: ResolvedPeriod): Promise<KpiValueDto> {
    const [evaluation, sources] = await Promise.all([
      this.evaluate(definition, context, period.range),
      context.sources(),
    ]);
    const measures = await mapConcurrently(definition.measures ?? [], CONCURRENCY, async (measure) => {
      const result = await this.evaluate(definition, context, period.range, measure.id);
      const dto: MeasureValueDto = {
        measureId: measure.id,
        nameVi: measure.nameVi,
        nameEn: measure.nameEn,
        unit: measure.unit,
        ...evaluationFields(result),
      };
      return dto;
    });
    const lastOf = (field: keyof SourceFreshness): string | null => {
      const times = definition.sources.flatMap((s) => sources.get(s)?.[field] ?? []);
      return times.length === 0 ? null : new Date(Math.max(...times.map((t) => t.getTime()))).toISOString();
    };
    return {
      ...this.figures(definition, evaluation, context, period),
      freshness: {
        periodComplete: period.range.end <= context.asOf,
        lastEventAt: lastOf('lastEventAt'),
        lastIngestedAt: lastOf('lastIngestedAt'),
      },
      measures,
    };
  }

  async point(
    definition: KpiDefinition,
    context: ScopedRead,
    period: ResolvedPeriod,
  ): Promise<SeriesPointDto> {
    const evaluation = await this.evaluate(definition, context, period.range);
    return this.pointOf(definition, evaluation, context, period);
  }

  pointOf(
    definition: KpiDefinition,
    evaluation: KpiEvaluation,
    context: ScopedRead,
    period: ResolvedPeriod,
  ): SeriesPointDto {
    return { period: periodDto(period), ...this.assessed(definition, evaluation, context, period) };
  }

  private figures(
    definition: KpiDefinition,
    evaluation: KpiEvaluation,
    context: ScopedRead,
    period: ResolvedPeriod,
  ): KpiFiguresDto {
    return {
      kpiId: definition.id,
      nameVi: definition.nameVi,
      nameEn: definition.nameEn,
      unit: definition.unit,
      ...kpiLabels(definition),
      direction: definition.direction,
      ...this.assessed(definition, evaluation, context, period),
      asOf: evaluation.asOf,
    };
  }

  async breakdown(
    definition: KpiDefinition,
    context: ReadContext,
    period: ResolvedPeriod,
    field: string,
  ): Promise<BreakdownRowDto[]> {
    const rows = await this.engine.breakdown(
      definition,
      { unitCodes: context.scope.unitCodes, range: period.range, asOf: context.asOf },
      field,
    );
    return rows.map(({ key, evaluation }) => ({ key, ...evaluationFields(evaluation) }));
  }

  private assessed(
    definition: KpiDefinition,
    evaluation: KpiEvaluation,
    context: ScopedRead,
    period: ResolvedPeriod,
  ): Omit<SeriesPointDto, 'period'> {
    const judged = this.reference.current().assessmentOf(definition, context.scope.unit, {
      level: context.scope.unit.level,
      year: Number(period.referenceDate.slice(0, 4)),
      plans: context.plans,
    });
    const assessment = assessKpi(judged.definition, evaluation.value, judged.context);
    const without = communesWithoutData(context.scope, evaluation.unitsWithoutData);
    return {
      ...evaluationFields(evaluation),
      unitsWithoutData: without.length,
      communesWithoutData: without,
      target: assessment.target ? targetDto(assessment.target) : null,
      status: assessment.status,
      statusLabelVi: assessment.labelVi,
      statusLabelEn: assessment.labelEn,
      aspirational: assessment.aspirational,
    };
  }
}

export function periodDto(period: ResolvedPeriod): PeriodDto {
  return {
    kind: period.kind,
    from: period.from,
    to: period.to,
    start: period.range.start.toISOString(),
    end: period.range.end.toISOString(),
  };
}

function evaluationFields(
  e: KpiEvaluation,
): Pick<KpiValueDto, 'combine' | 'numerator' | 'denominator' | 'value' | 'noData'> {
  return {
    combine: e.combine,
    numerator: e.numerator,
    denominator: e.denominator,
    value: e.value,
    noData: e.noData,
  };
}

/** Where a KPI comes from and how its unit and pillar are written, for the catalog and every value. */
export function kpiLabels(definition: KpiDefinition): Pick<KpiValueDto, 'origin' | 'unitLabel' | 'pillar'> {
  return {
    origin: definition.origin ?? 'built_in',
    unitLabel: definition.unitLabel ?? null,
    pillar: definition.pillar ?? null,
  };
}

export function targetDto(target: KpiTarget): TargetDto {
  return { ...target };
}

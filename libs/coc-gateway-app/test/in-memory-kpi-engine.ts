import type { SourceId } from '@libs/contracts';
import {
  evaluateKpi,
  evaluateMeasure,
  filtersOf,
  type EvaluationOptions,
  type KpiDefinition,
  type KpiEvaluation,
  type KpiEvent,
} from '@libs/kpi';
import type { KpiEngine } from '@libs/kpi-store';
import type { FeedFreshness, SourceFreshness } from '../src/kpi/feed-freshness.port';

/**
 * A KpiEngine for unit tests: the reference evaluator over events in memory. It records every
 * call, so a test can see which units and ranges a handler asked for.
 */
export class InMemoryKpiEngine implements KpiEngine, FeedFreshness {
  readonly calls: { kpiId: string; measureId?: string; options: EvaluationOptions }[] = [];

  constructor(
    private readonly events: readonly KpiEvent[],
    /** Stored times by eventId, for freshness; default: one minute after the event occurred. */
    private readonly ingestedAt: ReadonlyMap<string, Date> = new Map(),
  ) {}

  evaluate(
    definition: KpiDefinition,
    options: EvaluationOptions,
    measureId?: string,
  ): Promise<KpiEvaluation> {
    this.calls.push({ kpiId: definition.id, ...(measureId ? { measureId } : {}), options });
    return Promise.resolve(
      measureId
        ? evaluateMeasure(definition, measureId, this.events, options)
        : evaluateKpi(definition, this.events, options),
    );
  }

  async evaluateEach(
    definition: KpiDefinition,
    options: EvaluationOptions,
  ): Promise<Map<string, KpiEvaluation>> {
    const each = new Map<string, KpiEvaluation>();
    for (const unitCode of new Set(options.unitCodes))
      each.set(unitCode, await this.evaluate(definition, { ...options, unitCodes: [unitCode] }));
    return each;
  }

  /** Splits by the field's values among the KPI's events; events without the field count in every row. */
  breakdown(
    definition: KpiDefinition,
    options: EvaluationOptions,
    field: string,
  ): Promise<{ key: string; evaluation: KpiEvaluation }[]> {
    const types = new Set(filtersOf(definition.formula).map((f) => f.type));
    const keyOf = (e: KpiEvent): string | undefined => {
      const value = e.payload[field];
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    };
    const keys = new Set(
      this.events
        .filter((e) => types.has(e.type) && options.unitCodes.includes(e.unitCode))
        .map(keyOf)
        .filter((k): k is string => k !== undefined),
    );
    return Promise.resolve(
      [...keys].sort().map((key) => ({
        key,
        evaluation: evaluateKpi(
          definition,
          this.events.filter((e) => keyOf(e) === undefined || keyOf(e) === key),
          options,
        ),
      })),
    );
  }

  async latestBySourceEach(
    unitCodes: readonly string[],
    asOf: Date,
  ): Promise<Map<string, Map<SourceId, SourceFreshness>>> {
    const each = new Map<string, Map<SourceId, SourceFreshness>>();
    for (const unitCode of unitCodes) {
      const latest = await this.latestBySource([unitCode], asOf);
      if (latest.size > 0) each.set(unitCode, latest);
    }
    return each;
  }

  latestBySource(unitCodes: readonly string[], asOf: Date): Promise<Map<SourceId, SourceFreshness>> {
    const result = new Map<SourceId, SourceFreshness>();
    for (const e of this.events) {
      const at = new Date(e.occurredAt);
      if (!unitCodes.includes(e.unitCode) || at >= asOf) continue;
      const stored = this.ingestedAt.get(e.eventId) ?? new Date(at.getTime() + 60_000);
      const known = result.get(e.source);
      result.set(e.source, {
        lastEventAt: known && known.lastEventAt > at ? known.lastEventAt : at,
        lastIngestedAt: known && known.lastIngestedAt > stored ? known.lastIngestedAt : stored,
      });
    }
    return Promise.resolve(result);
  }
}

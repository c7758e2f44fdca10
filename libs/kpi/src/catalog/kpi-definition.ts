import { PILLARS, isSourceId, type Pillar, type SourceId } from '@libs/contracts';
import {
  filtersOf,
  isReferenceCount,
  PERCENT_SCALE,
  REPORTED_INDICATOR_TYPE,
  type EventSet,
  type KpiFormula,
  type ReportedFormula,
  type ReportedRollUp,
} from './kpi-formula';
import { COMPARATORS, type KpiTarget } from './kpi-target';
import { isUnitLevel } from '@libs/admin-units';

/** `amount`: a quantity in the unit a run-time indicator names (`unitLabel`, e.g. tỷ đồng). */
export type KpiUnit = '%' | 'count' | 'minutes' | 'amount';
export const KPI_UNITS: readonly KpiUnit[] = ['%', 'count', 'minutes', 'amount'];
/** built_in: compiled into the catalog; local: a unit's own indicator, defined at run time. */
export type KpiOrigin = 'built_in' | 'local';
export type KpiDirection = 'higher_is_better' | 'lower_is_better';
/** event: counted from events in a period; state: a lifecycle state at an instant or over time; reported: figures from reports. */
export type KpiMode = 'event' | 'state' | 'reported';
export type KpiCadence = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

/** A further figure shown with a KPI (e.g. the median time to acknowledge next to an alert count). */
export interface KpiMeasure {
  id: string;
  nameVi: string;
  nameEn: string;
  unit: KpiUnit;
  direction: KpiDirection;
  formula: KpiFormula;
}

export interface KpiDefinition {
  /** snake_case, stable: screens, rollups and the SQL engine refer to KPIs by it. */
  id: string;
  nameVi: string;
  nameEn: string;
  unit: KpiUnit;
  direction: KpiDirection;
  /** The wall-screen column (Chính quyền số, Kinh tế số, Xã hội số). */
  screenPillar: Pillar;
  /** The connectors that feed it. A unit has a feed when any of them has sent it an event. */
  sources: readonly SourceId[];
  mode: KpiMode;
  cadence: KpiCadence;
  formula: KpiFormula;
  /** Empty when no plan sets a figure. */
  targets: readonly KpiTarget[];
  /** What the formula leaves out and why, and the decisions taken where the plans are silent. */
  exclusions: string;
  /** Payload fields a screen may break the value down by. */
  breakdowns?: readonly string[];
  measures?: readonly KpiMeasure[];
  /** Default built_in. */
  origin?: KpiOrigin;
  /** The unit as written for people (e.g. `triệu đồng/người`), when `unit` alone does not say it. */
  unitLabel?: string;
  /** The pillar or sector a run-time indicator belongs to (economy, society, new rural criteria…). */
  pillar?: string;
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

const MODE_OF: Record<KpiFormula['kind'], KpiMode> = {
  ratio: 'event',
  count: 'event',
  median_delay: 'event',
  open_overdue: 'state',
  time_weighted_up: 'state',
  reported: 'reported',
};

const UNITS_OF: Record<KpiFormula['kind'], readonly KpiUnit[]> = {
  ratio: ['%'],
  count: ['count'],
  median_delay: ['minutes'],
  open_overdue: ['count'],
  time_weighted_up: ['%'],
  reported: ['%', 'count', 'minutes', 'amount'],
};

/** Checks a definition once, when the catalog loads, so a wrong one never reaches a screen. */
/** How a reported figure adds up across units: as declared, else a ratio for a percentage, a sum otherwise. */
export function reportedRollUpOf(formula: ReportedFormula, unit: KpiUnit): ReportedRollUp {
  return formula.rollUp ?? (unit === '%' ? 'ratio' : 'sum');
}

/** What a ratio KPI's ΣN / ΣD is multiplied by: 100 (a percentage) unless a reported ratio says otherwise. */
export function ratioScaleOf(definition: Pick<KpiDefinition, 'formula'>): number {
  return definition.formula.kind === 'reported' ? (definition.formula.scale ?? PERCENT_SCALE) : PERCENT_SCALE;
}

export function defineKpi(definition: KpiDefinition): KpiDefinition {
  const fail = (problem: string): never => {
    throw new Error(`KPI ${definition.id}: ${problem}`);
  };
  if (!SNAKE_CASE.test(definition.id)) fail('id must be snake_case');
  if (!definition.nameVi.trim() || !definition.nameEn.trim()) fail('nameVi and nameEn are required');
  if (!definition.exclusions.trim()) fail('state the exclusions (or that there are none)');
  if (definition.sources.length === 0) fail('name at least one source');
  for (const source of definition.sources) if (!isSourceId(source)) fail(`unknown source ${String(source)}`);
  if (MODE_OF[definition.formula.kind] !== definition.mode) {
    fail(
      `a ${definition.formula.kind} formula is mode ${MODE_OF[definition.formula.kind]}, not ${definition.mode}`,
    );
  }
  checkFormula(definition.formula, definition.unit, definition.sources, fail);
  const measureIds = new Set<string>();
  for (const measure of definition.measures ?? []) {
    if (!SNAKE_CASE.test(measure.id) || measureIds.has(measure.id))
      fail(`measure id ${measure.id} must be unique snake_case`);
    measureIds.add(measure.id);
    checkFormula(measure.formula, measure.unit, definition.sources, (p) =>
      fail(`measure ${measure.id}: ${p}`),
    );
  }
  if (!PILLARS.includes(definition.screenPillar))
    fail(`screenPillar must be one of ${PILLARS.join(', ')}, not ${String(definition.screenPillar)}`);
  checkTargets(definition, fail);
  return definition;
}

function checkFormula(
  formula: KpiFormula,
  unit: KpiUnit,
  sources: readonly SourceId[],
  fail: (problem: string) => never,
): void {
  if (!UNITS_OF[formula.kind].includes(unit)) fail(`a ${formula.kind} formula cannot have unit ${unit}`);
  for (const filter of filtersOf(formula)) {
    if (!sources.some((source) => filter.type.startsWith(`${source}.`))) {
      fail(`event type ${filter.type} does not come from its sources (${sources.join(', ')})`);
    }
    for (const condition of filter.where ?? []) {
      if (!condition.field) fail(`a condition on ${filter.type} names no field`);
      if (condition.op === 'in' && condition.values.length === 0)
        fail(`"in" on ${condition.field} lists no value`);
    }
  }
  const checkSet = (set: EventSet): void => {
    if (set.alsoIn?.length && !set.distinctBy) fail(`${set.type}: alsoIn needs distinctBy to match entities`);
  };
  switch (formula.kind) {
    case 'ratio':
      checkSet(formula.numerator);
      if (isReferenceCount(formula.denominator)) {
        if (!SNAKE_CASE.test(formula.denominator.reference)) fail('a reference is named in snake_case');
      } else checkSet(formula.denominator);
      return;
    case 'count':
      return checkSet(formula.of);
    case 'open_overdue':
      if (formula.key.length === 0) fail('open_overdue needs a key');
      return;
    case 'time_weighted_up':
    case 'median_delay':
      return;
    case 'reported':
      if (!sources.includes('reporting')) fail(`reported figures arrive as ${REPORTED_INDICATOR_TYPE}`);
      if (formula.rollUp === 'sum' && unit === '%') fail('percentages do not add up: roll up as a ratio');
      if (formula.scale !== undefined) {
        if (reportedRollUpOf(formula, unit) !== 'ratio') fail('only a ratio of sums has a scale');
        if (!(Number.isFinite(formula.scale) && formula.scale > 0))
          fail('a ratio’s scale is a positive number');
        if (unit === '%' && formula.scale !== PERCENT_SCALE) fail('a percentage’s scale is 100');
      } else if (formula.rollUp === 'ratio' && unit !== '%') {
        fail('a ratio of sums that is not a percentage names its scale (1 per head, 1000 per thousand)');
      }
      return;
  }
}

function checkTargets(definition: KpiDefinition, fail: (problem: string) => never): void {
  const seen = new Set<string>();
  for (const target of definition.targets) {
    const key = `${target.plan}|${target.level}|${target.year}`;
    if (seen.has(key)) fail(`two targets for ${target.plan}, ${target.level}, ${target.year}`);
    seen.add(key);
    if (!isUnitLevel(target.level)) fail(`unknown level ${String(target.level)}`);
    if (!COMPARATORS.includes(target.comparator)) fail(`unknown comparator ${String(target.comparator)}`);
    if (!Number.isInteger(target.year)) fail(`target year ${target.year} is not a year`);
    if (
      !Number.isFinite(target.value) ||
      (definition.unit === '%' && (target.value < 0 || target.value > 100))
    ) {
      fail(`target value ${target.value} is out of range for unit ${definition.unit}`);
    }
    if (!target.plan || !target.issuer || !target.citation)
      fail('a target names its plan, issuer and citation');
  }
}

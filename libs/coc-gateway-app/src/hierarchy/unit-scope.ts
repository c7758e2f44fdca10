import { defaultScopeDate, type ScopeDateOf } from '@libs/access';
import {
  localDayRange,
  type AdministrativeHierarchy,
  type AdministrativeUnit,
  type TimeRange,
} from '@libs/admin-units';

/**
 * Which map of units a query reads: `current` is the map in force on the period's date;
 * `pre2025` is the map before the 1 July 2025 reform (districts), for comparing with history.
 */
export const HIERARCHY_VIEWS = ['current', 'pre2025'] as const;
export type HierarchyView = (typeof HIERARCHY_VIEWS)[number];

const LAST_DAY_BEFORE_REFORM = '2025-06-30';

export interface ScopedCommune {
  code: string;
  name: string;
  /** The codes whose events count for the commune: its own and, for history, the units merged into it. */
  unitCodes: string[];
}

/** A unit and the communes whose events make up its figures. */
export interface UnitScope {
  unit: AdministrativeUnit;
  view: HierarchyView;
  /** The local date whose map is used. */
  mapDate: string;
  communes: ScopedCommune[];
  /** Every code in scope, for the engine. */
  unitCodes: string[];
}

export function mapDateFor(view: HierarchyView, referenceDate: string): string {
  return view === 'pre2025' && referenceDate > LAST_DAY_BEFORE_REFORM
    ? LAST_DAY_BEFORE_REFORM
    : referenceDate;
}

/** The date whose map a caller's scope is checked on: the map the query itself reads. */
export const gatewayScopeDate: ScopeDateOf = (query) =>
  mapDateFor(query.hierarchy === 'pre2025' ? 'pre2025' : 'current', defaultScopeDate(query));

/**
 * The unit as the chosen map has it, with its communes on that date. A commune of the new map
 * also covers the old units merged into it, for periods that start before the merge, so its
 * history is re-aggregated rather than lost. Undefined when the map has no such unit.
 */
export function resolveUnitScope(
  hierarchy: AdministrativeHierarchy,
  code: string,
  view: HierarchyView,
  referenceDate: string,
  range: TimeRange,
): UnitScope | undefined {
  const mapDate = mapDateFor(view, referenceDate);
  const unit = hierarchy.unitAt(code, mapDate);
  if (!unit) return undefined;
  const communes = hierarchy.communesUnder(code, mapDate).map((commune) => ({
    code: commune.code,
    name: commune.name,
    unitCodes: codesOf(hierarchy, commune, mapDate, range),
  }));
  return {
    unit,
    view,
    mapDate,
    communes,
    unitCodes: [...new Set(communes.flatMap((c) => c.unitCodes))].sort(),
  };
}

function codesOf(
  hierarchy: AdministrativeHierarchy,
  commune: AdministrativeUnit,
  mapDate: string,
  range: TimeRange,
): string[] {
  const merged = hierarchy
    .predecessorsOf(commune.code)
    .filter((m) => m.validFrom <= mapDate && range.start < localDayRange(m.validFrom).start)
    .map((m) => m.oldCode);
  return [...new Set([commune.code, ...merged])].sort();
}

/** The communes none of whose codes contributed, from the codes an evaluation reports without data. */
export function communesWithoutData(scope: UnitScope, unitsWithoutData: readonly string[]): string[] {
  const without = new Set(unitsWithoutData);
  return scope.communes.filter((c) => c.unitCodes.every((u) => without.has(u))).map((c) => c.code);
}

import type { Principal } from './principal';

/**
 * The part of the administrative hierarchy a scope check needs. A local date picks the map:
 * before 1 July 2025 a commune sits under a district, from then on directly under a province.
 */
export interface ScopeHierarchy {
  unitAt(code: string, localDate: string): { code: string } | undefined;
  ancestorsOf(code: string, localDate: string): readonly { code: string }[];
}

/**
 * Whether the principal's scope covers a unit on a local date: the unit is one of its roots or
 * lies under one of them on that date's map. A district principal covers its communes for dates
 * before the reform, a province principal for every date; an unknown unit is covered only by a
 * principal of every unit or by naming it exactly.
 */
export function coversUnit(
  principal: Pick<Principal, 'units'>,
  unitCode: string,
  localDate: string,
  hierarchy: ScopeHierarchy,
): boolean {
  const { units } = principal;
  if (units === 'all' || units.includes(unitCode)) return true;
  if (hierarchy.unitAt(unitCode, localDate) === undefined) return false;
  return hierarchy.ancestorsOf(unitCode, localDate).some((ancestor) => units.includes(ancestor.code));
}

/** Whether a connector principal may publish for a source. */
export const coversSource = (principal: Pick<Principal, 'sources'>, source: string): boolean =>
  principal.sources === 'all' || (principal.sources as readonly string[]).includes(source);

import type { UnitLevel } from '../unit-level';

/**
 * One version of an administrative unit. Dates are local calendar dates and both ends are
 * included: a unit abolished by the 1 July 2025 reform has validTo 2025-06-30. The same code can
 * have several versions (26734 is a commune under district 248 before the reform and a merged
 * commune directly under a province after it).
 */
export interface AdministrativeUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode?: string;
  validFrom: string;
  validTo?: string;
}

/** An old unit merged into a new one from a date: how history is re-aggregated under the new map. */
export interface UnitMapping {
  oldCode: string;
  newCode: string;
  validFrom: string;
}

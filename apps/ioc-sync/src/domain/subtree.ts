import type { AdministrativeHierarchy } from '@libs/admin-units';

/** The last day of the map with districts, before the 1 July 2025 reform. */
export const LAST_DAY_OF_OLD_MAP = '2025-06-30';

/**
 * Every commune whose data a unit's subtree holds: its communes on today's map and on the old map
 * (where the unit existed then), and the old communes merged into them, so a province keeps the
 * history it received under the old map.
 */
export function subtreeCommunes(
  hierarchy: AdministrativeHierarchy,
  unitCode: string,
  today: string,
): string[] {
  const communes = new Set<string>();
  for (const date of [today, LAST_DAY_OF_OLD_MAP]) {
    if (hierarchy.unitAt(unitCode, date) === undefined) continue;
    for (const commune of hierarchy.communesUnder(unitCode, date)) {
      communes.add(commune.code);
      for (const old of hierarchy.predecessorsOf(commune.code)) communes.add(old.oldCode);
    }
  }
  return [...communes].sort();
}

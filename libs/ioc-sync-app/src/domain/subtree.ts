import type { Principal } from '@libs/access';
import type { AdministrativeHierarchy } from '@libs/admin-units';
import type { SyncBatch } from './sync-batch';

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

/**
 * The first unit of a batch (its origin, then its events' and watermarks' units) that lies outside
 * the sender's scope: outside the subtrees of its key's roots, as `subtreeCommunes` defines them.
 */
export function unitOutsideScope(
  hierarchy: AdministrativeHierarchy,
  principal: Pick<Principal, 'units'>,
  batch: Pick<SyncBatch, 'origin' | 'events' | 'marks'>,
  today: string,
): string | undefined {
  const { units } = principal;
  if (units === 'all') return undefined;
  const covered = new Set(units.flatMap((root) => [root, ...subtreeCommunes(hierarchy, root, today)]));
  const asked = [batch.origin, ...batch.events.map((e) => e.unitCode), ...batch.marks.map((m) => m.unitCode)];
  return asked.find((unit) => !covered.has(unit));
}

import {
  AdministrativeHierarchy,
  localDateOf,
  type AdministrativeUnit,
  type UnitMapping,
} from '@libs/admin-units';
import { InvalidImportError } from '../table/import-problem';
import type { StatedUnit } from './statistics-office-units';

/** What an import does to one stored version of a unit (a version is keyed by code and validFrom). */
export type UnitChange =
  | { change: 'added'; unit: AdministrativeUnit }
  /** The version ends the day before the import takes effect (the unit was merged, renamed or moved). */
  | { change: 'closed'; unit: AdministrativeUnit; before: AdministrativeUnit }
  /** A version starting on the same date, loaded again with other values. */
  | { change: 'replaced'; unit: AdministrativeUnit; before: AdministrativeUnit }
  /** A version starting on the same date that the file no longer lists. */
  | { change: 'withdrawn'; unit: AdministrativeUnit };

export interface UnitsPlan {
  effectiveFrom: string;
  /** The provinces whose list the file replaces from its date: its own, and the old ones of its communes. */
  provinces: string[];
  changes: UnitChange[];
  unchanged: number;
  /** Every version after the import, as the apps will read it. */
  units: AdministrativeUnit[];
}

const keyOf = (u: AdministrativeUnit) => `${u.code}|${u.validFrom}`;

function dayBefore(date: string): string {
  return localDateOf(new Date(Date.parse(`${date}T00:00:00+07:00`) - 1));
}

function sameUnit(a: AdministrativeUnit, b: StatedUnit): boolean {
  return a.name === b.name && a.level === b.level && a.parentCode === b.parentCode;
}

/**
 * Plans a statistics-office list that takes effect on `effectiveFrom`: from that date it is the
 * whole list of the provinces it covers. A stored unit of those provinces that the file states the
 * same way carries on; one stated differently ends the day before and starts again; one the file
 * leaves out ends the day before. A unit whose parent starts a new version starts one too, so each
 * version has one parent version for all of its life. The result is checked as a whole hierarchy.
 */
export function planUnitsImport(
  stored: readonly AdministrativeUnit[],
  mappings: readonly UnitMapping[],
  stated: readonly StatedUnit[],
  effectiveFrom: string,
): UnitsPlan {
  const before = dayBefore(effectiveFrom);
  const storedHierarchy = new AdministrativeHierarchy(stored);
  const statedByCode = new Map(stated.map((u) => [u.code, u]));
  const provinceOn = (code: string, date: string): string | undefined => {
    const unit = storedHierarchy.unitAt(code, date);
    if (!unit) return undefined;
    return storedHierarchy.ancestorsOf(code, date).at(-1)?.code ?? unit.code;
  };
  const provinces = new Set(stated.filter((u) => u.level === 'province').map((u) => u.code));
  for (const unit of stated) {
    const province = provinceOn(unit.code, before);
    if (province) provinces.add(province);
  }
  const inScope = (v: AdministrativeUnit) =>
    statedByCode.has(v.code) ||
    provinces.has(provinceOn(v.code, v.validFrom < effectiveFrom ? before : v.validFrom) ?? '');

  const problems: string[] = [];
  const spanning = stored.filter(
    (v) =>
      inScope(v) && v.validFrom < effectiveFrom && (v.validTo === undefined || v.validTo >= effectiveFrom),
  );
  const startingThen = stored.filter((v) => inScope(v) && v.validFrom === effectiveFrom);
  for (const v of stored) {
    if (inScope(v) && v.validFrom > effectiveFrom) {
      problems.push(
        `unit ${v.code} has a stored version from ${v.validFrom}, after ${effectiveFrom}: load lists in date order`,
      );
    }
  }
  if (problems.length > 0) throw new InvalidImportError(problems.map((message) => ({ message })));

  // Units whose stored version cannot simply carry on: new, stated differently, or under such a parent.
  const renewed = new Set(
    stated
      .filter((u) => {
        const current = spanning.find((v) => v.code === u.code);
        return !current || !sameUnit(current, u);
      })
      .map((u) => u.code),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const u of stated) {
      if (!renewed.has(u.code) && u.parentCode !== undefined && renewed.has(u.parentCode)) {
        renewed.add(u.code);
        grew = true;
      }
    }
  }

  const changes: UnitChange[] = [];
  const startingByCode = new Map(startingThen.map((v) => [v.code, v]));
  for (const v of spanning) {
    if (statedByCode.has(v.code) && !renewed.has(v.code)) continue;
    changes.push({ change: 'closed', unit: { ...v, validTo: before }, before: v });
  }
  for (const u of stated) {
    const unit: AdministrativeUnit = {
      code: u.code,
      name: u.name,
      level: u.level,
      ...(u.parentCode === undefined ? {} : { parentCode: u.parentCode }),
      validFrom: effectiveFrom,
    };
    const existing = startingByCode.get(u.code);
    if (existing) {
      if (!sameUnit(existing, u)) changes.push({ change: 'replaced', unit, before: existing });
    } else if (renewed.has(u.code)) changes.push({ change: 'added', unit });
  }
  for (const v of startingThen) {
    if (!statedByCode.has(v.code)) changes.push({ change: 'withdrawn', unit: v });
  }

  const changed = new Set(changes.map((c) => keyOf(c.unit)));
  const units = [
    ...stored.filter((v) => !changed.has(keyOf(v))),
    ...changes.filter((c) => c.change !== 'withdrawn').map((c) => c.unit),
  ];
  try {
    new AdministrativeHierarchy(units, mappings);
  } catch (error) {
    throw new InvalidImportError([
      { message: `the list would leave the hierarchy inconsistent: ${(error as Error).message}` },
    ]);
  }
  return {
    effectiveFrom,
    provinces: [...provinces].sort(),
    changes,
    unchanged: stated.length - changes.filter((c) => c.change === 'added' || c.change === 'replaced').length,
    units,
  };
}

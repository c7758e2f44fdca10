import { localDateOf } from '../calendar/local-calendar';
import type { UnitLevel } from '../unit-level';
import type { AdministrativeUnit, UnitMapping } from './administrative-unit';
import { parseUnitMappingsCsv, parseUnitsCsv } from './units-csv';

/** A local date (YYYY-MM-DD) or an instant, whose local date is taken. */
export type AsOf = string | Date;

const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  // Before 1 July 2025 a commune sits under a district; from then on, directly under a province.
  commune: ['district', 'province'],
};

/**
 * Administrative units as dated reference data: province → district → commune before the
 * 1 July 2025 reform, province → commune after it, both held at once and chosen by date. Old units
 * map to the merged new ones, so history can be re-aggregated under either map.
 */
export class AdministrativeHierarchy {
  private readonly versions = new Map<string, AdministrativeUnit[]>();
  private readonly successors = new Map<string, UnitMapping>();
  private readonly predecessors = new Map<string, UnitMapping[]>();

  constructor(units: readonly AdministrativeUnit[], mappings: readonly UnitMapping[] = []) {
    for (const unit of units) {
      const versions = this.versions.get(unit.code) ?? [];
      const overlapping = versions.find((v) => overlaps(v, unit));
      if (overlapping) {
        throw new Error(
          `unit ${unit.code}: versions from ${overlapping.validFrom} and ${unit.validFrom} overlap`,
        );
      }
      versions.push(unit);
      this.versions.set(unit.code, versions);
    }
    for (const unit of units) this.checkParent(unit);
    for (const mapping of mappings) this.addMapping(mapping);
  }

  static fromCsv(unitsCsv: string, mappingsCsv?: string): AdministrativeHierarchy {
    return new AdministrativeHierarchy(
      parseUnitsCsv(unitsCsv),
      mappingsCsv === undefined ? [] : parseUnitMappingsCsv(mappingsCsv),
    );
  }

  /** The version of a unit valid on a date, if the code names a unit then. */
  unitAt(code: string, at: AsOf): AdministrativeUnit | undefined {
    const date = dateOf(at);
    return this.versions.get(code)?.find((v) => isValidOn(v, date));
  }

  isKnownUnit(code: string, at: AsOf): boolean {
    return this.unitAt(code, at) !== undefined;
  }

  /** Units directly under a unit on a date, by code. */
  childrenOf(code: string, asOf: AsOf): AdministrativeUnit[] {
    const date = dateOf(asOf);
    this.require(code, date);
    const children: AdministrativeUnit[] = [];
    for (const versions of this.versions.values()) {
      for (const v of versions) if (v.parentCode === code && isValidOn(v, date)) children.push(v);
    }
    return children.sort(byCode);
  }

  /** The communes a unit covers on a date (a commune covers itself), by code. */
  communesUnder(code: string, asOf: AsOf): AdministrativeUnit[] {
    const date = dateOf(asOf);
    const unit = this.require(code, date);
    if (unit.level === 'commune') return [unit];
    return this.childrenOf(code, date)
      .flatMap((child) => this.communesUnder(child.code, date))
      .sort(byCode);
  }

  /** The units above a unit on a date, nearest first (a commune's district, then its province). */
  ancestorsOf(code: string, asOf: AsOf): AdministrativeUnit[] {
    const date = dateOf(asOf);
    const ancestors: AdministrativeUnit[] = [];
    for (let unit = this.require(code, date); unit.parentCode !== undefined;) {
      unit = this.require(unit.parentCode, date);
      ancestors.push(unit);
    }
    return ancestors;
  }

  /** The unit an old unit was merged into, and from when; undefined if it was not merged (a district). */
  successorOf(oldCode: string): UnitMapping | undefined {
    return this.successors.get(oldCode);
  }

  /** The old units merged into a new one, by code. A unit that kept its code lists itself. */
  predecessorsOf(newCode: string): UnitMapping[] {
    return [...(this.predecessors.get(newCode) ?? [])].sort((a, b) => (a.oldCode < b.oldCode ? -1 : 1));
  }

  private require(code: string, date: string): AdministrativeUnit {
    const unit = this.unitAt(code, date);
    if (!unit) throw new Error(`no unit ${code} on ${date}`);
    return unit;
  }

  private checkParent(unit: AdministrativeUnit): void {
    const allowed = PARENT_LEVELS[unit.level];
    if (unit.parentCode === undefined) {
      if (allowed.length > 0) throw new Error(`unit ${unit.code}: a ${unit.level} needs a parent`);
      return;
    }
    if (allowed.length === 0) throw new Error(`unit ${unit.code}: a ${unit.level} has no parent`);
    const parent = this.versions.get(unit.parentCode)?.find((v) => covers(v, unit));
    if (!parent) {
      throw new Error(
        `unit ${unit.code} (from ${unit.validFrom}): parent ${unit.parentCode} is not valid for all of its validity`,
      );
    }
    if (!allowed.includes(parent.level)) {
      throw new Error(
        `unit ${unit.code}: a ${unit.level} cannot sit under a ${parent.level} (${parent.code})`,
      );
    }
  }

  private addMapping(mapping: UnitMapping): void {
    const dayBefore = localDateOf(new Date(Date.parse(`${mapping.validFrom}T00:00:00+07:00`) - 1));
    if (!this.isKnownUnit(mapping.oldCode, dayBefore)) {
      throw new Error(
        `mapping ${mapping.oldCode} → ${mapping.newCode}: no unit ${mapping.oldCode} on ${dayBefore}`,
      );
    }
    if (!this.isKnownUnit(mapping.newCode, mapping.validFrom)) {
      throw new Error(
        `mapping ${mapping.oldCode} → ${mapping.newCode}: no unit ${mapping.newCode} on ${mapping.validFrom}`,
      );
    }
    if (this.successors.has(mapping.oldCode)) {
      throw new Error(`unit ${mapping.oldCode} is mapped twice (a split is not modelled)`);
    }
    this.successors.set(mapping.oldCode, mapping);
    this.predecessors.set(mapping.newCode, [...(this.predecessors.get(mapping.newCode) ?? []), mapping]);
  }
}

function dateOf(at: AsOf): string {
  return typeof at === 'string' ? at : localDateOf(at);
}

function isValidOn(unit: AdministrativeUnit, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === undefined || date <= unit.validTo);
}

function overlaps(a: AdministrativeUnit, b: AdministrativeUnit): boolean {
  return isValidOn(a, b.validFrom) || isValidOn(b, a.validFrom);
}

/** Whether `outer` is valid on every day `inner` is. */
function covers(outer: AdministrativeUnit, inner: AdministrativeUnit): boolean {
  if (!isValidOn(outer, inner.validFrom)) return false;
  if (outer.validTo === undefined) return true;
  return inner.validTo !== undefined && inner.validTo <= outer.validTo;
}

function byCode(a: AdministrativeUnit, b: AdministrativeUnit): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

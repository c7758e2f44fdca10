import { AdministrativeHierarchy, type UnitLevel } from '@libs/admin-units';
import {
  KPI_CATALOG,
  isReferenceCount,
  type KpiDefinition,
  type KpiTarget,
  type TargetContext,
} from '@libs/kpi';
import { definitionOf } from './indicators/indicator-catalog';
import type { ReferenceStore } from './store/reference-store.port';
import type { LocalTarget } from './targets/targets-import';

/** The rosters the built-in KPIs divide by (reference denominators). */
export const ROSTERS: readonly string[] = [
  ...new Set(
    KPI_CATALOG.flatMap((kpi) =>
      kpi.formula.kind === 'ratio' && isReferenceCount(kpi.formula.denominator)
        ? [kpi.formula.denominator.reference]
        : [],
    ),
  ),
].sort();

/**
 * What the apps read from the reference-data store at one moment: the administrative hierarchy
 * (the stored units, or the configured list while none are stored), the KPI catalog (built-in KPIs
 * and the run-time indicators) and the local targets, with the import it reflects.
 */
export class ReferenceData {
  readonly kpis: readonly KpiDefinition[];

  constructor(
    /** The latest import the snapshot includes ('' for none). */
    readonly version: string,
    readonly hierarchy: AdministrativeHierarchy,
    readonly unitsFrom: 'store' | 'configuration',
    readonly indicators: readonly KpiDefinition[],
    readonly targets: readonly LocalTarget[],
  ) {
    for (const indicator of indicators) {
      // A release may add a built-in KPI under an id a unit already uses: never let one hide the other.
      if (KPI_CATALOG.some((kpi) => kpi.id === indicator.id)) {
        throw new Error(
          `run-time indicator ${indicator.id} has the id of a built-in KPI: import the catalog again with another id`,
        );
      }
    }
    this.kpis = [...KPI_CATALOG, ...indicators];
  }

  findKpi(id: string): KpiDefinition | undefined {
    return this.kpis.find((kpi) => kpi.id === id);
  }

  /** Built-in KPIs: their plans' figures. Run-time indicators: the loaded targets, each of its unit. */
  targetsOf(definition: KpiDefinition): readonly KpiTarget[] {
    if (definition.origin !== 'local') return definition.targets;
    return this.targets
      .filter((t) => t.indicatorId === definition.id)
      .map((t) => localTargetOf(t, this.hierarchy.unitAt(t.unitCode, `${t.year}-12-31`)?.level ?? 'commune'));
  }

  /**
   * A KPI and the target context to judge it by. Built-in KPIs: as given (the plans of the unit).
   * Run-time indicators: only a target a loaded document sets for this very unit and year.
   */
  assessmentOf(
    definition: KpiDefinition,
    unit: { code: string; level: UnitLevel },
    context: TargetContext,
  ): { definition: KpiDefinition; context: TargetContext } {
    if (definition.origin !== 'local') return { definition, context };
    const local = this.targets.find(
      (t) => t.indicatorId === definition.id && t.unitCode === unit.code && t.year === context.year,
    );
    if (!local) return { definition, context: { ...context, plans: [] } };
    const target = localTargetOf(local, unit.level);
    return {
      definition: { ...definition, targets: [target] },
      context: { ...context, plans: [target.plan] },
    };
  }
}

/** A loaded target as a plan figure: the document is the plan, its number and date the citation. */
export function localTargetOf(target: LocalTarget, level: UnitLevel): KpiTarget {
  return {
    plan: `${target.document} (${target.unitCode})`,
    issuer: target.issuer,
    level,
    year: target.year,
    comparator: target.comparator,
    value: target.value,
    citation: `${target.document}, ${target.documentDate}`,
  };
}

/** Reads a consistent snapshot; the version is read first, so an import landing meanwhile is picked up next time. */
export async function loadReferenceData(
  store: ReferenceStore,
  configured: () => AdministrativeHierarchy,
): Promise<ReferenceData> {
  const version = await store.latestImportId();
  const [units, mappings, catalog, targets] = await Promise.all([
    store.units(),
    store.mappings(),
    store.indicatorCatalog(),
    store.targets(),
  ]);
  const stored = units.length > 0;
  return new ReferenceData(
    version,
    stored ? new AdministrativeHierarchy(units, mappings) : configured(),
    stored ? 'store' : 'configuration',
    (catalog?.indicators ?? []).map(definitionOf),
    targets,
  );
}

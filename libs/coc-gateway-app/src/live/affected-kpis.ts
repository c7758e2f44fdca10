import { filtersOf, type KpiDefinition } from '@libs/kpi';

/** Event types whose arrival can move a KPI: its formula's and its measures'. */
function typesOf(definition: KpiDefinition): Set<string> {
  const formulas = [definition.formula, ...(definition.measures ?? []).map((m) => m.formula)];
  return new Set(formulas.flatMap((f) => filtersOf(f).map((filter) => filter.type)));
}

/** The KPIs a change notice can move: only those tiles are recomputed. */
export function kpisAffectedBy(
  catalog: readonly KpiDefinition[],
  changedTypes: readonly string[],
): KpiDefinition[] {
  return catalog.filter((definition) => {
    const types = typesOf(definition);
    return changedTypes.some((t) => types.has(t));
  });
}

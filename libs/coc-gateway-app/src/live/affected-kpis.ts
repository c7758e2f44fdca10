import { filtersOf, type KpiDefinition } from '@libs/kpi';

/** Definitions are immutable: each one's types are worked out once, not once per notice. */
const typesByDefinition = new WeakMap<KpiDefinition, ReadonlySet<string>>();

/** Event types whose arrival can move a KPI: its formula's and its measures'. */
function typesOf(definition: KpiDefinition): ReadonlySet<string> {
  let types = typesByDefinition.get(definition);
  if (!types) {
    const formulas = [definition.formula, ...(definition.measures ?? []).map((m) => m.formula)];
    types = new Set(formulas.flatMap((f) => filtersOf(f).map((filter) => filter.type)));
    typesByDefinition.set(definition, types);
  }
  return types;
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

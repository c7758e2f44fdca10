import { isUnitCodeFormat } from '@libs/contracts';
import { PLANS } from '@libs/kpi';
import { InvalidReferenceDataError, type AdministrativeHierarchy, type AsOf } from '@libs/admin-units';

/**
 * The compiled-in default: the default hierarchy's province has no plan of its own, so its units
 * follow the Đồng Nai commune guidance (most commune figures) and then the Tháp Mười district plan
 * (the district figures, and commune figures the guidance lacks).
 */
export const DEFAULT_UNIT_PLANS = JSON.stringify({
  '*': ['dongNaiCommuneGuidance2022', 'thapMuoiDistrict2022'],
});

/** Plan names by unit code, highest priority first; '*' stands for every unit without an entry. */
export type UnitPlans = ReadonlyMap<string, readonly string[]>;
export const UNIT_PLANS = Symbol('UNIT_PLANS');

const ANY_UNIT = '*';
type PlanKey = keyof typeof PLANS;
const isPlanKey = (value: unknown): value is PlanKey =>
  typeof value === 'string' && Object.hasOwn(PLANS, value);

/** Reads COC_UNIT_PLANS, failing with the variable's name and the offending entry. */
export function parseUnitPlans(json: string): UnitPlans {
  const fail = (problem: string): never => {
    throw new InvalidReferenceDataError(`COC_UNIT_PLANS: ${problem}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    fail(`not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail('expected an object of unit code (or "*") → list of plan keys');
  }
  const plans = new Map<string, string[]>();
  for (const [code, keys] of Object.entries(parsed as Record<string, unknown>)) {
    if (code !== ANY_UNIT && !isUnitCodeFormat(code)) fail(`"${code}" is neither a unit code nor "*"`);
    if (!Array.isArray(keys)) fail(`the plans of ${code} must be a list`);
    const list = keys as unknown[];
    for (const key of list) {
      if (!isPlanKey(key))
        fail(`unknown plan ${JSON.stringify(key)} for ${code}; known: ${Object.keys(PLANS).join(', ')}`);
    }
    if (new Set(list).size !== list.length) fail(`the plans of ${code} repeat a plan`);
    plans.set(
      code,
      (list as PlanKey[]).map((key) => PLANS[key].name),
    );
  }
  return plans;
}

/** The plans of a unit on a date: its own entry, else its nearest ancestor's, else '*'. */
export function plansFor(
  unitPlans: UnitPlans,
  hierarchy: AdministrativeHierarchy,
  code: string,
  date: AsOf,
): readonly string[] {
  const lineage = [code, ...hierarchy.ancestorsOf(code, date).map((u) => u.code), ANY_UNIT];
  for (const candidate of lineage) {
    const plans = unitPlans.get(candidate);
    if (plans) return plans;
  }
  return [];
}

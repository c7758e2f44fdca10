import { PLANS } from '@libs/kpi';
import { InvalidReferenceDataError } from '@libs/admin-units';
import { mergedHierarchy } from '../../test/merged-hierarchy.fixture';
import { DEFAULT_UNIT_PLANS, parseUnitPlans, plansFor } from './unit-plans';

const hierarchy = mergedHierarchy();

describe(parseUnitPlans.name, () => {
  it('reads plan keys into plan names, per unit', () => {
    const sut = parseUnitPlans(DEFAULT_UNIT_PLANS);
    expect(sut.get('*')).toEqual([PLANS.dongNaiCommuneGuidance2022.name, PLANS.thapMuoiDistrict2022.name]);
  });

  it.each([
    ['not JSON', '{', 'COC_UNIT_PLANS: not JSON'],
    ['a list', '[]', 'COC_UNIT_PLANS: expected an object'],
    ['a bad code', '{"2673":["benTrePilot2021"]}', 'COC_UNIT_PLANS: "2673" is neither a unit code nor "*"'],
    ['plans not listed', '{"26":"benTrePilot2021"}', 'COC_UNIT_PLANS: the plans of 26 must be a list'],
    [
      'an unknown plan',
      '{"26":["hanoi2030"]}',
      'COC_UNIT_PLANS: unknown plan "hanoi2030" for 26; known: benTrePilot2021',
    ],
    [
      'a repeated plan',
      '{"*":["benTrePilot2021","benTrePilot2021"]}',
      'COC_UNIT_PLANS: the plans of * repeat a plan',
    ],
  ])('refuses %s, naming the variable', (_case, json, message) => {
    expect(() => parseUnitPlans(json)).toThrow(InvalidReferenceDataError);
    expect(() => parseUnitPlans(json)).toThrow(message);
  });
});

describe(plansFor.name, () => {
  const sut = parseUnitPlans(
    JSON.stringify({ '*': ['dongNaiCommuneGuidance2022'], '248': ['thapMuoiDistrict2022'], '26737': [] }),
  );

  it('takes the unit’s own entry, else its nearest ancestor’s, else "*"', () => {
    expect(plansFor(sut, hierarchy, '248', '2025-06-30')).toEqual([PLANS.thapMuoiDistrict2022.name]);
    expect(plansFor(sut, hierarchy, '26734', '2025-06-30')).toEqual([PLANS.thapMuoiDistrict2022.name]);
    expect(plansFor(sut, hierarchy, '26737', '2025-06-30')).toEqual([]);
    expect(plansFor(sut, hierarchy, '26740', '2025-06-30')).toEqual([PLANS.dongNaiCommuneGuidance2022.name]);
    // After the reform 26734 sits directly under province 25: district 248's plans no longer reach it.
    expect(plansFor(sut, hierarchy, '26734', '2026-01-01')).toEqual([PLANS.dongNaiCommuneGuidance2022.name]);
  });

  it('gives no plan when nothing matches', () => {
    expect(plansFor(new Map(), hierarchy, '26734', '2026-01-01')).toEqual([]);
  });
});

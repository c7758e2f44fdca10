import { findKpi } from '../catalog/kpi-catalog';
import { PLANS } from '../catalog/plans';
import type { KpiDefinition } from '../catalog/kpi-definition';
import type { KpiTarget } from '../catalog/kpi-target';
import { applicableTarget, applicableTargets, assessKpi, KPI_STATUS_LABELS, kpiStatus } from './kpi-status';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const target = (comparator: KpiTarget['comparator'], value: number): KpiTarget => ({
  plan: 'p',
  issuer: 'i',
  level: 'commune',
  year: 2025,
  comparator,
  value,
  citation: 'Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai, mục I',
});

const workFiles = kpi('work_files_processed_online_pct');
const { benTrePilot2021, thapMuoiDistrict2022, tinhTraCommune2024, dongNaiCommuneGuidance2022 } = PLANS;

describe('applicableTarget', () => {
  it('takes the exact year of one of the unit’s plans at its level', () => {
    const t = applicableTarget(workFiles, {
      level: 'commune',
      year: 2025,
      plans: [dongNaiCommuneGuidance2022.name],
    });
    expect([t?.comparator, t?.value, t?.citation]).toEqual([
      '=',
      80,
      'Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai, mục I.1.2.1.a',
    ]);
  });

  it('otherwise the latest earlier year, and never a later one', () => {
    const plans = [thapMuoiDistrict2022.name];
    expect(applicableTarget(workFiles, { level: 'commune', year: 2027, plans })?.year).toBe(2025);
    expect(applicableTarget(workFiles, { level: 'commune', year: 2031, plans })?.value).toBe(70);
    expect(applicableTarget(workFiles, { level: 'commune', year: 2024, plans })).toBeUndefined();
  });

  it('prefers a later year over plan order, then breaks ties by the order of the unit’s plans', () => {
    const all = { level: 'commune' as const, year: 2025 };
    const benTreFirst = [benTrePilot2021.name, tinhTraCommune2024.name, dongNaiCommuneGuidance2022.name];
    expect(applicableTarget(workFiles, { ...all, plans: benTreFirst })?.plan).toBe(tinhTraCommune2024.name);
    expect(
      applicableTargets(workFiles, {
        ...all,
        plans: [dongNaiCommuneGuidance2022.name, tinhTraCommune2024.name],
      }).map((t) => [t.plan, t.comparator, t.value]),
    ).toEqual([
      [dongNaiCommuneGuidance2022.name, '=', 80],
      [tinhTraCommune2024.name, '>', 70],
    ]);
  });

  it('keeps levels apart and ignores plans the unit is not under', () => {
    const plans = [benTrePilot2021.name];
    expect(applicableTarget(workFiles, { level: 'district', year: 2021, plans })?.value).toBe(80);
    expect(applicableTarget(workFiles, { level: 'province', year: 2021, plans })).toBeUndefined();
    expect(applicableTarget(workFiles, { level: 'commune', year: 2025, plans: [] })).toBeUndefined();
    expect(
      applicableTarget(kpi('dossiers_on_time_pct'), { level: 'commune', year: 2025, plans }),
    ).toBeUndefined();
  });
});

describe('kpiStatus', () => {
  it("reads '=' as reaching the figure: 'đạt 100%' is met only at 100, 'đạt 60%' by anything from 60", () => {
    expect(kpiStatus(100, target('=', 100))).toBe('meets');
    expect(kpiStatus(99.9, target('=', 100))).toBe('below');
    expect(kpiStatus(60, target('=', 60))).toBe('meets');
    expect(kpiStatus(75, target('=', 60))).toBe('meets');
    expect(kpiStatus(3, target('=', 5), 'lower_is_better')).toBe('meets');
    expect(kpiStatus(6, target('=', 5), 'lower_is_better')).toBe('below');
  });

  it("keeps '>' strict and '≥' inclusive", () => {
    expect(kpiStatus(70, target('>', 70))).toBe('below');
    expect(kpiStatus(70.01, target('>', 70))).toBe('meets');
    expect(kpiStatus(80, target('≥', 80))).toBe('meets');
    expect(kpiStatus(79.99, target('≥', 80))).toBe('below');
  });

  it("accepts '~' within ±5% of the figure, relative", () => {
    expect(kpiStatus(19, target('~', 20))).toBe('meets');
    expect(kpiStatus(21, target('~', 20))).toBe('meets');
    expect(kpiStatus(18.9, target('~', 20))).toBe('below');
    expect(kpiStatus(21.1, target('~', 20))).toBe('below');
  });

  it('judges an aspirational figure like a plain one and flags it', () => {
    expect(kpiStatus(100, target('aspirational', 100))).toBe('meets');
    expect(kpiStatus(90, target('aspirational', 100))).toBe('below');
    const aspirational = { ...workFiles, targets: [target('aspirational', 100)] };
    expect(assessKpi(aspirational, 90, { level: 'commune', year: 2025, plans: ['p'] })).toMatchObject({
      status: 'below',
      aspirational: true,
    });
  });

  it('tells no data from zero and from no target', () => {
    expect(kpiStatus(null, target('=', 100))).toBe('no_data');
    expect(kpiStatus(null, undefined)).toBe('no_data');
    expect(kpiStatus(0, undefined)).toBe('no_target');
    expect(kpiStatus(0, target('=', 100))).toBe('below');
  });

  it('labels statuses in Vietnamese', () => {
    expect(Object.values(KPI_STATUS_LABELS).map((l) => l.vi)).toEqual([
      'đạt',
      'chưa đạt',
      'chưa có chỉ tiêu',
      'chưa có dữ liệu',
    ]);
  });
});

describe('assessKpi', () => {
  it('judges a value against the target of the unit’s plan and says where the figure comes from', () => {
    const context = { level: 'commune' as const, year: 2025 };
    expect(assessKpi(workFiles, 75, { ...context, plans: [dongNaiCommuneGuidance2022.name] })).toMatchObject({
      status: 'below',
      labelVi: 'chưa đạt',
      target: {
        plan: dongNaiCommuneGuidance2022.name,
        issuer: "Đồng Nai Provincial People's Committee",
        value: 80,
      },
    });
    expect(assessKpi(workFiles, 75, { ...context, plans: [thapMuoiDistrict2022.name] }).status).toBe('meets');
    expect(assessKpi(workFiles, null, { ...context, plans: [thapMuoiDistrict2022.name] }).labelVi).toBe(
      'chưa có dữ liệu',
    );
  });
});

import { EVENT_DEFINITIONS } from '@libs/contracts';
import { filtersOf } from './kpi-formula';
import { KPI_CATALOG, findKpi } from './kpi-catalog';
import { defineKpi, type KpiDefinition } from './kpi-definition';

const FIRST_SET = [
  'docs_exchanged_online_pct',
  'docs_digitally_signed_pct',
  'work_files_processed_online_pct',
  'docs_overdue_count',
  'officials_qlvb_active_pct',
  'tthc_dossiers_fully_online_pct',
  'tthc_dossiers_on_central_onestop_pct',
  'dossiers_per_configured_workflow_pct',
  'dossiers_on_time_pct',
  'dossiers_overdue_open',
  'tthc_satisfaction_pct',
  'dvc_users_eid_authenticated_pct',
  'tthc_fee_paid_cashless_pct',
  'tthc_results_digitized_pct',
  'camera_online_pct',
  'ai_camera_alerts_count',
  'traffic_congestion_events',
  'reports_submitted_on_time_pct',
  'agencies_using_reporting_system_pct',
  'households_fibre_coverage_pct',
  'population_payment_account_pct',
  'households_vpostcode_pct',
  'ocop_products_online_pct',
  'residents_telehealth_access_pct',
];

const EVENT_TYPES = new Set(EVENT_DEFINITIONS.map((d) => d.type));

describe('KPI_CATALOG', () => {
  it('registers exactly the first set, once each', () => {
    expect(KPI_CATALOG.map((k) => k.id)).toEqual(FIRST_SET);
    expect(findKpi('camera_online_pct')?.nameVi).toBe('Camera hoạt động');
    expect(findKpi('nope')).toBeUndefined();
  });

  it('reads only event types of the agreed vocabulary', () => {
    const read = KPI_CATALOG.flatMap((k) => [k.formula, ...(k.measures ?? []).map((m) => m.formula)]).flatMap(
      (f) => filtersOf(f).map((filter) => filter.type),
    );
    expect(read.filter((type) => !EVENT_TYPES.has(type))).toEqual([]);
  });

  it('keeps targets as cited data, and none where the plans set none', () => {
    const none = [
      'docs_overdue_count',
      'dossiers_on_time_pct',
      'dossiers_overdue_open',
      'tthc_fee_paid_cashless_pct',
      'camera_online_pct',
      'ai_camera_alerts_count',
      'traffic_congestion_events',
      'reports_submitted_on_time_pct',
    ];
    for (const kpi of KPI_CATALOG) {
      expect([kpi.id, kpi.targets.length === 0]).toEqual([kpi.id, none.includes(kpi.id)]);
      // Cited as a reader would: the document (kind, number or "chưa ghi số", date, issuer) and its section.
      for (const t of kpi.targets)
        expect(t.citation).toMatch(
          /^(Kế hoạch|Công văn) .+ của UBND (tỉnh|huyện|xã) .+, mục [IVX0-9][.0-9IVXa-z]*$/,
        );
    }
    expect(findKpi('work_files_processed_online_pct')?.targets).toHaveLength(8);
  });

  it('marks the five reported figures as reported', () => {
    expect(KPI_CATALOG.filter((k) => k.mode === 'reported').map((k) => k.id)).toEqual(FIRST_SET.slice(19));
  });
});

describe('defineKpi', () => {
  const base = findKpi('tthc_satisfaction_pct') as KpiDefinition;

  it.each([
    ['an id that is not snake_case', { id: 'Satisfaction' }, 'snake_case'],
    ['a mode that does not fit the formula', { mode: 'state' }, 'mode event'],
    ['a unit that does not fit the formula', { unit: 'count' }, 'cannot have unit count'],
    ['an event type from another source', { sources: ['qlvb'] }, 'does not come from its sources'],
    ['a target out of range', { targets: [{ ...base.targets[0], value: 120 }] }, 'out of range'],
    [
      'two targets for one plan, level and year',
      { targets: [base.targets[0], base.targets[0]] },
      'two targets',
    ],
    [
      'alsoIn without distinctBy',
      {
        formula: {
          kind: 'count',
          of: { type: 'onestop.dossier.rated', alsoIn: [{ type: 'onestop.result.returned' }] },
        },
        unit: 'count',
      },
      'alsoIn needs distinctBy',
    ],
  ] as const)('refuses %s', (_, change, message) => {
    expect(() => defineKpi({ ...base, ...(change as Partial<KpiDefinition>) })).toThrow(message);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import { ReferenceData } from '../reference-data';
import { InvalidImportError } from '../table/import-problem';
import { readTable } from '../table/read-table';
import { planRostersImport } from '../rosters/rosters-import';
import { planTargetsImport } from '../targets/targets-import';
import { definitionOf, parseIndicatorCatalog, type IndicatorSpec } from './indicator-catalog';

const EXAMPLE = readFileSync(
  join(__dirname, '../../../../apps/connector-cli/examples/reference/indicators.example.json'),
  'utf8',
);
const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
const spec = (patch: Partial<IndicatorSpec>): IndicatorSpec => ({
  id: 'budget_revenue',
  nameVi: 'Thu ngân sách',
  nameEn: 'Budget revenue',
  unit: 'tỷ đồng',
  direction: 'higher_is_better',
  pillar: 'kinh_te',
  cadence: 'yearly',
  rollUp: { kind: 'sum' },
  ...patch,
});
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidImportError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};
const catalogOf = (...indicators: IndicatorSpec[]) => JSON.stringify({ indicators });

describe('run-time indicator catalog', () => {
  it('loads the example, marked as one, with no targets', () => {
    const catalog = parseIndicatorCatalog(EXAMPLE);
    expect(catalog.example).toBe(true);
    const kpis = catalog.indicators.map(definitionOf);
    expect(kpis.map((k) => [k.id, k.unit, k.formula])).toEqual([
      [
        'example_budget_revenue',
        'amount',
        { kind: 'reported', indicatorId: 'example_budget_revenue', rollUp: 'sum' },
      ],
      ['example_income_per_head', 'amount', expect.objectContaining({ rollUp: 'ratio', scale: 1 })],
      ['example_poor_household_rate_pct', '%', expect.objectContaining({ rollUp: 'ratio' })],
      ['example_health_insurance_coverage_pct', '%', expect.objectContaining({ rollUp: 'ratio' })],
      ['example_new_rural_criteria_met', 'amount', expect.objectContaining({ rollUp: 'not_additive' })],
    ]);
    expect(kpis.every((k) => k.targets.length === 0 && k.origin === 'local' && k.mode === 'reported')).toBe(
      true,
    );
    expect(kpis[0]).toMatchObject({ unitLabel: 'tỷ đồng', pillar: 'kinh_te', sources: ['reporting'] });
  });

  it('refuses an id of a built-in KPI, duplicates, and roll-ups that cannot hold', () => {
    expect(
      refusal(() =>
        parseIndicatorCatalog(
          catalogOf(
            spec({
              id: 'households_fibre_coverage_pct',
              unit: '%',
              rollUp: { kind: 'ratio', denominator: 'households' },
            }),
          ),
        ),
      ),
    ).toContain('the id is a built-in KPI’s');
    expect(refusal(() => parseIndicatorCatalog(catalogOf(spec({}), spec({}))))).toContain(
      '/indicators/1 (budget_revenue): the id is defined twice',
    );
    expect(
      refusal(() => parseIndicatorCatalog(catalogOf(spec({ rollUp: { kind: 'ratio', denominator: 'x' } })))),
    ).toContain('a ratio of sums that is not a percentage names its scale');
    expect(
      refusal(() =>
        parseIndicatorCatalog(
          catalogOf(spec({ unit: '%', rollUp: { kind: 'ratio', denominator: 'x', scale: 1000 } })),
        ),
      ),
    ).toContain('a percentage’s scale is 100');
    expect(
      refusal(() => parseIndicatorCatalog(catalogOf(spec({ rollUp: { kind: 'sum', scale: 1 } })))),
    ).toContain('only a ratio of sums has a scale');
    expect(
      refusal(() =>
        parseIndicatorCatalog(catalogOf(spec({ rollUp: { kind: 'ratio', denominator: 'x', scale: 0 } }))),
      ),
    ).toContain('/indicators/0/rollUp/scale must be > 0');
    expect(
      refusal(() => parseIndicatorCatalog(catalogOf(spec({ unit: '%', rollUp: { kind: 'ratio' } })))),
    ).toContain('a ratio of sums names its denominator');
    expect(refusal(() => parseIndicatorCatalog(catalogOf(spec({ unit: '%' }))))).toContain(
      'percentages do not add up',
    );
    expect(refusal(() => parseIndicatorCatalog('{"indicators":[{"id":"Bad Id"}]}'))).toContain(
      '/indicators/0 must have required property',
    );
    expect(refusal(() => parseIndicatorCatalog('{'))).toMatch(/^not JSON/);
  });

  it('places each indicator in the wall-screen column it declares, else the one its pillar names', () => {
    const kpis = parseIndicatorCatalog(EXAMPLE).indicators.map(definitionOf);
    expect(kpis.map((k) => [k.id, k.screenPillar])).toEqual([
      ['example_budget_revenue', 'digital_economy'],
      ['example_income_per_head', 'digital_economy'],
      ['example_poor_household_rate_pct', 'digital_society'],
      ['example_health_insurance_coverage_pct', 'digital_society'],
      ['example_new_rural_criteria_met', 'digital_economy'],
    ]);
    expect(definitionOf(spec({ pillar: 'chinh_quyen_so' })).screenPillar).toBe('digital_government');
    expect(definitionOf(spec({ pillar: 'digital_government' })).screenPillar).toBe('digital_government');
    expect(definitionOf(spec({ pillar: 'y_te' })).screenPillar).toBe('digital_society');
    expect(
      refusal(() => parseIndicatorCatalog(catalogOf({ ...spec({}), screenPillar: 'kinh_te' as never }))),
    ).toContain('/indicators/0/screenPillar must be equal to one of the allowed values');
  });

  it('never lets a stored indicator hide a built-in KPI', () => {
    const shadow = { ...definitionOf(spec({})), id: 'docs_overdue_count' };
    expect(() => new ReferenceData('', hierarchy, 'configuration', [shadow], [])).toThrow(
      'has the id of a built-in KPI',
    );
  });
});

describe('rosters and local targets', () => {
  const csv = (text: string) => readTable(Buffer.from(text), 'csv');

  it('checks roster names, units on the date and counts, and diffs against the stored ones', async () => {
    const stored = [{ unitCode: '26734', roster: 'qlvb_officials', count: 40, validFrom: '2025-07-01' }];
    const diff = planRostersImport(
      await csv(
        'unit_code,roster,count,valid_from\n26734,qlvb_officials,48,2025-07-01\n26740,qlvb_officials,40,2025-07-01\n',
      ),
      ['qlvb_officials'],
      hierarchy,
      stored,
    );
    expect(diff.changes).toEqual([
      { change: 'changed', before: stored[0], record: { ...stored[0], count: 48 } },
      {
        change: 'added',
        record: { unitCode: '26740', roster: 'qlvb_officials', count: 40, validFrom: '2025-07-01' },
      },
    ]);
    const bad = await csv(
      'unit_code,roster,count,valid_from\n26737,qlvb_officals,4.5,2025-07-01\n26734,qlvb_officials,3,2025-07-01\n26734,qlvb_officials,3,2025-07-01\n',
    );
    expect(refusal(() => planRostersImport(bad, ['qlvb_officials'], hierarchy, [])).split('\n')).toEqual([
      'line 2, column "count": a roster count is a whole number ≥ 0, got 4.5',
      'line 2, column "roster": no KPI reads a roster "qlvb_officals"; known: qlvb_officials',
      'line 2, column "unit_code": no unit 26737 on 2025-07-01',
      'line 4: qlvb_officials of 26734 from 2025-07-01 is also on line 3',
    ]);
  });

  it('takes targets only for run-time indicators, with their document', async () => {
    const indicators = [definitionOf(spec({}))];
    const header = 'unit_code,year,indicator,comparator,value,document,document_date,issuer\n';
    const diff = planTargetsImport(
      await csv(`${header}26734,2026,budget_revenue,>=,45,12/NQ-HĐND,2025-12-20,HĐND xã Tam Đảo\n`),
      indicators,
      hierarchy,
      [],
    );
    expect(diff.changes[0].record).toEqual({
      unitCode: '26734',
      indicatorId: 'budget_revenue',
      year: 2026,
      comparator: '≥',
      value: 45,
      document: '12/NQ-HĐND',
      documentDate: '2025-12-20',
      issuer: 'HĐND xã Tam Đảo',
    });
    const bad = await csv(`${header}26737,2026,docs_overdue_count,about,x,,20-12-2025,\n`);
    expect(refusal(() => planTargetsImport(bad, indicators, hierarchy, [])).split('\n')).toEqual([
      'line 2, column "indicator": no run-time indicator "docs_overdue_count" in the loaded catalog',
      'line 2, column "comparator": expected one of = > ≥ ~ aspirational (or >=), got "about"',
      'line 2, column "value": expected a number, got "x"',
      'line 2, column "document": is empty',
      'line 2, column "document_date": expected a date YYYY-MM-DD, got "20-12-2025"',
      'line 2, column "issuer": is empty',
      'line 2, column "unit_code": no unit 26737 in 2026',
    ]);
  });

  it('judges a run-time indicator only by the target its unit’s document sets for that year', () => {
    const indicator = definitionOf(spec({}));
    const target = {
      unitCode: '26734',
      indicatorId: 'budget_revenue',
      year: 2026,
      comparator: '≥' as const,
      value: 45,
      document: '12/NQ-HĐND',
      documentDate: '2025-12-20',
      issuer: 'HĐND xã Tam Đảo',
    };
    const data = new ReferenceData('', hierarchy, 'configuration', [indicator], [target]);
    const context = { level: 'commune' as const, year: 2026, plans: ['dongNaiCommuneGuidance2022'] };
    const own = data.assessmentOf(indicator, { code: '26734', level: 'commune' }, context);
    expect(own.definition.targets).toEqual([
      {
        plan: '12/NQ-HĐND (26734)',
        issuer: 'HĐND xã Tam Đảo',
        level: 'commune',
        year: 2026,
        comparator: '≥',
        value: 45,
        citation: '12/NQ-HĐND, 2025-12-20',
      },
    ]);
    expect(own.context.plans).toEqual(['12/NQ-HĐND (26734)']);
    expect(data.assessmentOf(indicator, { code: '26740', level: 'commune' }, context).context.plans).toEqual(
      [],
    );
    expect(
      data.assessmentOf(indicator, { code: '26734', level: 'commune' }, { ...context, year: 2027 }).context
        .plans,
    ).toEqual([]);
    expect(data.findKpi('budget_revenue')).toBe(indicator);
    expect(data.kpis).toHaveLength(25);
  });
});

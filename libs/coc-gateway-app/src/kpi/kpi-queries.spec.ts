import { BadRequestException, NotFoundException } from '@nestjs/common';
import { KPI_CATALOG, PLANS, type KpiEvent } from '@libs/kpi';
import { IndicatorReported, exampleEnvelope } from '@libs/contracts';
import { mergedHierarchy } from '../../test/merged-hierarchy.fixture';
import { DEFAULT_UNIT_PLANS, parseUnitPlans } from '../hierarchy/unit-plans';
import { dossier, JUNE_2025_DOSSIERS } from '../../test/dossier-events.fixture';
import { InMemoryKpiEngine } from '../../test/in-memory-kpi-engine';
import { ReferenceData, definitionOf, type LocalTarget } from '@libs/reference-data';
import { KpiQueryEnv } from './kpi-query.env';
import type { UnitKpisDto } from './kpi-responses.dto';
import { KpiReader, type UnitRequest } from './kpi-reader.service';
import { GetKpiBreakdownHandler } from './queries/get-kpi-breakdown.handler';
import { GetKpiBreakdownQuery } from './queries/get-kpi-breakdown.query';
import { GetKpiCatalogHandler } from './queries/get-kpi-catalog.handler';
import { GetKpiSeriesHandler } from './queries/get-kpi-series.handler';
import { GetKpiSeriesQuery } from './queries/get-kpi-series.query';
import { GetUnitKpiHandler } from './queries/get-unit-kpi.handler';
import { GetUnitKpiQuery } from './queries/get-unit-kpi.query';
import { GetUnitKpisHandler } from './queries/get-unit-kpis.handler';
import { GetUnitKpisQuery } from './queries/get-unit-kpis.query';
import { GetKpisOfEachUnitHandler } from './queries/get-kpis-of-each-unit.handler';
import { GetKpisOfEachUnitQuery } from './queries/get-kpis-of-each-unit.query';
import { GetKpiSeriesOfEachUnitHandler } from './queries/get-kpi-series-of-each-unit.handler';
import { GetKpiSeriesOfEachUnitQuery } from './queries/get-kpi-series-of-each-unit.query';

const KPI = 'tthc_dossiers_on_central_onestop_pct';
const JUNE = { period: 'month', date: '2025-06-15' } as const;
const NOW = new Date('2026-11-23T05:00:00Z');
const unit = (unitCode: string, extra: Partial<UnitRequest> = {}): UnitRequest => ({
  unitCode,
  requestedAt: NOW,
  ...extra,
});

function setUp(
  events: KpiEvent[] = JUNE_2025_DOSSIERS,
  reference = new ReferenceData('', mergedHierarchy(), 'configuration', [], []),
) {
  const engine = new InMemoryKpiEngine(events);
  const reader = new KpiReader(
    engine,
    engine,
    mergedHierarchy(),
    parseUnitPlans(DEFAULT_UNIT_PLANS),
    { current: () => reference },
    new KpiQueryEnv(),
  );
  return {
    engine,
    catalog: new GetKpiCatalogHandler(reader),
    one: new GetUnitKpiHandler(reader),
    all: new GetUnitKpisHandler(reader),
    series: new GetKpiSeriesHandler(reader),
    breakdown: new GetKpiBreakdownHandler(reader),
    each: new GetKpisOfEachUnitHandler(reader),
    seriesEach: new GetKpiSeriesOfEachUnitHandler(reader),
  };
}

describe(GetKpiCatalogHandler.name, () => {
  it('lists every KPI with its targets and their provenance', async () => {
    const sut = await setUp().catalog.execute();
    expect(sut.map((k) => k.id)).toEqual(KPI_CATALOG.map((k) => k.id));
    expect(sut.find((k) => k.id === KPI)).toMatchObject({
      unit: '%',
      direction: 'higher_is_better',
      sources: ['onestop'],
      cadence: 'daily',
      breakdowns: ['channel'],
      targets: [
        {
          plan: PLANS.dongNaiCommuneGuidance2022.name,
          issuer: PLANS.dongNaiCommuneGuidance2022.issuer,
          level: 'commune',
          year: 2025,
          comparator: '=',
          value: 100,
          citation: 'Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai, mục I.1.2.1.a',
        },
      ],
    });
  });
});

describe(GetUnitKpiHandler.name, () => {
  it('gives a commune its N, D and value, judged against its plan’s target', async () => {
    const { one } = setUp();
    const sut = await one.execute(new GetUnitKpiQuery(unit('26734'), KPI, JUNE));
    expect(sut).toMatchObject({
      unit: { code: '26734', name: 'Xã Hợp Châu', level: 'commune' },
      hierarchy: 'current',
      hierarchyDate: '2025-06-15',
      communes: ['26734'],
      plans: [PLANS.dongNaiCommuneGuidance2022.name, PLANS.thapMuoiDistrict2022.name],
      period: { kind: 'month', from: '2025-06-01', to: '2025-06-30', start: '2025-05-31T17:00:00.000Z' },
      asOf: NOW.toISOString(),
    });
    expect(sut.kpi).toMatchObject({
      kpiId: KPI,
      numerator: 3,
      denominator: 4,
      value: 75,
      noData: null,
      unitsWithoutData: 0,
      asOf: NOW.toISOString(),
      freshness: { periodComplete: true, lastEventAt: '2025-07-01T01:30:00.000Z' },
      target: {
        plan: PLANS.dongNaiCommuneGuidance2022.name,
        level: 'commune',
        year: 2025,
        comparator: '=',
        value: 100,
      },
      status: 'below',
      statusLabelVi: 'chưa đạt',
      aspirational: false,
    });
  });

  it('adds up a district’s communes (never averages) and uses the district’s targets', async () => {
    const { one, engine } = setUp();
    const sut = await one.execute(new GetUnitKpiQuery(unit('248'), KPI, JUNE));
    expect(sut.communes).toEqual(['26734', '26737']);
    expect(sut.kpi).toMatchObject({ numerator: 4, denominator: 6, unitsWithoutData: 0 });
    expect(sut.kpi.value).toBeCloseTo(66.667, 3);
    expect(sut.kpi).toMatchObject({ target: null, status: 'no_target', statusLabelVi: 'chưa có chỉ tiêu' });
    expect(engine.calls.at(-1)?.options.unitCodes).toEqual(['26734', '26737']);
  });

  it('counts the communes of a province that have no feed, and leaves them out of the value', async () => {
    const { one } = setUp();
    const sut = await one.execute(new GetUnitKpiQuery(unit('26'), KPI, JUNE));
    expect(sut.communes).toEqual(['26734', '26737', '26740', '26743']);
    expect(sut.kpi).toMatchObject({
      numerator: 4,
      denominator: 6,
      unitsWithoutData: 2,
      communesWithoutData: ['26740', '26743'],
    });
  });

  it('shows a commune without a feed as no data, not 0', async () => {
    const { one } = setUp();
    const sut = await one.execute(new GetUnitKpiQuery(unit('26740'), KPI, JUNE));
    expect(sut.kpi).toMatchObject({
      value: null,
      noData: 'no_feed',
      unitsWithoutData: 1,
      status: 'no_data',
      statusLabelVi: 'chưa có dữ liệu',
      freshness: { lastEventAt: null, lastIngestedAt: null },
    });
  });

  it('reads only events that occurred before asOf, and says the period is not complete', async () => {
    const { one } = setUp();
    const sut = await one.execute(
      new GetUnitKpiQuery(unit('26734', { asOf: '2025-06-11T00:00:00+07:00' }), KPI, JUNE),
    );
    expect(sut.kpi).toMatchObject({ numerator: 2, denominator: 2, value: 100, status: 'meets' });
    expect(sut.kpi.freshness).toMatchObject({
      periodComplete: false,
      lastEventAt: '2025-06-10T02:00:00.000Z',
    });
  });

  it('re-aggregates a merged commune’s history under the current map, and keeps districts in pre2025', async () => {
    const { one } = setUp();
    const year = { period: 'year', date: '2025-12-31' } as const;
    const merged = await one.execute(new GetUnitKpiQuery(unit('26734'), KPI, year));
    expect(merged.unit.name).toBe('Xã Tam Đảo');
    expect(merged.kpi).toMatchObject({ numerator: 5, denominator: 7 });

    await expect(one.execute(new GetUnitKpiQuery(unit('248'), KPI, year))).rejects.toThrow(
      'unit 248 is not in the administrative hierarchy on 2025-12-31 (hierarchy=current); units abolished by the 1 July 2025 reform are in hierarchy=pre2025',
    );
    const district = await one.execute(new GetUnitKpiQuery(unit('248', { hierarchy: 'pre2025' }), KPI, year));
    expect(district).toMatchObject({
      hierarchy: 'pre2025',
      hierarchyDate: '2025-06-30',
      communes: ['26734', '26737'],
    });
    expect(district.kpi).toMatchObject({ numerator: 5, denominator: 7 });
  });

  it('answers 404 for an unknown unit or KPI, and 400 for an impossible period', async () => {
    const { one } = setUp();
    await expect(one.execute(new GetUnitKpiQuery(unit('99999'), KPI, JUNE))).rejects.toThrow(
      NotFoundException,
    );
    await expect(one.execute(new GetUnitKpiQuery(unit('26734'), 'no_such_kpi', JUNE))).rejects.toThrow(
      new NotFoundException('no KPI no_such_kpi; GET /api/v1/kpis lists them'),
    );
    await expect(
      one.execute(new GetUnitKpiQuery(unit('26734'), KPI, { period: 'custom', from: '2025-06-01' })),
    ).rejects.toThrow(BadRequestException);
  });
});

describe(GetUnitKpisHandler.name, () => {
  it('gives every KPI of the catalog, fed or not, with its measures', async () => {
    const { all } = setUp();
    const sut = await all.execute(new GetUnitKpisQuery(unit('26734'), JUNE));
    expect(sut.kpis.map((k) => k.kpiId)).toEqual(KPI_CATALOG.map((k) => k.id));
    expect(sut.kpis.find((k) => k.kpiId === KPI)?.value).toBe(75);
    expect(sut.kpis.find((k) => k.kpiId === 'docs_exchanged_online_pct')).toMatchObject({
      value: null,
      noData: 'no_feed',
      status: 'no_data',
      target: { plan: PLANS.dongNaiCommuneGuidance2022.name, value: 100 },
    });
    expect(sut.kpis.find((k) => k.kpiId === 'ai_camera_alerts_count')?.measures).toEqual([
      expect.objectContaining({ measureId: 'minutes_to_acknowledge_median', value: null, noData: 'no_feed' }),
    ]);
  });
});

describe(GetKpisOfEachUnitHandler.name, () => {
  // 1 July 2025: the merged communes' day is theirs alone (evaluated together); June's month
  // re-aggregates the units merged into them (evaluated one by one); 25 is a province.
  it.each([
    ['2025-07-01T12:00:00+07:00', 'day'],
    ['2025-06-30T12:00:00+07:00', 'month'],
  ] as const)('answers each unit as GetUnitKpisQuery does, as of %s for the %s', async (at, period) => {
    const { each, all } = setUp();
    const requestedAt = new Date(at);
    const ids = KPI_CATALOG.map((k) => k.id);
    const sut = await each.execute(
      new GetKpisOfEachUnitQuery(['26734', '26740', '25', '99999'], requestedAt, { period }, ids),
    );
    for (const code of ['26734', '26740', '25', '99999']) {
      const rest = await all
        .execute(new GetUnitKpisQuery(unit(code, { requestedAt }), { period }, ids))
        .catch((error: unknown) => error);
      if (rest instanceof NotFoundException) {
        expect(sut.get(code)).toEqual(rest);
        continue;
      }
      const { kpis, ...scope } = rest as UnitKpisDto;
      expect(sut.get(code)).toEqual({
        ...scope,
        kpis: kpis.map(({ measures: _m, freshness: _f, ...figures }) => figures),
      });
    }
    expect(sut.get('26734')).toMatchObject({
      kpis: expect.arrayContaining([expect.objectContaining({ kpiId: KPI, numerator: expect.any(Number) })]),
    });
    expect(sut.get('99999')).toBeInstanceOf(NotFoundException);
  });
});

describe(GetKpiSeriesOfEachUnitHandler.name, () => {
  it.each([
    ['month', { from: '2025-06-01', to: '2025-07-31' }],
    ['day', { from: '2025-07-01', to: '2025-07-03' }],
  ] as const)('answers each unit as GetKpiSeriesQuery does (%s)', async (granularity, span) => {
    const { seriesEach, series } = setUp();
    const sut = await seriesEach.execute(
      new GetKpiSeriesOfEachUnitQuery(['26734', '26740', '25'], NOW, KPI, granularity, span),
    );
    for (const code of ['26734', '26740', '25']) {
      const { points } = await series.execute(new GetKpiSeriesQuery(unit(code), KPI, granularity, span));
      expect(sut.get(code)).toEqual(points);
    }
    expect(sut.get('26734')).toEqual(expect.arrayContaining([expect.objectContaining({ numerator: 1 })]));
  });
});

describe(GetKpiSeriesHandler.name, () => {
  it('evaluates each point on its own', async () => {
    const { series } = setUp();
    const sut = await series.execute(
      new GetKpiSeriesQuery(unit('248'), KPI, 'day', { from: '2025-06-10', to: '2025-06-13' }),
    );
    expect(sut.points.map((p) => [p.period.from, p.numerator, p.denominator, p.value, p.noData])).toEqual([
      ['2025-06-10', 3, 3, 100, null],
      ['2025-06-11', 1, 1, 100, null],
      ['2025-06-12', 0, 2, 0, null],
      ['2025-06-13', 0, 0, null, 'empty_denominator'],
    ]);
    expect(sut).toMatchObject({ kpiId: KPI, granularity: 'day', communes: ['26734', '26737'] });
  });

  it('uses one map for the whole series, re-aggregating merged communes before the merge', async () => {
    const { series } = setUp();
    const sut = await series.execute(
      new GetKpiSeriesQuery(unit('26734'), KPI, 'month', { from: '2025-06-01', to: '2025-07-31' }),
    );
    expect(sut.points.map((p) => [p.period.from, p.numerator, p.denominator])).toEqual([
      ['2025-06-01', 4, 6],
      ['2025-07-01', 1, 1],
    ]);
  });
});

describe(GetKpiBreakdownHandler.name, () => {
  it('splits the value by a field the KPI declares, next to the total', async () => {
    const { breakdown } = setUp();
    const sut = await breakdown.execute(new GetKpiBreakdownQuery(unit('248'), KPI, 'channel', JUNE));
    expect(sut.rows.map((r) => [r.key, r.numerator, r.denominator, r.value])).toEqual([
      ['counter', 1, 2, 50],
      ['online', 3, 3, 100],
      ['postal', 0, 1, 0],
    ]);
    expect(sut.total).toMatchObject({ numerator: 4, denominator: 6 });
  });

  it('refuses a field the KPI does not declare, naming the ones it does', async () => {
    const { breakdown } = setUp([dossier('26734', 'X', '2025-06-10T08:00:00', 'online', true)]);
    await expect(
      breakdown.execute(new GetKpiBreakdownQuery(unit('26734'), KPI, 'cameraId', JUNE)),
    ).rejects.toThrow(new BadRequestException(`KPI ${KPI} breaks down by channel, not by cameraId`));
    await expect(
      breakdown.execute(new GetKpiBreakdownQuery(unit('26734'), 'tthc_satisfaction_pct', 'channel', JUNE)),
    ).rejects.toThrow('KPI tthc_satisfaction_pct has no breakdown');
  });
});

describe('run-time indicators', () => {
  const indicator = definitionOf({
    id: 'budget_revenue',
    nameVi: 'Thu ngân sách nhà nước trên địa bàn',
    nameEn: 'State budget revenue',
    unit: 'tỷ đồng',
    direction: 'higher_is_better',
    pillar: 'kinh_te',
    cadence: 'yearly',
    rollUp: { kind: 'sum' },
  });
  const target: LocalTarget = {
    unitCode: '26734',
    indicatorId: 'budget_revenue',
    year: 2026,
    comparator: '≥',
    value: 40,
    document: '12/NQ-HĐND',
    documentDate: '2025-12-20',
    issuer: 'HĐND xã Tam Đảo',
  };
  const reported = (unitCode: string, value: number): KpiEvent => {
    const envelope = exampleEnvelope(IndicatorReported, {
      eventId: `reporting-${unitCode}-budget_revenue-2026-r1`,
      unitCode,
      occurredAt: '2027-01-10T09:00:00+07:00',
      producedAt: '2027-01-10T09:00:00+07:00',
      payload: {
        indicatorId: 'budget_revenue',
        period: '2026',
        value,
        dataSource: 'Phòng Tài chính',
        revision: 1,
      },
    });
    return { ...envelope, payload: { ...envelope.payload, numerator: undefined, denominator: undefined } };
  };
  const sut = () =>
    setUp(
      [reported('26734', 42), reported('26740', 30)],
      new ReferenceData('', mergedHierarchy(), 'configuration', [indicator], [target]),
    );
  const year2026 = { period: 'year', date: '2026-06-01', asOf: '2027-02-01T00:00:00+07:00' } as const;

  it('are in the catalog with their origin, unit as written, pillar and documented targets', async () => {
    const entry = (await sut().catalog.execute()).find((k) => k.id === 'budget_revenue');
    expect(entry).toMatchObject({
      unit: 'amount',
      unitLabel: 'tỷ đồng',
      origin: 'local',
      pillar: 'kinh_te',
      mode: 'reported',
      targets: [
        {
          plan: '12/NQ-HĐND (26734)',
          level: 'commune',
          year: 2026,
          value: 40,
          citation: '12/NQ-HĐND, 2025-12-20',
        },
      ],
    });
  });

  it('are valued in the unit listing like built-in KPIs, judged only by their unit’s own document', async () => {
    const { all } = sut();
    const commune = await all.execute(new GetUnitKpisQuery(unit('26734', { asOf: year2026.asOf }), year2026));
    const own = commune.kpis.find((k) => k.kpiId === 'budget_revenue');
    expect(own).toMatchObject({
      value: 42,
      status: 'meets',
      target: { issuer: 'HĐND xã Tam Đảo', comparator: '≥' },
    });
    const other = await all.execute(new GetUnitKpisQuery(unit('26740', { asOf: year2026.asOf }), year2026));
    expect(other.kpis.find((k) => k.kpiId === 'budget_revenue')).toMatchObject({
      value: 30,
      status: 'no_target',
      target: null,
    });
    const province = await all.execute(new GetUnitKpisQuery(unit('25', { asOf: year2026.asOf }), year2026));
    expect(province.kpis.find((k) => k.kpiId === 'budget_revenue')).toMatchObject({
      combine: 'sum',
      value: 72,
      target: null,
    });
    expect(commune.kpis).toHaveLength(KPI_CATALOG.length + 1);
  });
});

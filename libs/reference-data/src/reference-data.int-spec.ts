import type { AnalyticsStore } from '@libs/clickhouse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawEventsTable } from '@libs/clickhouse';
import {
  AdministrativeHierarchy,
  DEFAULT_UNIT_MAPPINGS_CSV,
  DEFAULT_UNITS_CSV,
  localMonthRange,
  localYearRange,
} from '@libs/admin-units';
import { assessKpi, findKpi, type KpiDefinition } from '@libs/kpi';
import { ClickHouseKpiEngine } from '@libs/kpi-store';
import {
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  type EngineUnderTest,
} from '@libs/testing';
import { importReference, type ImportRequest } from './imports/import-reference';
import { loadReferenceData, type ReferenceData } from './reference-data';
import { ClickHouseReferenceStore } from './store/clickhouse-reference-store';
import type { ReferenceKind } from './store/reference-store.port';
import { InvalidImportError } from './table/import-problem';

const EXAMPLES = join(__dirname, '../../../apps/connector-cli/examples/reference');
const configured = () => AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
const codes = (units: { code: string }[]) => units.map((u) => u.code);

/**
 * Reference data through the real ClickHouse: statistics-office lists before and after the
 * 1 July 2025 reform, a refused file that changes nothing, rosters that give the two roster KPIs
 * their denominators, and a run-time indicator reported with a revision, rolled up and judged
 * against the target its document sets. Every figure below is worked out by hand, and must come
 * out alike on both engines (the dialect test of the reference-data SQL).
 */
describe.each([
  ['the ClickHouse 18.16 server', openServerEngine],
  ['chDB', openEmbeddedEngine],
] as const)('reference data in ClickHouse: %s', (_, open) => {
  let engine: EngineUnderTest;
  let client: AnalyticsStore;
  let store: ClickHouseReferenceStore;
  let seconds = 1_800_000_000;

  const load = (kind: ReferenceKind, fileName: string, bytes: Buffer, extra: Partial<ImportRequest> = {}) =>
    importReference(
      store,
      {
        kind,
        fileName,
        bytes,
        sourceDocument: `test ${fileName}`,
        loadedBy: 'int-spec',
        dryRun: false,
        ...extra,
      },
      configured,
      new Date((seconds += 1) * 1000),
    );
  const example = (name: string) => readFileSync(join(EXAMPLES, name));

  async function storeEvents(
    source: string,
    events: { type: string; unit: string; at: string; payload: object }[],
  ) {
    await client.insert({
      table: rawEventsTable(source),
      format: 'JSONEachRow',
      values: events.map((e, i) => ({
        event_id: `${e.type}-${e.unit}-${i}-${e.at}`,
        type: e.type,
        schema_version: 1,
        unit_code: e.unit,
        occurred_at: Math.floor(Date.parse(e.at) / 1000),
        produced_at: Math.floor(Date.parse(e.at) / 1000),
        ingested_at: Math.floor(Date.parse(e.at) / 1000),
        payload: JSON.stringify(e.payload),
      })),
    });
  }

  beforeAll(async () => {
    engine = open('reference_data');
    await migrateEngine(engine);
    client = engine.store;
    store = new ClickHouseReferenceStore(client);
  });

  afterAll(() => closeEngine(engine));

  it('loads statistics-office lists before and after 1 July 2025; history answers by date', async () => {
    const dry = await load('units', 'units-2024.csv', example('units-2024.csv'), {
      effectiveFrom: '2024-01-01',
      dryRun: true,
    });
    expect(dry.counts.added).toBe(12);
    expect(await store.latestImportId()).toBe('');
    expect((await loadReferenceData(store, configured)).unitsFrom).toBe('configuration');

    await load('units', 'units-2024.csv', example('units-2024.csv'), { effectiveFrom: '2024-01-01' });
    const after = await load('units', 'units-2025-07-01.csv', example('units-2025-07-01.csv'), {
      effectiveFrom: '2025-07-01',
    });
    expect(after.counts).toEqual({ added: 5, closed: 11, replaced: 0, withdrawn: 0, unchanged: 1 });
    expect(after.changes).toContain('+ commune 00004 Phường Ba Đình under 01 2025-07-01…');
    expect(after.changes).toContain('- district 248 Huyện Tam Đảo under 26 2024-01-01… ends 2025-06-30');
    await load('mappings', 'mappings-2025-07-01.csv', example('mappings-2025-07-01.csv'));

    const data = await loadReferenceData(store, configured);
    expect(data.unitsFrom).toBe('store');
    const h = data.hierarchy;
    expect(codes(h.communesUnder('26', '2025-06-30'))).toEqual(['26734', '26737', '26740', '26743']);
    expect(codes(h.communesUnder('25', '2025-07-01'))).toEqual(['26734', '26740']);
    expect(codes(h.communesUnder('01', '2025-06-30'))).toEqual(['00001', '00004', '00006']);
    expect(codes(h.communesUnder('01', '2026-01-01'))).toEqual(['00004', '00006']);
    expect(h.predecessorsOf('26734').map((m) => m.oldCode)).toEqual(['26734', '26737']);
    const imports = await store.imports();
    expect(imports.map((i) => [i.kind, i.effectiveFrom, i.loadedBy, i.sourceDocument])).toEqual([
      ['units', '2024-01-01', 'int-spec', 'test units-2024.csv'],
      ['units', '2025-07-01', 'int-spec', 'test units-2025-07-01.csv'],
      ['mappings', '', 'int-spec', 'test mappings-2025-07-01.csv'],
    ]);
  });

  it('refuses a file with errors by line and column, and stores nothing of it', async () => {
    const before = await store.latestImportId();
    const bad = Buffer.from(
      'Mã TP,Tỉnh / Thành Phố,Mã QH,Quận Huyện,Mã PX,Phường Xã,Cấp\n' +
        '25,Tỉnh Phú Thọ,,,26734,Xã Tam Đảo,Xã\n' +
        '25,Tỉnh Phú Thọ,,,267400,Xã Bình Xuyên,Xã\n',
    );
    const refusal = await load('units', 'bad.csv', bad, { effectiveFrom: '2026-01-01' }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(InvalidImportError);
    expect((refusal as Error).message).toBe(
      'line 3, column "Mã PX": a commune code must be 5 digits, got "267400"',
    );
    expect(await store.latestImportId()).toBe(before);
    expect(
      codes((await loadReferenceData(store, configured)).hierarchy.communesUnder('25', '2026-01-01')),
    ).toEqual(['26734', '26740']);
  });

  it('rosters take the two roster KPIs out of no_reference, with hand-checked values', async () => {
    const engine = new ClickHouseKpiEngine(client, { rollups: false });
    const officials = findKpi('officials_qlvb_active_pct') as KpiDefinition;
    const agencies = findKpi('agencies_using_reporting_system_pct') as KpiDefinition;
    // November 2026: 26734 has officials O1, O2, O3 acting (O1 twice), 26740 has P1.
    await storeEvents('qlvb', [
      ...['O1', 'O1', 'O2', 'O3'].map((id, i) => ({
        type: 'qlvb.official.acted',
        unit: '26734',
        at: `2026-11-0${i + 2}T09:00:00+07:00`,
        payload: { officialId: id, action: 'signed' },
      })),
      {
        type: 'qlvb.official.acted',
        unit: '26740',
        at: '2026-11-03T09:00:00+07:00',
        payload: { officialId: 'P1', action: 'signed' },
      },
    ]);
    // Agencies A and B of 26734 submit through the system, C does not.
    await storeEvents(
      'reporting',
      [
        ['A', true],
        ['B', true],
        ['C', false],
      ].map(([agency, viaSystem], i) => ({
        type: 'reporting.report.submitted',
        unit: '26734',
        at: `2026-11-1${i}T10:00:00+07:00`,
        payload: { reportId: `R${i}`, regimeCode: 'BC01', period: '2026-11', viaSystem, agencyCode: agency },
      })),
    );
    const november = { range: localMonthRange('2026-11-15'), asOf: new Date('2026-12-05T00:00:00+07:00') };
    const commune = { unitCodes: ['26734'], ...november };
    const province = { unitCodes: ['26734', '26740'], ...november };
    expect(await engine.evaluate(officials, commune)).toMatchObject({ value: null, noData: 'no_reference' });
    expect(await engine.evaluate(agencies, commune)).toMatchObject({ value: null, noData: 'no_reference' });

    const rosters = await load('rosters', 'rosters.csv', example('rosters.csv'));
    expect(rosters.counts).toEqual({ added: 4, changed: 0, unchanged: 0 });
    // 3 of 48 officials; the province: (3 + 1) / (48 + 40); 2 of 12 agencies.
    expect(await engine.evaluate(officials, commune)).toMatchObject({
      numerator: 3,
      denominator: 48,
      value: 6.25,
    });
    const provincial = await engine.evaluate(officials, province);
    expect(provincial).toMatchObject({ numerator: 4, denominator: 88, noData: null });
    expect(provincial.value).toBeCloseTo(400 / 88, 9);
    const agencyShare = await engine.evaluate(agencies, commune);
    expect(agencyShare).toMatchObject({ numerator: 2, denominator: 12, noData: null });
    expect(agencyShare.value).toBeCloseTo(200 / 12, 9);

    const corrected = Buffer.from('unit_code,roster,count,valid_from\n26734,qlvb_officials,50,2026-11-01\n');
    const dry = await load('rosters', 'corrected.csv', corrected, { dryRun: true });
    expect(dry.changes).toEqual(['+ qlvb_officials of 26734 from 2026-11-01: 50']);
    await load('rosters', 'corrected.csv', corrected);
    expect(await engine.evaluate(officials, commune)).toMatchObject({
      numerator: 3,
      denominator: 50,
      value: 6,
    });
  });

  it('a run-time indicator reported with a revision rolls up as declared and shows its target and document', async () => {
    const catalog = {
      indicators: [
        {
          id: 'budget_revenue',
          nameVi: 'Thu ngân sách nhà nước trên địa bàn',
          nameEn: 'State budget revenue',
          unit: 'tỷ đồng',
          direction: 'higher_is_better',
          pillar: 'kinh_te',
          cadence: 'yearly',
          rollUp: { kind: 'sum' },
        },
        {
          id: 'poor_household_rate_pct',
          nameVi: 'Tỷ lệ hộ nghèo',
          nameEn: 'Poor-household rate',
          unit: '%',
          direction: 'lower_is_better',
          pillar: 'xa_hoi',
          cadence: 'yearly',
          rollUp: { kind: 'ratio', denominator: 'households' },
        },
      ],
    };
    await load('indicators', 'catalog.json', Buffer.from(JSON.stringify(catalog)));
    const targets = Buffer.from(
      'unit_code,year,indicator,comparator,value,document,document_date,issuer\n' +
        '26734,2026,budget_revenue,≥,40,TEST-12/NQ-HĐND,2025-12-20,HĐND xã (test document)\n' +
        '26734,2026,poor_household_rate_pct,=,2,TEST-12/NQ-HĐND,2025-12-20,HĐND xã (test document)\n',
    );
    await load('targets', 'targets.csv', targets);
    const report = (unit: string, indicatorId: string, revision: number, at: string, figures: object) => ({
      type: 'reporting.indicator.reported',
      unit,
      at,
      payload: { indicatorId, period: '2026', dataSource: 'Phòng Tài chính', revision, ...figures },
    });
    await storeEvents('reporting', [
      report('26734', 'budget_revenue', 1, '2027-01-10T09:00:00+07:00', { value: 38.5 }),
      // Revision 2 corrects 26734's figure; it wins although revision 1 stays stored.
      report('26734', 'budget_revenue', 2, '2027-01-20T09:00:00+07:00', { value: 42.25 }),
      report('26740', 'budget_revenue', 1, '2027-01-12T09:00:00+07:00', { value: 30 }),
      report('26734', 'poor_household_rate_pct', 1, '2027-01-10T09:00:00+07:00', {
        value: 2.5,
        numerator: 50,
        denominator: 2000,
      }),
      report('26734', 'poor_household_rate_pct', 2, '2027-01-15T09:00:00+07:00', {
        value: 1.8,
        numerator: 36,
        denominator: 2000,
      }),
      report('26740', 'poor_household_rate_pct', 1, '2027-01-12T09:00:00+07:00', {
        value: 3,
        numerator: 45,
        denominator: 1500,
      }),
    ]);
    const data: ReferenceData = await loadReferenceData(store, configured);
    const engine = new ClickHouseKpiEngine(client);
    const year = { range: localYearRange('2026-06-01'), asOf: new Date('2027-02-01T00:00:00+07:00') };
    const budget = data.findKpi('budget_revenue') as KpiDefinition;
    const poor = data.findKpi('poor_household_rate_pct') as KpiDefinition;

    expect(await engine.evaluate(budget, { unitCodes: ['26734'], ...year })).toMatchObject({
      combine: 'sum',
      value: 42.25,
    });
    // Province 25: 42.25 + 30.
    expect(await engine.evaluate(budget, { unitCodes: ['26734', '26740'], ...year })).toMatchObject({
      combine: 'sum',
      value: 72.25,
      unitsWithoutData: [],
    });
    const poorCommune = await engine.evaluate(poor, { unitCodes: ['26734'], ...year });
    expect(poorCommune).toMatchObject({ combine: 'ratio', numerator: 36, denominator: 2000, value: 1.8 });
    // Province 25: (36 + 45) / (2000 + 1500) = 2.3142857…%, not the mean of 1.8 and 3.
    const poorProvince = await engine.evaluate(poor, { unitCodes: ['26734', '26740'], ...year });
    expect(poorProvince).toMatchObject({ numerator: 81, denominator: 3500 });
    expect(poorProvince.value).toBeCloseTo(8100 / 3500, 9);
    // Before revision 2 arrived, revision 1 stood.
    const earlier = await engine.evaluate(budget, {
      unitCodes: ['26734'],
      range: year.range,
      asOf: new Date('2027-01-15T00:00:00+07:00'),
    });
    expect(earlier.value).toBe(38.5);

    const judged = (definition: KpiDefinition, value: number | null, unitCode: string) => {
      const { definition: withTarget, context } = data.assessmentOf(
        definition,
        { code: unitCode, level: 'commune' },
        { level: 'commune', year: 2026, plans: [] },
      );
      return assessKpi(withTarget, value, context);
    };
    expect(judged(budget, 42.25, '26734')).toMatchObject({
      status: 'meets',
      target: {
        comparator: '≥',
        value: 40,
        citation: 'TEST-12/NQ-HĐND, 2025-12-20',
        issuer: 'HĐND xã (test document)',
      },
    });
    expect(judged(poor, 1.8, '26734')).toMatchObject({ status: 'meets', target: { value: 2 } });
    // 26740 has no document setting a target: none is invented.
    expect(judged(budget, 30, '26740')).toMatchObject({ status: 'no_target', target: undefined });
  });
});

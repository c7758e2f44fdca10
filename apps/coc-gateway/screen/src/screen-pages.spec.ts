import type { CommuneRow, LiveTile, Pillar } from '@libs/contracts/wall-screen';
import type { ScreenModel } from './screen-model';
import {
  COMMUNE_PAGE_ROWS,
  nextStep,
  currentStep,
  overviewTiles,
  pillarPage,
  sortCommuneRows,
  stepsOf,
  worstFirst,
} from './screen-pages';

const tile = (
  kpiId: string,
  value: number | null,
  status: string,
  target?: number,
  pillar: Pillar = 'digital_government',
): LiveTile => ({
  kpiId,
  nameVi: kpiId,
  nameEn: kpiId,
  pillar,
  unit: '%',
  unitLabel: null,
  direction: 'higher_is_better',
  period: { kind: 'day', from: '', to: '' },
  value,
  numerator: null,
  denominator: null,
  noData: value === null ? 'no_feed' : null,
  target:
    target === undefined
      ? null
      : { plan: 'p', issuer: 'i', year: 2025, comparator: '=', value: target, citation: 'c' },
  status,
  statusLabelVi: status,
  statusLabelEn: status,
  unitsWithoutData: 0,
  sources: ['onestop'],
  trend: [],
  asOf: 't',
});

const row = (
  unitCode: string,
  name: string,
  values: (number | null)[],
  completeness = 1,
  silent = false,
): CommuneRow => ({
  unitCode,
  name,
  kpis: values.map((value, i) => ({
    kpiId: `k${i}`,
    value,
    noData: value === null ? 'no_feed' : null,
    status: value === null ? 'no_data' : value >= 90 ? 'meets' : 'below',
    statusLabelVi: '',
    statusLabelEn: '',
    target: 90,
  })),
  completeness,
  silent,
  lastEventAt: null,
});

const model = (tiles: LiveTile[], communes: CommuneRow[] = []): ScreenModel => ({
  stream: 's',
  seq: 1,
  unit: { code: '25', name: 'Tỉnh Phú Thọ', level: 'province' },
  audience: 'officials',
  date: '2026-12-01',
  asOf: 't',
  tiles,
  sources: [],
  alerts: [],
  communeKpiIds: ['k0', 'k1'],
  communes,
});

describe('what one screenful shows', () => {
  it('puts the furthest below target first, then figures without target, met ones, and no data last', () => {
    const tiles = [
      tile('none', null, 'no_data'),
      tile('met', 100, 'meets', 100),
      tile('near', 85, 'below', 100),
      tile('free', 3, 'no_target'),
      tile('far', 20, 'below', 100),
    ];
    expect(worstFirst(tiles).map((t) => t.kpiId)).toEqual(['far', 'near', 'free', 'met', 'none']);
    expect(overviewTiles(tiles, 'digital_government').map((t) => t.kpiId)).toEqual([
      'far',
      'near',
      'free',
      'met',
    ]);
  });

  it('keeps the catalog order between equals, so a tile moves only when a status changes', () => {
    const tiles = ['a', 'b', 'c'].map((id) => tile(id, null, 'no_data'));
    expect(worstFirst(tiles).map((t) => t.kpiId)).toEqual(['a', 'b', 'c']);
  });

  it('pages a pillar view and the communes view, once per order, skipping communes on a commune', () => {
    const tiles = Array.from({ length: 16 }, (_, i) => tile(`g${i}`, null, 'no_data'));
    const rows = Array.from({ length: COMMUNE_PAGE_ROWS + 1 }, (_, i) => row(`${i}`, `Xã ${i}`, [50]));
    const steps = stepsOf(
      ['overview', 'digital_government', 'communes'],
      ['worst', 'name'],
      model(tiles, rows),
    );
    expect(steps.map((s) => `${s.view}:${s.page}/${s.pages}:${s.sort}`)).toEqual([
      'overview:0/1:worst',
      'digital_government:0/2:worst',
      'digital_government:1/2:worst',
      'communes:0/2:worst',
      'communes:1/2:worst',
      'communes:0/2:name',
      'communes:1/2:name',
    ]);
    expect(pillarPage(tiles, 'digital_government', 1).map((t) => t.kpiId)).toEqual([
      'g8',
      'g9',
      'g10',
      'g11',
      'g12',
      'g13',
      'g14',
      'g15',
    ]);
    expect(nextStep(steps, steps[6])).toEqual(steps[0]);
    expect(nextStep(steps, steps[1])).toEqual(steps[2]);
    expect(stepsOf(['overview', 'communes'], ['worst'], model(tiles)).map((s) => s.view)).toEqual([
      'overview',
    ]);
    // A view that lost a page (fewer tiles now) shows its last one.
    expect(
      currentStep(stepsOf(['digital_government'], ['worst'], model(tiles.slice(0, 3))), steps[2]),
    ).toMatchObject({
      view: 'digital_government',
      page: 0,
    });
  });

  it('sorts communes silent and worst first, by another KPI, by completeness or by name', () => {
    const rows = [
      row('1', 'Xã Đông', [95, 10], 1),
      row('2', 'Xã An', [40, 99], 0.5),
      row('3', 'Xã Bình', [null, null], 0, true),
      row('4', 'Xã Cầu', [70, 50], 0.75),
    ];
    const directions = new Map<string, LiveTile['direction']>([
      ['k0', 'higher_is_better'],
      ['k1', 'higher_is_better'],
    ]);
    const order = (sort: Parameters<typeof sortCommuneRows>[1]) =>
      sortCommuneRows(rows, sort, ['k0', 'k1'], directions).map((r) => r.unitCode);
    expect(order('worst')).toEqual(['3', '2', '4', '1']);
    expect(order('kpi:k1')).toEqual(['3', '1', '4', '2']);
    expect(order('completeness')).toEqual(['3', '2', '4', '1']);
    expect(order('name')).toEqual(['2', '3', '4', '1']);
    expect(order('kpi:unknown')).toEqual(order('worst'));
  });
});

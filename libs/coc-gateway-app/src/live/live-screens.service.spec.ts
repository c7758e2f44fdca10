import type { QueryBus } from '@nestjs/cqrs';
import {
  AdministrativeHierarchy,
  DEFAULT_UNITS_CSV,
  DEFAULT_UNIT_MAPPINGS_CSV,
  localDateOf,
} from '@libs/admin-units';
import type { ScreenDelta } from '@libs/contracts';
import { KPI_CATALOG } from '@libs/kpi';
import type { ReferenceDataSource } from '@libs/reference-data';
import type { GatewayEnv } from '../gateway.env';
import type { FeedFreshness } from '../kpi/feed-freshness.port';
import type { KpiFiguresDto } from '../kpi/kpi-reader.service';
import { GetKpisOfEachUnitQuery, type UnitFiguresDto } from '../kpi/queries/get-kpis-of-each-unit.query';
import type { CameraAlerts } from './camera-alerts.port';
import { LiveScreenEnv } from './live-screen.env';
import { LiveScreens } from './live-screens.service';
import { tilePeriodOf } from './tile-period';

/** The query path faked: every KPI's value is the local day of the request, so a new day shows. */
function fakeQueries(asked: GetKpisOfEachUnitQuery[]): QueryBus {
  return {
    execute: (query: unknown) => {
      if (!(query instanceof GetKpisOfEachUnitQuery))
        return Promise.resolve(new Map((query as { unitCodes: string[] }).unitCodes.map((u) => [u, []])));
      asked.push(query);
      const day = localDateOf(query.requestedAt);
      const answerOf = (unitCode: string): Partial<UnitFiguresDto> => ({
        unit: { code: unitCode, name: 'Xã Tam Đảo', level: 'commune', validFrom: '2025-07-01' },
        communes: [unitCode],
        period: { kind: query.period.period ?? 'day', from: day, to: day, start: '', end: '' },
        kpis: query.kpiIds.map(
          (kpiId) =>
            ({
              kpiId,
              nameVi: kpiId,
              nameEn: kpiId,
              unit: '%',
              direction: 'higher_is_better',
              value: Number(day.slice(8)),
              numerator: null,
              denominator: null,
              noData: null,
              target: null,
              status: 'no_target',
              statusLabelVi: '',
              statusLabelEn: '',
              unitsWithoutData: 0,
              asOf: query.requestedAt.toISOString(),
            }) as unknown as KpiFiguresDto,
        ),
      });
      return Promise.resolve(new Map(query.unitCodes.map((u) => [u, answerOf(u)])));
    },
  } as unknown as QueryBus;
}

describe('LiveScreens', () => {
  const freshness: FeedFreshness = {
    latestBySource: () => Promise.resolve(new Map()),
    latestBySourceEach: () => Promise.resolve(new Map()),
  };
  const nothing = { alerts: [], alertsRaised: 0, alertsUnacknowledged: 0, congestions: [] };
  const camera: CameraAlerts = {
    situation: () => Promise.resolve(nothing),
    situationEach: (units) => Promise.resolve(new Map(units.map((u) => [u, nothing]))),
  };
  const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
  let screens: LiveScreens;
  let asked: GetKpisOfEachUnitQuery[];
  let deltas: ScreenDelta[];

  /** Built after the clock is set: the midnight timer is armed at construction. */
  function start(now: string): void {
    jest.setSystemTime(new Date(now));
    asked = [];
    deltas = [];
    const env = Object.assign(new LiveScreenEnv(), { COC_SCREEN_TICK_MS: 3_600_000 });
    const reference = {
      current: () => ({ kpis: KPI_CATALOG, findKpi: (id: string) => KPI_CATALOG.find((k) => k.id === id) }),
    } as unknown as ReferenceDataSource;
    screens = new LiveScreens(
      fakeQueries(asked),
      freshness,
      camera,
      {},
      hierarchy,
      env,
      { COC_GATEWAY_INSTANCE_ID: 'test' } as GatewayEnv,
      reference,
    );
    screens.deltas.subscribe(({ delta }) => deltas.push(delta));
  }

  beforeEach(() => jest.useFakeTimers());

  afterEach(() => {
    screens.onModuleDestroy();
    jest.useRealTimers();
  });

  it('recomputes only the tiles a notice can move, at most once per interval', async () => {
    start('2026-12-01T03:00:00Z');
    await screens.join('26734', 'officials');
    asked.length = 0;
    screens.onChange('26734', 'camera', ['camera.alert.acknowledged']);
    screens.onChange('26734', 'camera', ['camera.alert.acknowledged']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(asked.flatMap((q) => q.kpiIds)).toEqual(['ai_camera_alerts_count']);
    screens.onChange('26740', 'camera', ['camera.alert.acknowledged']);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(asked).toHaveLength(1);
  });

  it('opens the screens asked together with one read per tile period, and recomputes them together', async () => {
    start('2026-12-01T03:00:00Z');
    const communes = ['26734', '26740', '26743'];
    await Promise.all(communes.map((c) => screens.join(c, 'officials')));
    const periods = new Set(KPI_CATALOG.map((k) => tilePeriodOf(k))).size;
    expect(asked).toHaveLength(periods);
    expect(asked.every((q) => [...q.unitCodes].sort().join() === communes.join())).toBe(true);
    asked.length = 0;
    for (const c of communes) screens.onChange(c, 'camera', ['camera.alert.acknowledged']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(asked.map((q) => [[...q.unitCodes].sort(), q.kpiIds])).toEqual([
      [communes, ['ai_camera_alerts_count']],
    ]);
  });

  it('moves every tile to the new local day at midnight, by itself', async () => {
    // 23:59:58 on 1 December in Hà Nội.
    start('2026-12-01T16:59:58Z');
    const state = await screens.join('26734', 'officials');
    expect(state.snapshot()).toMatchObject({ date: '2026-12-01', seq: 0 });
    await jest.advanceTimersByTimeAsync(5_000);
    const rolled = deltas.find((d) => d.date === '2026-12-02');
    expect(rolled?.tiles).toHaveLength(KPI_CATALOG.length);
    expect(state.snapshot().tiles.every((t) => t.period.from === '2026-12-02' && t.value === 2)).toBe(true);
  });
});

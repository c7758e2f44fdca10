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
import type { KpiValueDto, UnitKpisDto } from '../kpi/kpi-responses.dto';
import { GetUnitKpisQuery } from '../kpi/queries/get-unit-kpis.query';
import type { CameraAlerts } from './camera-alerts.port';
import { LiveScreenEnv } from './live-screen.env';
import { LiveScreens } from './live-screens.service';

/** The query path faked: every KPI's value is the local day of the request, so a new day shows. */
function fakeQueries(asked: GetUnitKpisQuery[]): QueryBus {
  return {
    execute: (query: unknown) => {
      if (!(query instanceof GetUnitKpisQuery)) return Promise.resolve({ points: [] });
      asked.push(query);
      const day = localDateOf(query.unit.requestedAt);
      const answer: Partial<UnitKpisDto> = {
        unit: { code: query.unit.unitCode, name: 'Xã Tam Đảo', level: 'commune', validFrom: '2025-07-01' },
        communes: [query.unit.unitCode],
        period: { kind: query.period.period ?? 'day', from: day, to: day, start: '', end: '' },
        kpis: (query.kpiIds ?? []).map(
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
              asOf: query.unit.requestedAt.toISOString(),
            }) as unknown as KpiValueDto,
        ),
      };
      return Promise.resolve(answer);
    },
  } as unknown as QueryBus;
}

describe('LiveScreens', () => {
  const freshness: FeedFreshness = { latestBySource: () => Promise.resolve(new Map()) };
  const camera: CameraAlerts = {
    situation: () =>
      Promise.resolve({ alerts: [], alertsRaised: 0, alertsUnacknowledged: 0, congestions: [] }),
  };
  const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
  let screens: LiveScreens;
  let asked: GetUnitKpisQuery[];
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

import type { LiveTile, ScreenSnapshot } from '@libs/contracts';
import { ScreenState, type ScreenContent } from './screen-state';

const tile = (kpiId: string, value: number | null, asOf = '2026-12-01T01:00:00.000Z'): LiveTile => ({
  kpiId,
  nameVi: kpiId,
  nameEn: kpiId,
  pillar: 'digital_government',
  unit: '%',
  unitLabel: null,
  direction: 'higher_is_better',
  period: { kind: 'day', from: '2026-12-01', to: '2026-12-01' },
  value,
  numerator: null,
  denominator: null,
  noData: value === null ? 'no_feed' : null,
  target: null,
  status: value === null ? 'no_data' : 'no_target',
  statusLabelVi: '',
  statusLabelEn: '',
  unitsWithoutData: 0,
  sources: ['onestop'],
  trend: [],
  asOf,
});

const content = (): ScreenContent => ({
  unit: { code: '26734', name: 'Xã Tam Đảo', level: 'commune' },
  audience: 'officials',
  date: '2026-12-01',
  asOf: '2026-12-01T01:00:00.000Z',
  tiles: [tile('a', null), tile('b', 50)],
  sources: [],
  alerts: [],
  communeKpiIds: [],
  communes: [],
});

describe('ScreenState', () => {
  it('numbers only changes that alter the screen, carrying just the changed tiles', () => {
    const state = new ScreenState('s1', content());
    expect(state.snapshot().seq).toBe(0);
    expect(state.apply({ asOf: 'later', tiles: [tile('b', 50, 'later')] })).toBeUndefined();
    const delta = state.apply({ asOf: 'later', tiles: [tile('a', 75), tile('b', 50)] });
    expect(delta).toMatchObject({ stream: 's1', seq: 1, tiles: [{ kpiId: 'a', value: 75 }] });
    expect(delta?.sources).toBeUndefined();
    expect(state.snapshot()).toMatchObject({ seq: 1, tiles: [{ kpiId: 'a', value: 75 }, { kpiId: 'b' }] });
  });

  it('gives a screen the deltas it missed, or nothing when only a snapshot can catch it up', () => {
    const state = new ScreenState('s1', content(), 3);
    for (let v = 1; v <= 5; v += 1) state.apply({ asOf: `t${v}`, tiles: [tile('a', v)] });
    expect(state.since('s1', 5)).toEqual([]);
    expect(state.since('s1', 3)?.map((d) => d.seq)).toEqual([4, 5]);
    expect(state.since('s1', 2)?.map((d) => d.seq)).toEqual([3, 4, 5]);
    expect(state.since('s1', 1)).toBeUndefined();
    expect(state.since('other-instance', 4)).toBeUndefined();
    expect(state.since('s1', 9)).toBeUndefined();
  });

  it('holds no more deltas than their byte budget, but always the newest', () => {
    const big = (v: number) => tile('a', v, `t${v}-${'x'.repeat(400)}`);
    const probe = new ScreenState('s1', content());
    const size = Buffer.byteLength(JSON.stringify(probe.apply({ asOf: 't1', tiles: [big(1)] })));
    // Room for three deltas of about that size, not four.
    const state = new ScreenState('s1', content(), 64, Math.round(size * 3.5));
    for (let v = 1; v <= 10; v += 1) state.apply({ asOf: `t${v}`, tiles: [big(v)] });
    expect(state.since('s1', 6)).toBeUndefined();
    expect(state.since('s1', 7)?.map((d) => d.seq)).toEqual([8, 9, 10]);
    const tiny = new ScreenState('s1', content(), 64, 10);
    tiny.apply({ asOf: 't1', tiles: [big(1)] });
    expect(tiny.since('s1', 0)?.map((d) => d.seq)).toEqual([1]);
  });

  it('counts the held deltas in UTF-8 bytes and gives back Vietnamese text unchanged', () => {
    const named = (v: number) => ({ ...tile('a', v), nameVi: `Tỷ lệ hồ sơ giải quyết đúng hạn ${v}` });
    const probe = new ScreenState('s1', content());
    const bytes = new TextEncoder().encode(JSON.stringify(probe.apply({ asOf: 't1', tiles: [named(1)] })));
    // One byte short of two deltas: their characters would fit, their bytes do not.
    const one = new ScreenState('s1', content(), 64, bytes.byteLength * 2 - 1);
    const two = new ScreenState('s1', content(), 64, bytes.byteLength * 2);
    for (let v = 1; v <= 4; v += 1) {
      one.apply({ asOf: `t${v}`, tiles: [named(v)] });
      two.apply({ asOf: `t${v}`, tiles: [named(v)] });
    }
    expect(one.since('s1', 2)).toBeUndefined();
    expect(one.since('s1', 3)?.map((d) => d.seq)).toEqual([4]);
    expect(two.since('s1', 2)?.map((d) => d.tiles?.[0].nameVi)).toEqual([
      'Tỷ lệ hồ sơ giải quyết đúng hạn 3',
      'Tỷ lệ hồ sơ giải quyết đúng hạn 4',
    ]);
  });

  it('a snapshot plus the deltas after it equals the state (what a resuming screen rebuilds)', () => {
    const state = new ScreenState('s1', content());
    const start: ScreenSnapshot = state.snapshot();
    state.apply({ asOf: 't1', tiles: [tile('a', 10)], date: '2026-12-02' });
    state.apply({
      asOf: 't2',
      alerts: [
        {
          id: 'x',
          kind: 'congestion',
          since: 't2',
          detail: 'heavy',
          severity: 'warning',
          acknowledged: false,
        },
      ],
    });
    let rebuilt = start;
    for (const d of state.since('s1', start.seq) ?? []) {
      rebuilt = {
        ...rebuilt,
        seq: d.seq,
        asOf: d.asOf,
        date: d.date ?? rebuilt.date,
        tiles: rebuilt.tiles.map((t) => d.tiles?.find((x) => x.kpiId === t.kpiId) ?? t),
        alerts: d.alerts ?? rebuilt.alerts,
      };
    }
    expect(rebuilt).toEqual(state.snapshot());
  });
});

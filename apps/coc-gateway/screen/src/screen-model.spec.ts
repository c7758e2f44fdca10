import type { ScreenDelta, ScreenSnapshot } from '@libs/contracts/wall-screen';
import { receiveDelta, receiveReply } from './screen-model';

const snapshot: ScreenSnapshot = {
  stream: 's1',
  seq: 4,
  unit: { code: '26734', name: 'Xã Tam Đảo', level: 'commune' },
  audience: 'officials',
  date: '2026-12-01',
  asOf: 't0',
  tiles: [],
  sources: [],
  alerts: [],
  communeKpiIds: [],
  communes: [],
};
const delta = (seq: number, stream = 's1'): ScreenDelta => ({ stream, seq, asOf: `t${seq}` });

describe('the page’s screen model', () => {
  it('applies the next number, ignores repeats, and asks to resume after a gap', () => {
    expect(receiveDelta(snapshot, delta(5))).toMatchObject({
      kind: 'applied',
      model: { seq: 5, asOf: 't5' },
    });
    expect(receiveDelta(snapshot, delta(4))).toEqual({ kind: 'ignored' });
    expect(receiveDelta(snapshot, delta(6))).toEqual({ kind: 'gap', resume: { stream: 's1', seq: 4 } });
    expect(receiveDelta(snapshot, delta(1, 's2'))).toEqual({ kind: 'gap' });
  });

  it('rebuilds from the missed deltas of a resume answer, or takes a fresh snapshot', () => {
    expect(receiveReply(snapshot, { ok: true, deltas: [delta(5), delta(6)] })?.seq).toBe(6);
    expect(
      receiveReply(snapshot, { ok: true, snapshot: { ...snapshot, stream: 's2', seq: 0 } })?.stream,
    ).toBe('s2');
    expect(receiveReply(snapshot, { ok: false, error: 'x' })).toBe(snapshot);
  });
});

import type { LiveTile, ScreenSnapshot } from '@libs/contracts';
import { subscriptionAudit } from './subscription-audit';

const tile = (kpiId: string, from: string, to: string) =>
  ({ kpiId, period: { kind: 'x', from, to } }) as LiveTile;

describe(subscriptionAudit.name, () => {
  it('names a snapshot’s unit, tile KPIs, the span of their periods and its asOf', () => {
    const snapshot = {
      unit: { code: '26734', name: 'Xã', level: 'commune' },
      date: '2026-12-01',
      asOf: '2026-12-01T03:00:00.000Z',
      tiles: [tile('a', '2026-12-01', '2026-12-01'), tile('b', '2026-11-01', '2026-11-30')],
    } as ScreenSnapshot;
    expect(subscriptionAudit({ unitCode: '26734' }, { ok: true, snapshot })).toEqual({
      action: 'subscribe',
      unitCodes: ['26734'],
      kpiIds: ['a', 'b'],
      period: { name: 'live', from: '2026-11-01', to: '2026-12-01' },
      asOf: '2026-12-01T03:00:00.000Z',
      status: 200,
    });
  });

  it.each([
    ['forbidden: unit 26740 is outside the scope of screen-26734', 403],
    ['busy: audit trail unavailable, retry later', 503],
    ['unit 99999 is not in the administrative hierarchy on 2026-12-01', 404],
    ['audience must be officials or public', 400],
  ])('files the refusal "%s" as %i', (error, status) => {
    expect(subscriptionAudit({ unitCode: '26740' }, { ok: false, error })).toMatchObject({
      unitCodes: ['26740'],
      status,
      detail: error,
    });
  });

  it('files a resume answered with missed deltas as allowed, with no figures of its own', () => {
    expect(subscriptionAudit({ unitCode: '26734' }, { ok: true, deltas: [] })).toEqual({
      action: 'subscribe',
      unitCodes: ['26734'],
      status: 200,
    });
  });
});

import type { ConsumedRecord } from '@libs/event-bus';
import { relayNotices } from './kpi-changes.consumer';

const record = (offset: number, value: unknown): ConsumedRecord => ({
  topic: 'coc.kpi-changes.v1',
  partition: 0,
  offset: String(offset),
  key: null,
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

const valid = {
  unitCode: '26734',
  source: 'onestop',
  types: ['onestop.dossier.received'],
  from: '2026-11-23T01:00:00.000Z',
  to: '2026-11-23T02:00:00.000Z',
  storedAt: '2026-11-23T02:00:01.000Z',
};

describe(relayNotices.name, () => {
  it('skips malformed notices with a logged reason and still relays the valid ones around them', () => {
    const screens = { onChange: jest.fn() };
    const logger = { warn: jest.fn(), debug: jest.fn() };
    relayNotices(
      [
        record(1, { unitCode: '1', types: [], from: 'x', to: 'x' }),
        record(2, valid),
        record(3, { ...valid, types: [{}] }),
        record(4, '{"unitCode":'),
        record(5, { ...valid, unitCode: '26740' }),
      ],
      screens,
      logger,
    );
    expect(screens.onChange.mock.calls).toEqual([
      ['26734', 'onestop', ['onestop.dossier.received'], Date.parse(valid.storedAt)],
      ['26740', 'onestop', ['onestop.dossier.received'], Date.parse(valid.storedAt)],
    ]);
    expect(logger.warn.mock.calls.map(([line]) => line as string)).toEqual([
      expect.stringMatching(/^skipped malformed notice at coc\.kpi-changes\.v1\[0\]@1: .*unitCode/),
      expect.stringMatching(/@3: .*types/),
      expect.stringMatching(/@4: .*not JSON/),
    ]);
  });
});

import { validateEvent } from '@libs/contracts';
import { localDateOf } from '@libs/admin-units';
import { dossierStream, expectedDailyCounts, previousMonthDays } from './dossier-stream';

const options = {
  idPrefix: 'gen',
  count: 2000,
  units: ['26734', '26737', '26740'],
  days: previousMonthDays(4, new Date('2026-01-10T12:00:00Z')),
  duplicateRatio: 0.05,
  seed: 7,
};

describe(dossierStream.name, () => {
  it('spreads days over the start of the previous month, across a year end too', () => {
    expect(options.days).toEqual(['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04']);
  });

  it('is deterministic and produces only events that pass the contract, on the days they claim', () => {
    const a = dossierStream(options);
    expect(dossierStream(options)).toEqual(a);
    const now = new Date('2026-01-10T12:00:00Z');
    for (const e of a.events.slice(0, 300)) {
      const result = validateEvent(JSON.parse(e.value), { now, maxFutureSkewMs: 0 });
      expect(result.ok && localDateOf(result.event.occurredAt)).toBe(e.localDate);
    }
  });

  it('re-publishes about the given share of events, byte for byte', () => {
    const { events, messages } = dossierStream(options);
    expect(events.map((e) => e.eventId)).toEqual(events.map((_, i) => `gen-${i}`));
    const extra = messages.length - events.length;
    expect(extra).toBeGreaterThan(0.03 * events.length);
    expect(extra).toBeLessThan(0.07 * events.length);
    expect(new Set(messages.map((m) => m.value)).size).toBe(events.length);
  });

  it('counts each event once per unit and local day', () => {
    const { events, messages } = dossierStream(options);
    const counts = expectedDailyCounts(messages);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(events.length);
    expect(counts.size).toBe(options.units.length * options.days.length);
  });
});

import { rateOf } from './consumption-rate';

describe('consumption rate from commit samples', () => {
  it('runs from the first commit to the first sample with everything, leaving the first batch out', () => {
    const samples = [
      { atMs: 0, committed: 0 },
      { atMs: 500, committed: 1_000 },
      { atMs: 1_000, committed: 6_000 },
      { atMs: 2_500, committed: 11_000 },
      { atMs: 2_550, committed: 11_000 },
    ];
    expect(rateOf(samples, 11_000)).toEqual({ eventsPerSecond: 5_000, events: 10_000, seconds: 2 });
  });

  it('refuses to time a backlog committed at once or never finished', () => {
    expect(() => rateOf([{ atMs: 10, committed: 5 }], 5)).toThrow('too few events to time');
    expect(() => rateOf([{ atMs: 10, committed: 4 }], 5)).toThrow('never committed all 5 events');
  });
});

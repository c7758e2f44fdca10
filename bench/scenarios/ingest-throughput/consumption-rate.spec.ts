import { rateOf } from './consumption-rate';

describe('consumption rate from progress samples', () => {
  it('runs from the first sample with progress to the first with everything, leaving the first batch out', () => {
    const samples = [
      { atMs: 0, done: 0 },
      { atMs: 500, done: 1_000 },
      { atMs: 1_000, done: 6_000 },
      { atMs: 2_500, done: 11_000 },
      { atMs: 2_550, done: 11_000 },
    ];
    expect(rateOf(samples, 11_000)).toEqual({ eventsPerSecond: 5_000, events: 10_000, seconds: 2 });
  });

  it('times the middle of the backlog when asked, counting what was done in between', () => {
    const samples = [
      { atMs: 0, done: 1_000 },
      { atMs: 1_000, done: 3_000 },
      { atMs: 2_000, done: 7_000 },
      { atMs: 3_000, done: 11_000 },
    ];
    expect(rateOf(samples, 11_000, { from: 0.25, to: 1 })).toEqual({
      eventsPerSecond: 4_000,
      events: 8_000,
      seconds: 2,
    });
    expect(rateOf(samples, 11_000, { from: 0.25, to: 0.5 })).toEqual({
      eventsPerSecond: 4_000,
      events: 4_000,
      seconds: 1,
    });
    expect(rateOf(samples.slice(0, 2).concat(samples[3]), 11_000, { from: 0.5, to: 1 })).toEqual({
      eventsPerSecond: 4_000,
      events: 8_000,
      seconds: 2,
      lowerBound: true,
    });
  });

  it('refuses a leg that never finished, even when its timed share was done', () => {
    const samples = [
      { atMs: 0, done: 1_000 },
      { atMs: 1_000, done: 9_000 },
    ];
    expect(() => rateOf(samples, 11_000, { from: 0.2, to: 0.8 })).toThrow('never got to all 11000 events');
  });

  it('refuses to time a backlog done at once or never finished', () => {
    expect(() => rateOf([{ atMs: 10, done: 5 }], 5)).toThrow('too few events to time');
    expect(() => rateOf([{ atMs: 10, done: 4 }], 5)).toThrow('never got to all 5 events');
  });
});

import { LoopProgress } from './loop-progress';

describe(LoopProgress.name, () => {
  let now: number;
  let sut: LoopProgress;

  beforeEach(() => {
    now = Date.parse('2026-12-01T08:00:00Z');
    sut = new LoopProgress('outbox', 60_000, () => now);
  });

  it('is not started, and not stalled, before the loop starts', () => {
    expect(sut.verdict()).toEqual({
      loop: 'outbox',
      started: false,
      stalled: false,
      steps: 0,
      failuresInRow: 0,
      lastStepAt: null,
      inStepMs: null,
    });
  });

  it('stalls only once a single step has run longer than the limit', () => {
    sut.started();
    sut.stepStarted();
    now += 60_000;
    expect(sut.verdict()).toMatchObject({ started: true, stalled: false, inStepMs: 60_000 });
    now += 1;
    expect(sut.verdict()).toMatchObject({ stalled: true, inStepMs: 60_001, steps: 0 });
  });

  it('is healthy again once the stuck step ends', () => {
    sut.started();
    sut.stepStarted();
    now += 120_000;
    expect(sut.verdict().stalled).toBe(true);
    sut.stepEnded(false);
    expect(sut.verdict()).toMatchObject({
      stalled: false,
      steps: 1,
      inStepMs: null,
      lastStepAt: '2026-12-01T08:02:00.000Z',
    });
  });

  it('does not stall while waiting between steps, however long', () => {
    sut.started();
    sut.stepStarted();
    sut.stepEnded(false);
    now += 3_600_000;
    expect(sut.verdict()).toMatchObject({ stalled: false, inStepMs: null });
  });

  it('counts failing steps in a row as progress that is visible, not as a stall', () => {
    sut.started();
    for (let i = 0; i < 3; i++) {
      sut.stepStarted();
      now += 1000;
      sut.stepEnded(true);
    }
    expect(sut.verdict()).toMatchObject({ stalled: false, steps: 3, failuresInRow: 3 });
    sut.stepStarted();
    sut.stepEnded(false);
    expect(sut.verdict()).toMatchObject({ steps: 4, failuresInRow: 0 });
  });
});

import { ConsumerProgressTracker, type PartitionOffsets } from './consumer-progress';

const at = (committed: number, logEnd: number, partition = 0): PartitionOffsets => ({
  topic: 't',
  partition,
  committed,
  logStart: 0,
  logEnd,
});

describe(ConsumerProgressTracker.name, () => {
  it('is healthy while the committed offset advances, however large the lag', () => {
    const tracker = new ConsumerProgressTracker(1000);
    tracker.observe([at(0, 500)], 0);
    tracker.observe([at(100, 900)], 5000);
    tracker.observe([at(300, 1500)], 10_000);
    expect(tracker.verdict()).toMatchObject({ healthy: true, stalled: [] });
    expect(tracker.verdict().partitions).toEqual([{ topic: 't', partition: 0, lag: 1200, stalledMs: 0 }]);
  });

  it('turns stalled when the offset stays put while lag grows, and healthy again once it moves', () => {
    const tracker = new ConsumerProgressTracker(1000);
    tracker.observe([at(100, 100), at(5, 5, 1)], 0);
    tracker.observe([at(100, 150), at(5, 5, 1)], 500);
    expect(tracker.verdict().healthy).toBe(true);
    tracker.observe([at(100, 300), at(5, 5, 1)], 1500);
    expect(tracker.verdict()).toMatchObject({ healthy: false, stalled: ['t[0]'] });
    expect(tracker.verdict().partitions[0]).toEqual({ topic: 't', partition: 0, lag: 200, stalledMs: 1500 });
    tracker.observe([at(180, 300), at(5, 5, 1)], 2000);
    expect(tracker.verdict()).toMatchObject({ healthy: true, stalled: [] });
  });

  it('never calls an idle, caught-up consumer stalled', () => {
    const tracker = new ConsumerProgressTracker(1000);
    for (let t = 0; t <= 10_000; t += 1000) tracker.observe([at(42, 42)], t);
    expect(tracker.verdict().healthy).toBe(true);
  });

  it('counts lag from the log start when nothing is committed yet', () => {
    const tracker = new ConsumerProgressTracker(1000);
    tracker.observe([{ topic: 't', partition: 0, committed: -1, logStart: 10, logEnd: 50 }], 0);
    expect(tracker.verdict().partitions[0].lag).toBe(40);
  });
});

import { HealthIndicatorService } from '@nestjs/terminus';
import type { LinkStatus } from './domain/link-rotation';
import { LoopProgress } from './domain/loop-progress';
import { syncProbes, type SyncLevelState } from './sync-health';

const LINK_DOWN: LinkStatus = {
  url: 'http://link-1.invalid',
  active: true,
  requests: 4,
  failures: 4,
  lastRequestOk: false,
  lastSuccessAt: null,
  lastFailureAt: '2026-12-01T08:00:00.000Z',
  lastError: 'connect ECONNREFUSED',
};

describe(syncProbes.name, () => {
  let now: number;
  let outbox: LoopProgress;
  let delivery: LoopProgress;
  let level: SyncLevelState;
  const ping = jest.fn<Promise<{ success: boolean }>, []>();

  beforeEach(() => {
    now = 0;
    outbox = new LoopProgress('outbox', 10_000, () => now);
    delivery = new LoopProgress('delivery', 10_000, () => now);
    level = { loops: () => [outbox.verdict(), delivery.verdict()], links: () => [LINK_DOWN] };
    ping.mockResolvedValue({ success: true });
  });

  const probes = () => syncProbes(new HealthIndicatorService(), ping, level);
  const run = async (checks: ReturnType<typeof probes>['ready']) =>
    Promise.all(checks.map(async (check) => check()));

  it('is not ready until every loop has started, nor while ClickHouse does not answer', async () => {
    outbox.started();
    expect((await run(probes().ready)).map((r) => Object.values(r)[0].status)).toEqual(['up', 'down']);
    delivery.started();
    expect((await run(probes().ready)).map((r) => Object.values(r)[0].status)).toEqual(['up', 'up']);
    ping.mockResolvedValue({ success: false });
    expect((await run(probes().ready)).map((r) => Object.values(r)[0].status)).toEqual(['down', 'up']);
  });

  it('is live while a link is down and delivery keeps failing, with the links in the details', async () => {
    outbox.started();
    delivery.started();
    for (let i = 0; i < 5; i++) {
      delivery.stepStarted();
      now += 3000;
      delivery.stepEnded(true);
    }
    const [live] = await run(probes().live);
    expect(live.progress).toMatchObject({
      status: 'up',
      loops: [
        { loop: 'outbox', stalled: false },
        { loop: 'delivery', failuresInRow: 5 },
      ],
      links: [LINK_DOWN],
    });
  });

  it('is not live while one loop is stuck inside a step beyond the limit, and live again when it ends', async () => {
    outbox.started();
    delivery.started();
    outbox.stepStarted();
    now += 10_001;
    const [stuck] = await run(probes().live);
    expect(stuck.progress).toMatchObject({
      status: 'down',
      loops: [
        { loop: 'outbox', stalled: true, inStepMs: 10_001 },
        { loop: 'delivery', stalled: false },
      ],
    });
    outbox.stepEnded(false);
    const [resumed] = await run(probes().live);
    expect(resumed.progress.status).toBe('up');
  });
});

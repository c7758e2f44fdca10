import { bearer, eventually, freePort, testKey, testServices } from '@libs/testing';
import { LinkProxy } from './link-proxy';
import { Level } from './sync-test-kit';

interface LoopDetails {
  loop: string;
  started: boolean;
  stalled: boolean;
  steps: number;
  failuresInRow: number;
}

/**
 * District 248's ioc-sync on the real ClickHouse, reached through a proxy the test can freeze (a hung
 * server: connections open, no answer), its upstream link pointing at a port where nothing listens.
 */
describe('ioc-sync health: readiness, progress-based liveness, details for admins only', () => {
  const viewer = testKey('viewer-health-248', 'viewer', ['248']);
  let clickhouse: LinkProxy;
  let level: Level;

  const get = (path: string, secret?: string) =>
    fetch(`${level.sync.url}${path}`, { headers: secret ? bearer(secret) : {} });
  const answer = async (path: string, secret?: string) => {
    const res = await get(path, secret);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    clickhouse = await LinkProxy.start(Number(new URL(testServices().clickhouseUrl).port));
    const deadLink = `http://127.0.0.1:${await freePort()}`;
    level = new Level('district', '248', [deadLink], [viewer]);
    Object.assign(level.env, {
      CLICKHOUSE_URL: clickhouse.url,
      IOC_SYNC_REQUEST_TIMEOUT_MS: '1000',
      IOC_SYNC_STALL_AFTER_MS: '3000',
    });
    await level.start();
  }, 120_000);

  afterAll(async () => {
    clickhouse?.thaw();
    await level?.stop();
    await clickhouse?.cut();
  });

  it('answers anyone up or down, and an admin each check, with the dead link visible but live', async () => {
    for (const path of ['/health', '/health/ready', '/health/live']) {
      expect(await answer(path)).toEqual({ status: 200, body: { status: 'up' } });
      expect(await answer(path, viewer.secret)).toEqual({ status: 200, body: { status: 'up' } });
    }

    const ready = await answer('/health/ready', level.admin.secret);
    expect(ready).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        details: {
          clickhouse: { status: 'up' },
          loops: {
            status: 'up',
            loops: [
              { loop: 'outbox', started: true },
              { loop: 'delivery', started: true },
            ],
          },
        },
      },
    });

    // Delivery keeps failing over the dead link: visible, and not a reason to restart.
    await eventually(
      async () => {
        const live = await answer('/health/live', level.admin.secret);
        expect(live.status).toBe(200);
        const progress = (live.body.details as Record<string, { loops: LoopDetails[]; links: unknown[] }>)
          .progress;
        const delivery = progress.loops.find((l) => l.loop === 'delivery');
        expect(delivery).toMatchObject({ stalled: false });
        expect(delivery!.failuresInRow).toBeGreaterThanOrEqual(2);
        expect(progress.links).toEqual([
          expect.objectContaining({
            lastRequestOk: false,
            lastSuccessAt: null,
            failures: expect.any(Number),
          }),
        ]);
        expect(progress.loops.find((l) => l.loop === 'outbox')!.steps).toBeGreaterThan(0);
      },
      { timeoutMs: 20_000, intervalMs: 300 },
    );
  });

  it('is not live while the outbox is stuck inside a step (ClickHouse hangs), and live again when it answers', async () => {
    clickhouse.freeze();
    try {
      await eventually(
        async () => {
          expect(await answer('/health/live')).toEqual({ status: 503, body: { status: 'down' } });
        },
        { timeoutMs: 15_000, intervalMs: 300 },
      );
      expect((await answer('/health/ready')).status).toBe(503);
    } finally {
      clickhouse.thaw();
    }
    await eventually(
      async () => {
        expect(await answer('/health/live')).toEqual({ status: 200, body: { status: 'up' } });
        expect(await answer('/health/ready')).toEqual({ status: 200, body: { status: 'up' } });
      },
      { timeoutMs: 15_000, intervalMs: 300 },
    );
  });
});

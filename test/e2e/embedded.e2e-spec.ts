import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { localDateOf, localDayRange } from '@libs/admin-units';
import { DossierReceived, exampleEnvelope, type EventEnvelope } from '@libs/contracts';
import { HttpTransport, simulateCommune } from '@libs/connector-sdk';
import {
  bearer,
  eventually,
  launchChromium,
  openWallScreen,
  pageErrors,
  startEmbedded,
  uniqueTestId,
  type EmbeddedProcess,
} from '@libs/testing';

// `npm start`'s process: ingest, coc-gateway and ioc-sync in one Node process on the in-process event
// bus and the embedded ClickHouse engine, no Kafka and no ClickHouse server (startEmbedded removes them).
const UNIT = '26734';
const KPI = 'tthc_dossiers_on_central_onestop_pct';

interface Secrets {
  connectorKey: string;
  adminKey: string;
}
const secretsOf = (dataDir: string): Secrets =>
  JSON.parse(readFileSync(join(dataDir, 'access', 'secrets.json'), 'utf8')) as Secrets;

describe('the embedded default (one process, no servers)', () => {
  const dirs: string[] = [];
  const running: EmbeddedProcess[] = [];
  let browser: Browser | undefined;
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'coc-embedded-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dir: string, env: Record<string, string>) => {
    const app = await startEmbedded(dir, env);
    running.push(app);
    return app;
  };

  afterAll(async () => {
    await browser?.close();
    for (const app of running) await app.kill();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the wall screen it prints, with history and live, changing KPIs', async () => {
    const dir = dataDir();
    const app = await start(dir, { COC_DEMO_HISTORY_DAYS: '3', COC_DEMO_TICK_MS: '500' });
    // The demo's history went through validation into the store: the day before yesterday has events.
    // "Ready" means ingest acknowledged the history (durable on the bus); storing it follows.
    const twoDaysAgo = localDateOf(new Date(Date.now() - 2 * 86_400_000));
    const { adminKey, connectorKey } = secretsOf(dir);
    await eventually(async () => {
      const counts = (await (
        await fetch(`${app.gatewayUrl}/api/v1/units/${UNIT}/event-counts?date=${twoDaysAgo}`, {
          headers: bearer(adminKey),
        })
      ).json()) as { count: number }[];
      expect(counts.reduce((sum, row) => sum + row.count, 0)).toBeGreaterThan(50);
    });

    browser = await launchChromium();
    const page = await openWallScreen(browser, `${app.screenUrl}&view=digital_government&dwell=86400`);
    const changedAt = () => page.getAttribute(`.tile[data-kpi="${KPI}"]`, 'data-changed-at');
    const before = await changedAt();
    // A connector's dossiers, whatever the hour of the demo's day: the tile must move while we watch.
    const connector = new HttpTransport({ url: app.ingestUrl, apiKey: connectorKey });
    const id = uniqueTestId('embedded');
    let n = 0;
    await eventually(
      async () => {
        n += 1;
        const at = new Date(Date.now() - 1_000).toISOString();
        await connector.publish([
          exampleEnvelope(DossierReceived, {
            eventId: `${id}-${n}`,
            unitCode: UNIT,
            occurredAt: at,
            producedAt: at,
            payload: {
              ...DossierReceived.example.payload,
              dossierId: `${id}-${n}`,
              onCentralOneStop: n % 2 === 1,
              dueAt: new Date(Date.now() + 86_400_000).toISOString(),
            },
          }),
        ]);
        if ((await changedAt()) === before) throw new Error(`the ${KPI} tile has not changed yet`);
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    await page.screenshot({ path: join('test-results', 'embedded-wall-screen.png') });
    expect(pageErrors(page)).toEqual([]);
  });

  it('loses nothing acknowledged and counts nothing twice across a SIGKILL during traffic', async () => {
    const dir = dataDir();
    const env = { COC_DEMO_TRAFFIC: 'false' };
    let app = await start(dir, env);
    const { connectorKey, adminKey } = secretsOf(dir);
    // Yesterday of the demo commune, as its source systems would publish it, in small batches.
    const yesterday = localDateOf(new Date(Date.now() - 86_400_000));
    const { start: from, end } = localDayRange(yesterday);
    const events = simulateCommune({ unitCode: UNIT, from, to: new Date(end.getTime() - 1), seed: 7 });
    const batches: EventEnvelope[][] = [];
    for (let i = 0; i < events.length; i += 25) batches.push(events.slice(i, i + 25));
    const acknowledged = new Set<string>();
    const publish = async (url: string, batch: EventEnvelope[]) => {
      await new HttpTransport({ url, apiKey: connectorKey, maxAttempts: 1 }).publish(batch);
      for (const event of batch) acknowledged.add(event.eventId);
    };

    // Kill while batches are in flight: what was acknowledged before must survive, the rest is retried.
    const half = Math.floor(batches.length / 2);
    const inFlight = batches.slice(0, half).map((batch) => publish(app.ingestUrl, batch));
    await eventually(
      () => {
        if (acknowledged.size < 10 * 25) throw new Error(`only ${acknowledged.size} acknowledged`);
        return Promise.resolve();
      },
      { timeoutMs: 60_000, intervalMs: 5 },
    );
    await app.kill();
    const outcomes = await Promise.allSettled(inFlight);
    const failed = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [batches[i]] : []));
    const acknowledgedBeforeKill = new Set(acknowledged);

    app = await start(dir, env);
    // A connector retries what was not acknowledged, and some of what was (the answer may have been lost).
    for (const batch of [...failed, batches[0], ...batches.slice(half)]) await publish(app.ingestUrl, batch);
    expect(acknowledgedBeforeKill.size).toBeGreaterThanOrEqual(250);

    const perType = new Map<string, number>();
    for (const event of events) perType.set(event.type, (perType.get(event.type) ?? 0) + 1);
    await eventually(
      async () => {
        const response = await fetch(
          `${app.gatewayUrl}/api/v1/units/${UNIT}/event-counts?date=${yesterday}`,
          {
            headers: bearer(adminKey),
          },
        );
        const rows = (await response.json()) as { type: string; count: number }[];
        expect(Object.fromEntries(rows.map((row) => [row.type, row.count]))).toEqual(
          Object.fromEntries(perType),
        );
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(acknowledged.size).toBe(events.length);
  });
});

/**
 * Measures the upward sync on the real services (not part of CI; see apps/ioc-sync/README.md):
 * 1. bytes sent per commune per day: one simulated day of a commune delivered through a link
 *    proxy that counts bytes on the wire, plus the idle watermark batches a day holds;
 * 2. catch-up time: events at a steady rate, the link cut for IOC_SYNC_MEASURE_OUTAGE_S (default
 *    600 s), then restored; the time until the province holds everything the commune stored.
 * Needs KAFKA_BROKERS and CLICKHOUSE_URL (eval "$(npm run -s services -- env)") and built apps.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { localDateOf, localDayRange } from '@libs/admin-units';
import { simulateCommune } from '@libs/connector-sdk';
import { DossierReceived, exampleEnvelope } from '@libs/contracts';
import { LinkProxy } from './link-proxy';
import { Level, upstreamKeyOf } from './sync-test-kit';

const COMMUNE = '26734';
const RATE_PER_S = Number(process.env.IOC_SYNC_MEASURE_RATE ?? 20);
const OUTAGE_S = Number(process.env.IOC_SYNC_MEASURE_OUTAGE_S ?? 600);
const MARK_INTERVAL_S = 300;
const log = (line: string) => process.stdout.write(`[measure] ${line}\n`);

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const province = await new Level('province', '25', [], [upstreamKeyOf(COMMUNE)]).start();
  const link = await LinkProxy.start(Number(new URL(province.sync.url).port));
  const commune = new Level('commune', COMMUNE, [link.url]);
  commune.env.IOC_SYNC_MARK_INTERVAL_MS = '2000';
  await commune.start();
  try {
    const yesterday = localDateOf(new Date(Date.now() - 86_400_000));
    const day = localDayRange(yesterday);
    const events = simulateCommune({
      unitCode: COMMUNE,
      from: day.start,
      to: new Date(day.end.getTime() - 1000),
      seed: 7,
    });
    const before = link.bytesUp;
    await commune.publish(events);
    const stored = new Set(events.map((e) => e.eventId)).size;
    await until(async () => (await province.storedEvents([COMMUNE])) === stored, 120_000);
    const dayBytes = link.bytesUp - before;
    const idleStart = link.bytesUp;
    await sleep(20_000);
    const perMark = (link.bytesUp - idleStart) / 10;
    const marksPerDay = 86_400 / MARK_INTERVAL_S;
    log(
      `one simulated day of ${COMMUNE}: ${events.length} events, ${dayBytes} bytes on the link (${(dayBytes / events.length).toFixed(1)} per event)`,
    );
    log(
      `an idle watermark batch: ${perMark.toFixed(0)} bytes; ${marksPerDay} a day at the default ${MARK_INTERVAL_S} s: ${(perMark * marksPerDay).toFixed(0)} bytes`,
    );
    log(`per commune per day: ${(dayBytes + perMark * marksPerDay).toFixed(0)} bytes`);

    let sent = 0;
    let running = true;
    const producer = (async () => {
      const t0 = Date.now();
      while (running) {
        const due = Math.floor(((Date.now() - t0) / 1000) * RATE_PER_S) - sent;
        if (due > 0) {
          const now = new Date().toISOString();
          await commune.publish(
            Array.from({ length: due }, (_, i) =>
              exampleEnvelope(DossierReceived, {
                eventId: `steady-${t0}-${sent + i}`,
                unitCode: COMMUNE,
                occurredAt: now,
                producedAt: now,
                payload: {
                  dossierId: `S-${t0}-${sent + i}`,
                  procedureCode: '1.001234',
                  channel: 'online',
                  onCentralOneStop: true,
                  dueAt: now,
                },
              }),
            ),
          );
          sent += due;
        }
        await sleep(100);
      }
    })();
    await sleep(10_000);
    await link.cut();
    log(`link cut at ${RATE_PER_S} events/s for ${OUTAGE_S} s`);
    await sleep(OUTAGE_S * 1000);
    const backlog = (await commune.storedEvents([COMMUNE])) - (await province.storedEvents([COMMUNE]));
    const target = await commune.storedEvents([COMMUNE]);
    const restored = Date.now();
    await link.restore();
    await until(async () => (await province.storedEvents([COMMUNE])) >= target, 600_000);
    log(
      `backlog ${backlog} events; caught up with everything stored at the restore in ${((Date.now() - restored) / 1000).toFixed(1)} s, while ${RATE_PER_S} events/s kept coming`,
    );
    running = false;
    await producer;
  } finally {
    await link.cut();
    // Both levels stop even when one fails to (a DROP DATABASE can time out on a busy server).
    await Promise.allSettled([commune.stop(), province.stop()]).then(reportFailedStop);
  }
}

function reportFailedStop(stopped: PromiseSettledResult<void>[]): void {
  for (const s of stopped) {
    if (s.status !== 'rejected') continue;
    process.stderr.write(`stopping a level failed: ${String(s.reason)}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

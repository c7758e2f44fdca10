/**
 * The embedded event bus on this machine's disk: publish throughput with one fsync per publish for
 * batches of 1, 100 and 1000 events, many single-event publishes in flight at once (HTTP ingest's
 * pattern, which the group commit folds into shared fsyncs), consume throughput of one group
 * (offsets committed, fsynced, per batch), and the process's RSS. The reference, measured in the
 * same run, is a bare append + fdatasync of the same bytes per batch: the disk's own floor.
 * Runs alone too: `npx ts-node --transpile-only -r tsconfig-paths/register bench/scenarios/embedded-bus.ts [--quick]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventBus } from '@libs/event-bus';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { median } from '../lib/spread';

/** About the size of a one-stop dossier event as connectors publish it. */
const EVENT = JSON.stringify({
  eventId: '0b7f6c1e-6a43-4d0e-9f1a-2f3b4c5d6e7f',
  source: 'onestop',
  type: 'onestop.dossier.received',
  unitCode: '26734',
  occurredAt: '2026-12-01T08:15:00+07:00',
  producedAt: '2026-12-01T08:15:02+07:00',
  schemaVersion: 1,
  payload: {
    dossierId: 'HS-26734-2026-000123',
    procedureCode: '1.004227',
    channel: 'online',
    applicant: { kind: 'citizen' },
    dueAt: '2026-12-08T17:00:00+07:00',
    fields: { note: 'x'.repeat(180) },
  },
});

const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const messages = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `2673${i % 10}`, value: EVENT }));

async function bareAppends(directory: string, batch: number, batches: number): Promise<number> {
  const file = await open(join(directory, 'bare.log'), 'a');
  const bytes = Buffer.from(EVENT.repeat(batch));
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) {
    await file.write(bytes);
    await file.datasync();
  }
  const ms = performance.now() - t0;
  await file.close();
  return ms;
}

export const embeddedBus: BenchScenario = {
  name: 'embedded-bus',
  description:
    'embedded event bus: fsynced publishes (batches of 1/100/1000, 64 in flight), one group consuming, RSS',
  async run(context: BenchContext): Promise<BenchResult> {
    const { quick } = context;
    const directory = mkdtempSync(join(tmpdir(), 'bench-bus-'));
    const bus = EmbeddedEventBus.open({ directory, segmentBytes: 64 * 2 ** 20, retentionMs: 3_600_000 });
    const figures: Record<string, number> = {};
    /** Per batch size: the median over the slices of publishes/s over bare fsyncs/s. */
    const overBare = new Map<number, number>();
    let peakRss = process.memoryUsage().rss;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    try {
      await bus.ensureTopics(['bench']);
      let published = 0;
      for (const batch of [1, 100, 1000]) {
        // In slices, the bus's and the bare appends' alternating, so a burst of the disk's other
        // writers falls on both alike (one pass each swung their ratio several-fold between runs).
        const slices = 5;
        const perSlice = Math.max(4, Math.round(400 / Math.sqrt(batch)));
        const batches = slices * perSlice;
        const records = messages(batch);
        let ms = 0;
        let bareMs = 0;
        const sliceRatios: number[] = [];
        for (let slice = 0; slice < slices; slice++) {
          const t0 = performance.now();
          for (let i = 0; i < perSlice; i++) await bus.publish([{ topic: 'bench', messages: records }]);
          const sliceMs = performance.now() - t0;
          const bareSliceMs = await bareAppends(directory, batch, perSlice);
          ms += sliceMs;
          bareMs += bareSliceMs;
          sliceRatios.push(bareSliceMs / sliceMs);
        }
        overBare.set(batch, median(sliceRatios));
        published += batch * batches;
        figures[`publishBatch${batch}EventsPerSecond`] = perSecond(batch * batches, ms);
        figures[`publishBatch${batch}PublishesPerSecond`] = perSecond(batches, ms);
        figures[`bareBatch${batch}FsyncsPerSecond`] = perSecond(batches, bareMs);
        context.log(
          `batch ${batch}: ${figures[`publishBatch${batch}EventsPerSecond`]} events/s, ${batches} publishes`,
        );
      }
      const inFlight = 64;
      const rounds = quick ? 20 : 100;
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++)
        await Promise.all(
          Array.from({ length: inFlight }, () => bus.publish([{ topic: 'bench', messages: messages(1) }])),
        );
      figures.publishSingle64InFlightEventsPerSecond = perSecond(inFlight * rounds, performance.now() - t0);
      published += inFlight * rounds;

      let consumed = 0;
      const c0 = performance.now();
      const consumer = bus.groupConsumer(
        {
          groupId: 'bench',
          topics: ['bench'],
          fromBeginning: true,
          minBytes: 1,
          maxWaitMs: 100,
          maxBytesPerPartition: 1024 * 1024,
          partitionsConsumedConcurrently: 1,
          retryInitialMs: 100,
          retryMaxMs: 1000,
        },
        (records) => {
          consumed += records.length;
          return Promise.resolve();
        },
      );
      await consumer.start();
      while (consumed < published) await new Promise((resolve) => setTimeout(resolve, 5));
      figures.consumeEventsPerSecond = perSecond(consumed, performance.now() - c0);
      await consumer.stop();
      figures.eventsPublished = published;
      // The bench process hosts the bus, so its RSS is the bus's plus the harness's.
      figures.busProcessRssMb = mb(process.memoryUsage().rss);
      figures.busProcessPeakRssMb = mb(peakRss);
    } finally {
      clearInterval(sample);
      await bus.close();
      rmSync(directory, { recursive: true, force: true });
    }
    return {
      scenario: 'embedded-bus',
      figures,
      ratios: {
        publishBatch1OverBareFsync: overBare.get(1) ?? Number.NaN,
        publishBatch1000OverBareFsync: overBare.get(1000) ?? Number.NaN,
      },
      targets: [
        // A commune's tens of thousands of events a day is under one event a second on average.
        {
          name: 'single-event publishes, 64 in flight (events/s)',
          value: figures.publishSingle64InFlightEventsPerSecond,
          comparison: '>=',
          threshold: 500,
        },
        {
          name: 'consume (events/s)',
          value: figures.consumeEventsPerSecond,
          comparison: '>=',
          threshold: 5000,
        },
      ],
      notes: [
        `events of ${EVENT.length} bytes; one publish = one write + fdatasync (publishes in flight share one)`,
        "publishes and bare appends alternate in 5 slices per batch size; each ratio is the median of the slices' own ratios (a burst of the disk's other writers falls on one slice)",
        'consume: one group from the beginning, no-op handler, offsets written atomically (fsync + rename) per batch',
      ],
    };
  },
};

if (require.main === module) {
  embeddedBus
    .run({
      quick: process.argv.includes('--quick'),
      env: {},
      log: (line) => process.stdout.write(`${line}\n`),
    })
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}

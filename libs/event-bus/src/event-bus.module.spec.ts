import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { ConsumedRecord, EventBus } from '@libs/event-bus-port';
import { leaseEventBus } from './event-bus.module';

type Lease = EventBus & OnApplicationShutdown;

describe(leaseEventBus.name, () => {
  const saved = { ...process.env };
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'bus-lease-'));
    delete process.env.KAFKA_BROKERS;
    process.env.COC_DATA_DIR = directory;
  });

  afterEach(() => {
    process.env = { ...saved };
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives every app in the process the same embedded bus when KAFKA_BROKERS is unset; the last one out closes it', async () => {
    const ingest = leaseEventBus() as Lease;
    const gateway = leaseEventBus() as Lease;
    await ingest.ensureTopics(['t']);
    const seen: ConsumedRecord[] = [];
    const consumer = gateway.groupConsumer(
      {
        groupId: 'gateway',
        topics: ['t'],
        fromBeginning: true,
        minBytes: 1,
        maxWaitMs: 5,
        maxBytesPerPartition: 1024,
        partitionsConsumedConcurrently: 1,
        retryInitialMs: 5,
        retryMaxMs: 10,
      },
      (records) => {
        seen.push(...records);
        return Promise.resolve();
      },
    );
    await consumer.start();
    await ingest.publish([{ topic: 't', messages: [{ key: 'k', value: 'from ingest' }] }]);
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(String(seen[0].value)).toBe('from ingest');
    const lock = join(directory, 'bus', 'bus.lock');

    await ingest.onApplicationShutdown();
    expect(existsSync(lock)).toBe(true);
    await gateway.publish([{ topic: 't', messages: [{ key: 'k', value: 'still open' }] }]);
    await gateway.onApplicationShutdown();
    expect(existsSync(lock)).toBe(false);
    expect(consumer.health().state).toBe('stopped');
  });

  it("validates the chosen adapter's settings at start-up, naming the variable", () => {
    process.env.COC_BUS_SEGMENT_BYTES = '12';
    expect(() => leaseEventBus()).toThrow(/COC_BUS_SEGMENT_BYTES/);
    process.env.KAFKA_BROKERS = 'no-port';
    expect(() => leaseEventBus()).toThrow(/KAFKA_BROKERS entries must be host:port/);
  });
});

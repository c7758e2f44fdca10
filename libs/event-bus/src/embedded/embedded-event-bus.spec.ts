import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsumedRecord, GroupConsumerOptions } from '@libs/event-bus-port';
import { EmbeddedEventBus } from './embedded-event-bus';

const consumerOptions = (overrides: Partial<GroupConsumerOptions> = {}): GroupConsumerOptions => ({
  groupId: 'g',
  topics: ['t'],
  fromBeginning: true,
  minBytes: 1,
  maxWaitMs: 10,
  maxBytesPerPartition: 1024 * 1024,
  partitionsConsumedConcurrently: 1,
  retryInitialMs: 5,
  retryMaxMs: 20,
  ...overrides,
});

const messages = (from: number, count: number, key = (i: number) => `unit-${i % 4}`) =>
  Array.from({ length: count }, (_, n) => ({ key: key(from + n), value: `e${from + n}` }));

async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe(EmbeddedEventBus.name, () => {
  let directory: string;
  let sut: EmbeddedEventBus;
  const open = () => EmbeddedEventBus.open({ directory, segmentBytes: 1024 * 1024, retentionMs: 3_600_000 });

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'embedded-bus-'));
    sut = open();
    await sut.ensureTopics(['t', 'u']);
  });

  afterEach(async () => {
    await sut.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses a topic that was never created, as Kafka does without auto-creation', async () => {
    await expect(sut.publish([{ topic: 'missing', messages: messages(0, 1) }])).rejects.toThrow(
      /topic missing does not exist/,
    );
  });

  it('hands every record over in publish order with keys and headers, woken by the publish', async () => {
    const seen: ConsumedRecord[] = [];
    const consumer = sut.groupConsumer(consumerOptions(), (records) => {
      seen.push(...records);
      return Promise.resolve();
    });
    await consumer.start();
    expect(consumer.health().state).toBe('consuming');
    await sut.publish([{ topic: 't', messages: [{ key: 'k', value: 'v', headers: { reason: 'why' } }] }]);
    await sut.publish([{ topic: 't', messages: messages(1, 99) }]);
    await eventually(() => expect(seen).toHaveLength(100));
    expect(seen[0]).toEqual({
      topic: 't',
      partition: 0,
      offset: '0',
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: { reason: 'why' },
    });
    for (let key = 0; key < 4; key++) {
      const values = seen
        .filter((r) => String(r.key) === `unit-${key}`)
        .map((r) => Number(String(r.value).slice(1)));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(seen.map((r) => Number(r.offset))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    await consumer.stop();
    expect(consumer.health().state).toBe('stopped');
  });

  it('retries a failing batch until it succeeds, reporting it, and loses or skips nothing', async () => {
    await sut.publish([{ topic: 't', messages: messages(0, 10) }]);
    let failures = 0;
    const handled: string[] = [];
    const states: string[] = [];
    const consumer = sut.groupConsumer(consumerOptions(), (records) => {
      states.push(consumer.health().state);
      if (failures < 3) {
        failures++;
        return Promise.reject(new Error(`ClickHouse down ${failures}`));
      }
      handled.push(...records.map((r) => String(r.value)));
      return Promise.resolve();
    });
    await consumer.start();
    await eventually(() => expect(handled).toHaveLength(10));
    expect(handled).toEqual(messages(0, 10).map((m) => m.value));
    expect(states.slice(0, 4)).toEqual(['consuming', 'retrying', 'retrying', 'retrying']);
    await eventually(() =>
      expect(consumer.health()).toMatchObject({ state: 'consuming', lastError: 'ClickHouse down 3' }),
    );
    expect(await sut.groupOffsets('g', ['t'])).toEqual([
      { topic: 't', partition: 0, committed: 10, logStart: 0, logEnd: 10 },
    ]);
    await consumer.stop();
  });

  it('commits only handled batches: a new consumer of the group resumes after the last commit, across a reopen', async () => {
    await sut.publish([{ topic: 't', messages: messages(0, 5) }]);
    const first: string[] = [];
    const consumer = sut.groupConsumer(consumerOptions(), (records) => {
      first.push(...records.map((r) => String(r.value)));
      return Promise.resolve();
    });
    await consumer.start();
    await eventually(() => expect(first).toHaveLength(5));
    await consumer.stop();
    await sut.publish([{ topic: 't', messages: messages(5, 3) }]);
    await sut.close();

    sut = open();
    const second: string[] = [];
    const resumed = sut.groupConsumer(consumerOptions(), (records) => {
      second.push(...records.map((r) => String(r.value)));
      return Promise.resolve();
    });
    await resumed.start();
    await eventually(() => expect(second).toEqual(['e5', 'e6', 'e7']));
    await resumed.stop();
  });

  it('starts a new group at the end when not from the beginning, and consumes topics independently', async () => {
    await sut.publish([{ topic: 't', messages: messages(0, 3) }]);
    const seen: string[] = [];
    const consumer = sut.groupConsumer(
      consumerOptions({
        groupId: 'latest',
        topics: ['t', 'u'],
        fromBeginning: false,
        partitionsConsumedConcurrently: 2,
      }),
      (records) => {
        seen.push(...records.map((r) => `${r.topic}:${String(r.value)}`));
        return Promise.resolve();
      },
    );
    await consumer.start();
    await sut.publish([
      { topic: 'u', messages: messages(10, 1) },
      { topic: 't', messages: messages(3, 1) },
    ]);
    await eventually(() => expect([...seen].sort()).toEqual(['t:e3', 'u:e10']));
    await consumer.stop();
  });

  it('holds a batch under minBytes for more records until maxWaitMs', async () => {
    const batches: number[] = [];
    const consumer = sut.groupConsumer(consumerOptions({ minBytes: 10_000, maxWaitMs: 300 }), (records) => {
      batches.push(records.length);
      return Promise.resolve();
    });
    await consumer.start();
    for (let i = 0; i < 5; i++) await sut.publish([{ topic: 't', messages: messages(i, 1) }]);
    await eventually(() => expect(batches).toEqual([5]));
    await consumer.stop();
  });

  it('reports lag against the log end', async () => {
    await sut.publish([{ topic: 't', messages: messages(0, 4) }]);
    expect(await sut.groupOffsets('idle', ['t', 'u'])).toEqual([
      { topic: 't', partition: 0, committed: -1, logStart: 0, logEnd: 4 },
      { topic: 'u', partition: 0, committed: -1, logStart: 0, logEnd: 0 },
    ]);
  });

  it('refuses to publish once closed', async () => {
    await sut.close();
    await expect(sut.publish([{ topic: 't', messages: messages(0, 1) }])).rejects.toThrow(/closed/);
  });
});

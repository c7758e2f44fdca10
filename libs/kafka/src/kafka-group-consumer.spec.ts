import type { Consumer, ConsumerRunConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { BatchHandler, GroupConsumerOptions } from '@libs/event-bus-port';
import { KafkaGroupConsumer } from './kafka-group-consumer';

const options: GroupConsumerOptions = {
  groupId: 'g',
  topics: ['t'],
  fromBeginning: true,
  minBytes: 1,
  maxWaitMs: 10,
  maxBytesPerPartition: 1024,
  partitionsConsumedConcurrently: 1,
  retryInitialMs: 10,
  retryMaxMs: 40,
  heartbeatIntervalMs: 5,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A kafkajs consumer reduced to what KafkaGroupConsumer touches, recording commits. */
function fakeKafka() {
  let eachBatch: ConsumerRunConfig['eachBatch'];
  const listeners = new Map<string, (event: { payload: unknown }) => void>();
  const commits: unknown[] = [];
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join' },
    on: (name: string, listener: (event: { payload: unknown }) => void) => listeners.set(name, listener),
    connect: () => Promise.resolve(),
    subscribe: () => Promise.resolve(),
    run: (config: ConsumerRunConfig) => {
      eachBatch = config.eachBatch;
      return Promise.resolve();
    },
    commitOffsets: (offsets: unknown[]) => {
      commits.push(...offsets);
      return Promise.resolve();
    },
    disconnect: () => Promise.resolve(),
  };
  const kafka = { consumer: () => consumer as unknown as Consumer } as unknown as Kafka;
  const names = {
    physicalTopic: (t: string) => `p.${t}`,
    logicalTopic: (t: string) => t.replace(/^p\./, ''),
  };
  return {
    kafka,
    names,
    commits,
    join: (assignment: Record<string, number[]>) =>
      listeners.get('consumer.group_join')?.({ payload: { memberAssignment: assignment } }),
    deliver: (payload: EachBatchPayload) => {
      if (!eachBatch) throw new Error('run() was not called');
      return eachBatch(payload);
    },
  };
}

function batchPayload({
  heartbeat = () => Promise.resolve(),
  running = () => true,
}: { heartbeat?: () => Promise<void>; running?: () => boolean } = {}) {
  const messages = ['5', '6', '7'].map((offset) => ({
    offset,
    key: null,
    value: Buffer.from(offset),
    headers: { origin: Buffer.from(`o${offset}`) },
  }));
  const heartbeats = { count: 0 };
  const payload = {
    batch: {
      topic: 'p.t',
      partition: 2,
      messages,
      firstOffset: () => '5',
      lastOffset: () => '7',
    },
    resolveOffset: () => undefined,
    heartbeat: () => {
      heartbeats.count++;
      return heartbeat();
    },
    isRunning: running,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, heartbeats };
}

async function started(handler: BatchHandler) {
  const kafka = fakeKafka();
  const sut = new KafkaGroupConsumer(kafka.kafka, kafka.names, options, handler);
  await sut.start();
  kafka.join({ 'p.t': [0, 1, 2] });
  return { sut, kafka };
}

describe(KafkaGroupConsumer.name, () => {
  it('hands the batch over with logical topic names and commits the offset after the last record', async () => {
    const seen: string[] = [];
    const { sut, kafka } = await started((records) => {
      seen.push(...records.map((r) => `${r.topic}[${r.partition}]@${r.offset} ${r.headers?.origin}`));
      return Promise.resolve();
    });
    await kafka.deliver(batchPayload().payload);
    expect(seen).toEqual(['t[2]@5 o5', 't[2]@6 o6', 't[2]@7 o7']);
    expect(kafka.commits).toEqual([{ topic: 'p.t', partition: 2, offset: '8' }]);
    expect(sut.health()).toMatchObject({ state: 'consuming', consecutiveFailures: 0 });
  });

  it('retries a failing batch, reporting the error, commits nothing until it succeeds, then recovers', async () => {
    let calls = 0;
    const states: unknown[] = [];
    const { sut, kafka } = await started(() => {
      calls++;
      states.push(sut.health());
      expect(kafka.commits).toEqual([]);
      return calls <= 3 ? Promise.reject(new Error(`ECONNREFUSED ${calls}`)) : Promise.resolve();
    });
    const { payload, heartbeats } = batchPayload();
    await kafka.deliver(payload);
    expect(calls).toBe(4);
    expect(states.at(-1)).toMatchObject({
      state: 'retrying',
      consecutiveFailures: 3,
      lastError: 'ECONNREFUSED 3',
      retryingPartitions: ['p.t[2]'],
    });
    // back-off 10 + 20 + 40 ms in 5 ms heartbeat slices
    expect(heartbeats.count).toBeGreaterThanOrEqual(10);
    expect(kafka.commits).toEqual([{ topic: 'p.t', partition: 2, offset: '8' }]);
    expect(sut.health()).toMatchObject({ state: 'consuming', lastError: 'ECONNREFUSED 3' });
  });

  it('heartbeats while a slow handler runs', async () => {
    const { kafka } = await started(() => sleep(60));
    const { payload, heartbeats } = batchPayload();
    await kafka.deliver(payload);
    expect(heartbeats.count).toBeGreaterThanOrEqual(5);
  });

  it('gives the batch back to kafkajs, uncommitted, when a heartbeat reports a rebalance', async () => {
    let calls = 0;
    const { sut, kafka } = await started(() => {
      calls++;
      return Promise.reject(new Error('ClickHouse down'));
    });
    const rebalance = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const { payload } = batchPayload({
      heartbeat: () => (calls >= 2 ? Promise.reject(rebalance) : Promise.resolve()),
    });
    await expect(kafka.deliver(payload)).rejects.toBe(rebalance);
    expect(calls).toBe(2);
    expect(kafka.commits).toEqual([]);
    expect(sut.health().state).toBe('retrying');
    kafka.join({ 'p.t': [0, 1] });
    expect(sut.health().state).toBe('consuming');
  });

  it('stops retrying without committing when the consumer stops', async () => {
    let running = true;
    const { kafka } = await started(() => {
      running = false;
      return Promise.reject(new Error('ClickHouse down'));
    });
    await kafka.deliver(batchPayload({ running: () => running }).payload);
    expect(kafka.commits).toEqual([]);
  });

  it('reports starting until the group assigned partitions', () => {
    const kafka = fakeKafka();
    const sut = new KafkaGroupConsumer(kafka.kafka, kafka.names, options, () => Promise.resolve());
    expect(sut.health().state).toBe('starting');
  });
});

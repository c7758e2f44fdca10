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
  const seeks: unknown[] = [];
  const consumer = {
    seek: (to: unknown) => seeks.push(to),
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
    seeks,
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
  offsets = ['5', '6', '7'],
}: { heartbeat?: () => Promise<void>; running?: () => boolean; offsets?: string[] } = {}) {
  const resolved: string[] = [];
  const messages = offsets.map((offset) => ({
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
      firstOffset: () => offsets[0],
      lastOffset: () => offsets[offsets.length - 1],
    },
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: () => {
      heartbeats.count++;
      return heartbeat();
    },
    isRunning: running,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, heartbeats, resolved };
}

async function started(handler: BatchHandler, batchesInFlightPerPartition = 1, maxBytesPerPartition = 1024) {
  const kafka = fakeKafka();
  const sut = new KafkaGroupConsumer(
    kafka.kafka,
    kafka.names,
    { ...options, batchesInFlightPerPartition, maxBytesPerPartition },
    handler,
  );
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

  describe('with two batches of a partition in flight', () => {
    /** A handler whose calls finish when the test says, by the batch's first offset. */
    function gatedHandler() {
      const gates = new Map<string, { open: () => void; fail: (e: Error) => void }>();
      const handler: BatchHandler = (records) =>
        new Promise<void>((open, fail) => gates.set(records[0].offset, { open, fail }));
      const gate = async (offset: string) => {
        for (let i = 0; i < 100 && !gates.has(offset); i++) await sleep(1);
        const g = gates.get(offset);
        if (!g) throw new Error(`batch @${offset} was never handed over`);
        return g;
      };
      return { handler, gate };
    }
    const settle = () => sleep(5);

    it('hands a batch back to kafkajs before it is stored, and commits in offset order', async () => {
      const { handler, gate } = gatedHandler();
      const { kafka } = await started(handler, 2, 2);
      const first = batchPayload({ offsets: ['5', '6'] });
      const second = batchPayload({ offsets: ['7', '8'] });
      await kafka.deliver(first.payload);
      await kafka.deliver(second.payload);
      expect([first.resolved, second.resolved]).toEqual([['6'], ['8']]);
      (await gate('7')).open();
      await settle();
      expect(kafka.commits).toEqual([]);
      (await gate('5')).open();
      await settle();
      expect(kafka.commits).toEqual([
        { topic: 'p.t', partition: 2, offset: '7' },
        { topic: 'p.t', partition: 2, offset: '9' },
      ]);
    });

    it("stores a caught-up partition's batch (under half the fetch size) before handing it back", async () => {
      const { handler, gate } = gatedHandler();
      const { kafka } = await started(handler, 2, 1024);
      const small = batchPayload({ offsets: ['5', '6'] });
      let returned = false;
      const handedBack = kafka.deliver(small.payload).then(() => {
        returned = true;
      });
      await settle();
      expect([returned, small.resolved]).toEqual([false, []]);
      (await gate('5')).open();
      await handedBack;
      expect(kafka.commits).toEqual([{ topic: 'p.t', partition: 2, offset: '7' }]);
      expect(small.resolved).toEqual(['6']);
    });

    it('holds a third batch until the oldest of the partition settled', async () => {
      const { handler, gate } = gatedHandler();
      const { kafka } = await started(handler, 2, 2);
      await kafka.deliver(batchPayload({ offsets: ['5'] }).payload);
      await kafka.deliver(batchPayload({ offsets: ['6'] }).payload);
      let thirdReturned = false;
      const third = kafka.deliver(batchPayload({ offsets: ['7'] }).payload).then(() => {
        thirdReturned = true;
      });
      await settle();
      expect(thirdReturned).toBe(false);
      (await gate('5')).open();
      await third;
      expect(thirdReturned).toBe(true);
      (await gate('6')).open();
      (await gate('7')).open();
      await settle();
      expect(kafka.commits.map((c) => (c as { offset: string }).offset)).toEqual(['6', '7', '8']);
    });

    it('reads the partition again from a batch that failed to commit, committing nothing after it', async () => {
      const { handler, gate } = gatedHandler();
      const rebalance = new Error('The group is rebalancing');
      let failHeartbeats = false;
      const { kafka } = await started(handler, 2, 2);
      const failing = () => (failHeartbeats ? Promise.reject(rebalance) : Promise.resolve());
      await kafka.deliver(batchPayload({ offsets: ['5'] }).payload);
      await kafka.deliver(batchPayload({ offsets: ['6'], heartbeat: failing }).payload);
      (await gate('5')).open();
      await settle();
      failHeartbeats = true;
      await sleep(20);
      (await gate('6')).open();
      await settle();
      expect(kafka.commits).toEqual([{ topic: 'p.t', partition: 2, offset: '6' }]);
      expect(kafka.seeks).toEqual([{ topic: 'p.t', partition: 2, offset: '6' }]);
    });

    it('after a failed batch, commits none of the later ones and rewinds only to the failed one', async () => {
      const { handler, gate } = gatedHandler();
      const rebalance = new Error('The group is rebalancing');
      let failHeartbeats = false;
      const { kafka } = await started(handler, 2, 2);
      const failing = () => (failHeartbeats ? Promise.reject(rebalance) : Promise.resolve());
      await kafka.deliver(batchPayload({ offsets: ['5'], heartbeat: failing }).payload);
      await kafka.deliver(batchPayload({ offsets: ['6'] }).payload);
      (await gate('6')).open();
      failHeartbeats = true;
      await sleep(20);
      (await gate('5')).open();
      await settle();
      expect(kafka.commits).toEqual([]);
      expect(kafka.seeks).toEqual([{ topic: 'p.t', partition: 2, offset: '5' }]);
      // The partition's next batch (read again from 5) starts a new lane and commits.
      await kafka.deliver(batchPayload({ offsets: ['5'] }).payload);
      (await gate('5')).open();
      await settle();
      expect(kafka.commits).toEqual([{ topic: 'p.t', partition: 2, offset: '6' }]);
    });

    it('commits nothing more once stopping, and stop waits for the batches in flight', async () => {
      const { handler, gate } = gatedHandler();
      const { sut, kafka } = await started(handler, 2, 2);
      await kafka.deliver(batchPayload({ offsets: ['5'] }).payload);
      let stopped = false;
      const stopping = sut.stop().then(() => {
        stopped = true;
      });
      await settle();
      expect(stopped).toBe(false);
      (await gate('5')).open();
      await stopping;
      expect(kafka.commits).toEqual([]);
      expect(kafka.seeks).toEqual([]);
    });
  });
});

/**
 * A process on an embedded bus, for the crash and lock tests: `publish <dir>` publishes batches of
 * 1 to 50 records to topic t for ever, printing `acked <first> <last>` once each publish resolved,
 * while group g consumes them, printing `handled <first> <last>` before each commit; `hold <dir>`
 * only holds the bus, printing `ready`.
 */
import { EmbeddedEventBus } from '../src/embedded/embedded-event-bus';

const [mode, directory] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const bus = EmbeddedEventBus.open({ directory, segmentBytes: 64 * 1024, retentionMs: 3_600_000 });
  await bus.ensureTopics(['t']);
  if (mode === 'hold') {
    say('ready');
    setInterval(() => undefined, 60_000);
    return;
  }
  const consumer = bus.groupConsumer(
    {
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      minBytes: 1,
      maxWaitMs: 5,
      maxBytesPerPartition: 16 * 1024,
      partitionsConsumedConcurrently: 1,
      retryInitialMs: 5,
      retryMaxMs: 20,
    },
    (records) => {
      say(`handled ${records[0].offset} ${records[records.length - 1].offset}`);
      return Promise.resolve();
    },
  );
  await consumer.start();
  say('ready');
  for (let sequence = 0; ;) {
    const size = 1 + Math.floor(Math.random() * 50);
    const first = sequence;
    const messages = Array.from({ length: size }, () => ({
      key: `unit-${sequence % 7}`,
      value: `p${sequence++}`,
      headers: { sequence: String(sequence - 1) },
    }));
    await bus.publish([{ topic: 't', messages }]);
    say(`acked ${first} ${sequence - 1}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

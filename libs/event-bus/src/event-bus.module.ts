import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import {
  EVENT_BUS,
  type BatchHandler,
  type EventBus,
  type GroupConsumer,
  type GroupConsumerOptions,
  type PartitionOffsets,
  type PublishOptions,
  type TopicMessages,
} from '@libs/event-bus-port';
import { KafkaEnv, KafkaEventBus } from '@libs/kafka';
import { loadEnv } from '@libs/platform';
import { EmbeddedBusEnv } from './embedded/embedded-bus.env';
import { EmbeddedEventBus } from './embedded/embedded-event-bus';

const HOUR_MS = 3_600_000;

type ClosableEventBus = EventBus & { close(): Promise<void> };

/** Kafka when KAFKA_BROKERS is set; otherwise the embedded durable bus in COC_DATA_DIR/bus. */
function eventBusFromEnv(vars: NodeJS.ProcessEnv = process.env): ClosableEventBus {
  const kafka = loadEnv(KafkaEnv, vars);
  if (kafka.KAFKA_BROKERS) return new KafkaEventBus(kafka);
  const embedded = loadEnv(EmbeddedBusEnv, vars);
  return EmbeddedEventBus.open({
    directory: join(embedded.COC_DATA_DIR, 'bus'),
    segmentBytes: embedded.COC_BUS_SEGMENT_BYTES,
    retentionMs: embedded.COC_BUS_RETENTION_HOURS * HOUR_MS,
  });
}

let shared: { bus: ClosableEventBus; leases: number } | undefined;

/**
 * One app's hold on the process's bus. Several Nest apps can run in one process (coc-embedded runs
 * ingest, coc-gateway and ioc-sync), and they must share one bus: the embedded one wakes consumers
 * only for publishes made through it. The last app to shut down closes the bus.
 */
class EventBusLease implements EventBus, OnApplicationShutdown {
  private released = false;

  constructor(private readonly bus: ClosableEventBus) {}

  publish(batches: readonly TopicMessages[], options?: PublishOptions): Promise<void> {
    return this.bus.publish(batches, options);
  }

  ensureTopics(topics: readonly string[]): Promise<void> {
    return this.bus.ensureTopics(topics);
  }

  groupConsumer(options: GroupConsumerOptions, handler: BatchHandler): GroupConsumer {
    return this.bus.groupConsumer(options, handler);
  }

  groupOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffsets[]> {
    return this.bus.groupOffsets(groupId, topics);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.released || shared?.bus !== this.bus) return;
    this.released = true;
    if (--shared.leases > 0) return;
    shared = undefined;
    await this.bus.close();
  }
}

/** The process's bus, opened by the first app that asks for it. */
export function leaseEventBus(): EventBus {
  shared ??= { bus: eventBusFromEnv(), leases: 0 };
  shared.leases++;
  return new EventBusLease(shared.bus);
}

/** The process's event bus, shared by every app in it; which one is decided by KAFKA_BROKERS. */
@Global()
@Module({
  providers: [{ provide: EVENT_BUS, useFactory: leaseEventBus }],
  exports: [EVENT_BUS],
})
export class EventBusModule {}

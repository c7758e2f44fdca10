import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_BUS, type EventBus } from '@libs/event-bus-port';
import { KafkaEnv, KafkaEventBus } from '@libs/kafka';
import { loadEnv } from '@libs/platform';
import { EmbeddedBusEnv } from './embedded/embedded-bus.env';
import { EmbeddedEventBus } from './embedded/embedded-event-bus';

const HOUR_MS = 3_600_000;

/** Kafka when KAFKA_BROKERS is set; otherwise the embedded durable bus in COC_DATA_DIR/bus. */
export function eventBusFromEnv(vars: NodeJS.ProcessEnv = process.env): EventBus {
  const kafka = loadEnv(KafkaEnv, vars);
  if (kafka.KAFKA_BROKERS) return new KafkaEventBus(kafka);
  const embedded = loadEnv(EmbeddedBusEnv, vars);
  return EmbeddedEventBus.open({
    directory: join(embedded.COC_DATA_DIR, 'bus'),
    segmentBytes: embedded.COC_BUS_SEGMENT_BYTES,
    retentionMs: embedded.COC_BUS_RETENTION_HOURS * HOUR_MS,
  });
}

/** The process's event bus, one per process, shared by every app module in it. */
@Global()
@Module({
  providers: [{ provide: EVENT_BUS, useFactory: () => eventBusFromEnv() }],
  exports: [EVENT_BUS],
})
export class EventBusModule {}

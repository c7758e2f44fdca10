import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge, Histogram } from 'prom-client';
import { ALL_TOPICS, SOURCE_TOPICS } from '@libs/contracts';
import {
  ConsumerProgressMonitor,
  EVENT_BUS,
  type ConsumerHealth,
  type EventBus,
  type GroupConsumer,
} from '@libs/event-bus';
import { METRIC, ObservabilityEnv, publishProgress } from '@libs/observability';
import { IngestEnv } from './ingest.env';
import { IngestService } from './ingest.service';

/** Thin: source topics in, IngestService per batch, offsets out; its progress watched from outside. */
@Injectable()
export class IngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestConsumer.name);
  private readonly consumer: GroupConsumer;
  readonly progress: ConsumerProgressMonitor;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    env: IngestEnv,
    observability: ObservabilityEnv,
    ingest: IngestService,
    @InjectMetric(METRIC.batchRecords.name) batchRecords: Histogram,
    @InjectMetric(METRIC.consumerLag.name) lag: Gauge,
    @InjectMetric(METRIC.consumerStalledSeconds.name) stalledSeconds: Gauge,
  ) {
    this.consumer = bus.groupConsumer(
      {
        groupId: env.INGEST_GROUP_ID,
        topics: SOURCE_TOPICS,
        fromBeginning: true,
        minBytes: env.INGEST_BATCH_MIN_BYTES,
        maxWaitMs: env.INGEST_BATCH_MAX_WAIT_MS,
        maxBytesPerPartition: env.INGEST_BATCH_MAX_BYTES_PER_PARTITION,
        partitionsConsumedConcurrently: env.INGEST_PARTITIONS_CONCURRENTLY,
        batchesInFlightPerPartition: env.INGEST_BATCHES_IN_FLIGHT_PER_PARTITION,
        retryInitialMs: env.INGEST_RETRY_INITIAL_MS,
        retryMaxMs: env.INGEST_RETRY_MAX_MS,
        sessionTimeoutMs: env.INGEST_SESSION_TIMEOUT_MS,
      },
      async (records) => {
        batchRecords.observe({ topic: records[0].topic }, records.length);
        const outcome = await ingest.handleBatch(records);
        // Positions and times per batch: what the latency bench breaks an event's way to the screen into.
        this.logger.debug({
          msg: `stored ${outcome.stored}, rejected ${outcome.rejected} of ${records.length}`,
          topic: records[0].topic,
          partition: records[0].partition,
          firstOffset: records[0].offset,
          lastOffset: records[records.length - 1].offset,
          ...outcome.timing,
        });
      },
    );
    this.progress = new ConsumerProgressMonitor(bus, {
      groupId: env.INGEST_GROUP_ID,
      topics: SOURCE_TOPICS,
      pollMs: observability.CONSUMER_PROGRESS_POLL_MS,
      stallAfterMs: observability.CONSUMER_STALL_AFTER_MS,
      onSample: publishProgress(lag, stalledSeconds),
    });
  }

  health(): ConsumerHealth {
    return this.consumer.health();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(ALL_TOPICS);
    await this.consumer.start();
    await this.progress.start();
    this.logger.log(`consuming ${SOURCE_TOPICS.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.progress.stop();
    await this.consumer.stop();
  }
}

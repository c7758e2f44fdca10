import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ALL_TOPICS, SOURCE_TOPICS } from '@libs/contracts';
import { BatchConsumer, KafkaConnection, type ConsumerHealth } from '@libs/kafka';
import { IngestEnv } from './ingest.env';
import { IngestService } from './ingest.service';

/** Thin: source topics in, IngestService per batch, offsets out. */
@Injectable()
export class IngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestConsumer.name);
  private readonly consumer: BatchConsumer;

  constructor(
    private readonly kafka: KafkaConnection,
    env: IngestEnv,
    ingest: IngestService,
  ) {
    this.consumer = new BatchConsumer(
      kafka,
      {
        groupId: env.INGEST_GROUP_ID,
        topics: SOURCE_TOPICS,
        fromBeginning: true,
        minBytes: env.INGEST_BATCH_MIN_BYTES,
        maxWaitMs: env.INGEST_BATCH_MAX_WAIT_MS,
        maxBytesPerPartition: env.INGEST_BATCH_MAX_BYTES_PER_PARTITION,
        partitionsConsumedConcurrently: env.INGEST_PARTITIONS_CONCURRENTLY,
        retryInitialMs: env.INGEST_RETRY_INITIAL_MS,
        retryMaxMs: env.INGEST_RETRY_MAX_MS,
        sessionTimeoutMs: env.INGEST_SESSION_TIMEOUT_MS,
      },
      async (records) => {
        const outcome = await ingest.handleBatch(records);
        this.logger.debug(`stored ${outcome.stored}, rejected ${outcome.rejected} of ${records.length}`);
      },
    );
  }

  health(): ConsumerHealth {
    return this.consumer.getHealth();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.kafka.ensureTopics(ALL_TOPICS);
    await this.consumer.start();
    this.logger.log(`consuming ${SOURCE_TOPICS.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

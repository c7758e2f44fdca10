import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { KPI_CHANGES_TOPIC, type KpiInputsChanged } from '@libs/contracts';
import { BatchConsumer, KafkaConnection, type ConsumedRecord, type ConsumerHealth } from '@libs/kafka';
import { localDateOf } from '@libs/admin-units';
import { GetDailyEventCountsQuery } from '../event-counts/get-daily-event-counts.query';
import { GatewayEnv } from '../gateway.env';
import { LiveGateway } from './live.gateway';

function parseNotice(record: ConsumedRecord): KpiInputsChanged | undefined {
  try {
    const notice = JSON.parse(record.value?.toString('utf8') ?? 'null') as Partial<KpiInputsChanged> | null;
    const complete =
      notice &&
      typeof notice.unitCode === 'string' &&
      Array.isArray(notice.types) &&
      notice.from &&
      notice.to;
    return complete ? (notice as KpiInputsChanged) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Recomputes and pushes today's figures for units whose inputs changed. Notices carry no numbers,
 * so values always come from ClickHouse and a repeated notice only repeats the same value.
 */
@Injectable()
export class KpiChangesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KpiChangesConsumer.name);
  private readonly consumer: BatchConsumer;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly queries: QueryBus,
    private readonly live: LiveGateway,
    env: GatewayEnv,
  ) {
    this.consumer = new BatchConsumer(
      kafka,
      {
        groupId: `coc-gateway-${env.COC_GATEWAY_INSTANCE_ID}`,
        topics: [KPI_CHANGES_TOPIC],
        fromBeginning: false,
        minBytes: 1,
        maxWaitMs: 200,
        maxBytesPerPartition: 1_048_576,
        partitionsConsumedConcurrently: 1,
        retryInitialMs: 500,
        retryMaxMs: 10_000,
      },
      (records) => this.onNotices(records),
    );
  }

  health(): ConsumerHealth {
    return this.consumer.getHealth();
  }

  private async onNotices(records: ConsumedRecord[]): Promise<void> {
    const today = localDateOf(new Date());
    const units = new Map<string, Set<string>>();
    for (const record of records) {
      const n = parseNotice(record);
      if (!n) {
        // Notices only trigger recomputation; a malformed one loses no data, so it must not stall the rest.
        this.logger.warn(`ignored malformed notice at ${record.topic}[${record.partition}]@${record.offset}`);
        continue;
      }
      if (localDateOf(new Date(n.to)) < today || localDateOf(new Date(n.from)) > today) continue;
      const types = units.get(n.unitCode) ?? new Set<string>();
      n.types.forEach((t) => types.add(t));
      units.set(n.unitCode, types);
    }
    for (const [unitCode, types] of units) {
      if (!(await this.live.hasSubscribers(unitCode))) continue;
      const figures = await this.queries.execute(new GetDailyEventCountsQuery(unitCode, today, [...types]));
      figures.forEach((f) => this.live.push(f));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.kafka.ensureTopics([KPI_CHANGES_TOPIC]);
    await this.consumer.start();
    this.logger.log(`listening for ${KPI_CHANGES_TOPIC}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

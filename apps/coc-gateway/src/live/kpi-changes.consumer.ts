import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge, Histogram } from 'prom-client';
import { KPI_CHANGES_TOPIC, type KpiInputsChanged } from '@libs/contracts';
import {
  BatchConsumer,
  ConsumerProgressMonitor,
  KafkaConnection,
  type ConsumedRecord,
  type ConsumerHealth,
} from '@libs/kafka';
import { localDateOf } from '@libs/admin-units';
import { METRIC, ObservabilityEnv, publishProgress } from '@libs/observability';
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
  readonly progress: ConsumerProgressMonitor;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly queries: QueryBus,
    private readonly live: LiveGateway,
    env: GatewayEnv,
    observability: ObservabilityEnv,
    @InjectMetric(METRIC.noticeToEmitSeconds.name) private readonly noticeToEmit: Histogram,
    @InjectMetric(METRIC.consumerLag.name) lag: Gauge,
    @InjectMetric(METRIC.consumerStalledSeconds.name) stalledSeconds: Gauge,
  ) {
    const groupId = `coc-gateway-${env.COC_GATEWAY_INSTANCE_ID}`;
    this.consumer = new BatchConsumer(
      kafka,
      {
        groupId,
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
    this.progress = new ConsumerProgressMonitor(kafka, {
      groupId,
      topics: [KPI_CHANGES_TOPIC],
      pollMs: observability.CONSUMER_PROGRESS_POLL_MS,
      stallAfterMs: observability.CONSUMER_STALL_AFTER_MS,
      onSample: publishProgress(lag, stalledSeconds),
    });
  }

  health(): ConsumerHealth {
    return this.consumer.getHealth();
  }

  private async onNotices(records: ConsumedRecord[]): Promise<void> {
    const today = localDateOf(new Date());
    const units = new Map<string, Set<string>>();
    /** The earliest storedAt per unit: the emit's latency is that of its oldest notice. */
    const storedAt = new Map<string, number>();
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
      const at = Date.parse(n.storedAt);
      if (Number.isFinite(at)) storedAt.set(n.unitCode, Math.min(at, storedAt.get(n.unitCode) ?? at));
    }
    for (const [unitCode, types] of units) {
      if (!(await this.live.hasSubscribers(unitCode))) continue;
      const figures = await this.queries.execute(new GetDailyEventCountsQuery(unitCode, today, [...types]));
      figures.forEach((f) => this.live.push(f));
      const at = storedAt.get(unitCode);
      if (at !== undefined) this.noticeToEmit.observe(Math.max(0, Date.now() - at) / 1000);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.kafka.ensureTopics([KPI_CHANGES_TOPIC]);
    await this.consumer.start();
    await this.progress.start();
    this.logger.log(`listening for ${KPI_CHANGES_TOPIC}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.progress.stop();
    await this.consumer.stop();
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { KPI_CHANGES_TOPIC, parseKpiInputsChanged } from '@libs/contracts';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import {
  ConsumerProgressMonitor,
  EVENT_BUS,
  type ConsumedRecord,
  type ConsumerHealth,
  type EventBus,
  type GroupConsumer,
} from '@libs/event-bus';
import { METRIC, ObservabilityEnv, publishProgress } from '@libs/observability';
import { GatewayEnv } from '../gateway.env';
import { LiveScreens } from './live-screens.service';

/** More than any notices topic is given partitions; kafkajs hands over what one fetch brought. */
const NOTICE_PARTITIONS_AT_ONCE = 64;

/**
 * Hands each valid notice to the screens covering its unit. Notices only trigger recomputation, so a
 * malformed one loses no data: it is logged and skipped rather than retried, and never stalls the rest.
 */
export function relayNotices(
  records: readonly ConsumedRecord[],
  screens: Pick<LiveScreens, 'onChange'>,
  logger: Pick<Logger, 'warn' | 'debug'>,
): void {
  if (records.length === 0) return;
  for (const record of records) {
    const parsed = parseKpiInputsChanged(record.value);
    if (!parsed.ok) {
      logger.warn(
        `skipped malformed notice at ${record.topic}[${record.partition}]@${record.offset}: ${parsed.reason}`,
      );
      continue;
    }
    const n = parsed.notice;
    screens.onChange(n.unitCode, n.source, n.types, Date.parse(n.storedAt));
  }
  // Positions per batch, with the log's time of receipt: what the latency bench traces notices by.
  logger.debug({
    msg: `relayed ${records.length} notices`,
    topic: records[0].topic,
    partition: records[0].partition,
    firstOffset: records[0].offset,
    lastOffset: records[records.length - 1].offset,
  });
}

/**
 * Consumes the change notices for this instance's screens. Notices carry no numbers, so values
 * always come from ClickHouse and a repeated notice only recomputes the same value. Every instance
 * reads every notice (its own group): a screen may be connected to any of them.
 */
@Injectable()
export class KpiChangesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KpiChangesConsumer.name);
  private readonly consumer: GroupConsumer;
  readonly progress: ConsumerProgressMonitor;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly screens: LiveScreens,
    env: GatewayEnv,
    observability: ObservabilityEnv,
    @InjectMetric(METRIC.consumerLag.name) lag: Gauge,
    @InjectMetric(METRIC.consumerStalledSeconds.name) stalledSeconds: Gauge,
  ) {
    const groupId = `coc-gateway-${env.COC_GATEWAY_INSTANCE_ID}`;
    this.consumer = bus.groupConsumer(
      {
        groupId,
        topics: [KPI_CHANGES_TOPIC],
        fromBeginning: false,
        minBytes: 1,
        maxWaitMs: 200,
        maxBytesPerPartition: 1_048_576,
        // A notice only marks screens, in any order: every partition of a fetch is relayed at once, so
        // a wave of notices is recomputed as one batch instead of one partition's share at a time.
        partitionsConsumedConcurrently: NOTICE_PARTITIONS_AT_ONCE,
        retryInitialMs: 500,
        retryMaxMs: 10_000,
      },
      (records) => {
        relayNotices(records, this.screens, this.logger);
        return Promise.resolve();
      },
    );
    this.progress = new ConsumerProgressMonitor(bus, {
      groupId,
      topics: [KPI_CHANGES_TOPIC],
      pollMs: observability.CONSUMER_PROGRESS_POLL_MS,
      stallAfterMs: observability.CONSUMER_STALL_AFTER_MS,
      onSample: publishProgress(lag, stalledSeconds),
    });
  }

  health(): ConsumerHealth {
    return this.consumer.health();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics([KPI_CHANGES_TOPIC]);
    await this.consumer.start();
    await this.progress.start();
    this.logger.log(`listening for ${KPI_CHANGES_TOPIC}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.progress.stop();
    await this.consumer.stop();
  }
}

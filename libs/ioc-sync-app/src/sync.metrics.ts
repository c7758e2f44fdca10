import { Logger } from '@nestjs/common';
import { makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { METRIC } from '@libs/observability';
import { DeliveryService } from './delivery/delivery.service';
import { IocSyncEnv } from './ioc-sync.env';
import { RECEIVER_STORE, type ReceiverStore } from './receiver/receiver-store.port';

const logger = new Logger('SyncMetrics');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The IOC sync's gauges, read when Prometheus scrapes: the sending side from delivery's state and
 * its outbox, the receiving side from the children's watermarks. The receiver sets the lag of
 * each child's batches as it applies them.
 */
export const SYNC_METRIC_PROVIDERS = [
  makeGaugeProvider({
    ...METRIC.syncLagSeconds,
    inject: [DeliveryService, IocSyncEnv],
    async collect(this: Gauge, delivery: DeliveryService, env: IocSyncEnv) {
      const progress = await delivery.progress();
      if (progress) this.set({ child: env.IOC_SYNC_UNIT_CODE }, progress.lagSeconds);
    },
  }),
  makeGaugeProvider({
    ...METRIC.syncOutboxPendingBatches,
    inject: [DeliveryService, IocSyncEnv],
    async collect(this: Gauge, delivery: DeliveryService, env: IocSyncEnv) {
      const progress = await delivery.progress();
      if (progress) this.set({ origin: env.IOC_SYNC_UNIT_CODE }, progress.pendingBatches);
    },
  }),
  makeGaugeProvider({
    ...METRIC.syncLinkUp,
    inject: [DeliveryService],
    collect(this: Gauge, delivery: DeliveryService) {
      for (const link of delivery.status().links) {
        if (link.lastRequestOk !== null) this.set({ link: link.url }, link.lastRequestOk ? 1 : 0);
      }
    },
  }),
  makeGaugeProvider({
    ...METRIC.syncWatermarkAgeSeconds,
    inject: [RECEIVER_STORE],
    async collect(this: Gauge, store: ReceiverStore) {
      // A scrape during a ClickHouse outage still answers (the app's other metrics tell that story);
      // the children's ages are left out rather than shown stale.
      this.reset();
      try {
        const now = nowSeconds();
        for (const child of await store.oldestWatermarks()) {
          this.set({ child: child.origin }, Math.max(0, now - child.completeThrough));
        }
      } catch (error) {
        logger.warn(
          `children's watermarks not read for /metrics: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  }),
];

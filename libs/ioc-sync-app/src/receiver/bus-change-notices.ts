import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { KPI_CHANGES_TOPIC, type KpiInputsChanged } from '@libs/contracts';
import { EVENT_BUS, type EventBus } from '@libs/event-bus';
import type { SyncBatch } from '../domain/sync-batch';
import { IocSyncEnv } from '../ioc-sync.env';
import type { ChangeNotices } from './receiver-store.port';

/** The notice ingest publishes after storing facts, for the children's facts this level received. */
export function changeNoticesOf(batch: SyncBatch, receivedAt: number): KpiInputsChanged[] {
  const byFeed = new Map<string, KpiInputsChanged & { min: number; max: number }>();
  for (const e of batch.events) {
    const key = `${e.unitCode}|${e.source}`;
    const notice = byFeed.get(key) ?? {
      unitCode: e.unitCode,
      source: e.source,
      types: [],
      from: '',
      to: '',
      storedAt: new Date(receivedAt * 1000).toISOString(),
      min: e.occurredAt,
      max: e.occurredAt,
    };
    if (!notice.types.includes(e.type)) notice.types.push(e.type);
    notice.min = Math.min(notice.min, e.occurredAt);
    notice.max = Math.max(notice.max, e.occurredAt);
    byFeed.set(key, notice);
  }
  return [...byFeed.values()].map(({ min, max, ...notice }) => ({
    ...notice,
    types: notice.types.sort(),
    from: new Date(min * 1000).toISOString(),
    to: new Date(max * 1000).toISOString(),
  }));
}

@Injectable()
export class BusChangeNotices implements ChangeNotices, OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly env: IocSyncEnv,
  ) {}

  /** Only upper levels receive children's facts; their gateway's wall screens follow this topic. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.env.IOC_SYNC_ROLE !== 'commune') await this.bus.ensureTopics([KPI_CHANGES_TOPIC]);
  }

  async announce(batch: SyncBatch, receivedAt: number): Promise<void> {
    const notices = changeNoticesOf(batch, receivedAt);
    if (notices.length === 0) return;
    await this.bus.publish([
      {
        topic: KPI_CHANGES_TOPIC,
        messages: notices.map((n) => ({ key: n.unitCode, value: JSON.stringify(n) })),
      },
    ]);
  }
}

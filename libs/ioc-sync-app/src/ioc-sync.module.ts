import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { accessProviders, auditProviders } from '@libs/access';
import { ClickHouseConnection, ClickHouseModule } from '@libs/clickhouse';
import { EventBusModule } from '@libs/event-bus';
import { HealthController, healthProbes, ObservabilityModule } from '@libs/observability';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { ClickHouseKpiEngine, KPI_ENGINE } from '@libs/kpi-store';
import { loadEnv } from '@libs/platform';
import { ReferenceDataModule } from '@libs/reference-data';
import { LAST_DAY_OF_OLD_MAP } from './domain/subtree';
import { DeliveryService } from './delivery/delivery.service';
import { HttpUpstream } from './delivery/http-upstream';
import { UPSTREAM } from './delivery/upstream.port';
import { IocSyncEnv } from './ioc-sync.env';
import { ClickHouseOutbox } from './outbox/clickhouse-outbox';
import { OutboxBuilder } from './outbox/outbox-builder.service';
import { OUTBOX } from './outbox/outbox.port';
import { ClickHouseLevelReader } from './pull/clickhouse-level-reader';
import { IocReadService } from './pull/ioc-read.service';
import { IocController } from './pull/ioc.controller';
import { LEVEL_READER } from './pull/pull.port';
import { ClickHouseReceiverStore } from './receiver/clickhouse-receiver-store';
import { BusChangeNotices } from './receiver/bus-change-notices';
import { CHANGE_NOTICES, RECEIVER_STORE } from './receiver/receiver-store.port';
import { ReceiverService } from './receiver/receiver.service';
import { SyncController } from './receiver/sync.controller';
import { syncProbes } from './sync-health';
import { SYNC_METRIC_PROVIDERS } from './sync.metrics';

/** One product, three roles: the unit must exist and be of the level the role names. */
@Injectable()
class RoleCheck implements OnApplicationBootstrap {
  constructor(
    private readonly env: IocSyncEnv,
    private readonly hierarchy: AdministrativeHierarchy,
  ) {}

  onApplicationBootstrap(): void {
    const code = this.env.IOC_SYNC_UNIT_CODE;
    const own = this.hierarchy.unitAt(code, new Date()) ?? this.hierarchy.unitAt(code, LAST_DAY_OF_OLD_MAP);
    if (own?.level !== this.env.IOC_SYNC_ROLE) {
      throw new Error(
        `IOC_SYNC_UNIT_CODE ${code} is not a ${this.env.IOC_SYNC_ROLE} of the administrative units (IOC_SYNC_ROLE)`,
      );
    }
    new Logger('IocSync').log(`${this.env.IOC_SYNC_ROLE} ${own.code} ${own.name}`);
  }
}

@Module({
  imports: [
    ObservabilityModule.forApp('ioc-sync'),
    ClickHouseModule.requiringSchema('ioc-sync'),
    EventBusModule,
    ReferenceDataModule,
  ],
  controllers: [HealthController, SyncController, IocController],
  providers: [
    { provide: IocSyncEnv, useFactory: () => loadEnv(IocSyncEnv) },
    RoleCheck,
    {
      provide: KPI_ENGINE,
      useFactory: (connection: ClickHouseConnection) => new ClickHouseKpiEngine(connection.store),
      inject: [ClickHouseConnection],
    },
    { provide: OUTBOX, useClass: ClickHouseOutbox },
    { provide: RECEIVER_STORE, useClass: ClickHouseReceiverStore },
    { provide: CHANGE_NOTICES, useClass: BusChangeNotices },
    { provide: UPSTREAM, useClass: HttpUpstream },
    { provide: LEVEL_READER, useClass: ClickHouseLevelReader },
    OutboxBuilder,
    DeliveryService,
    ReceiverService,
    IocReadService,
    healthProbes(
      [ClickHouseConnection, OutboxBuilder, DeliveryService],
      (indicators, clickhouse: ClickHouseConnection, outbox: OutboxBuilder, delivery: DeliveryService) =>
        syncProbes(indicators, () => clickhouse.store.ping(), {
          loops: () => [outbox.verdict(), delivery.verdict()].filter((v) => v !== undefined),
          links: () => delivery.status().links,
        }),
    ),
    ...SYNC_METRIC_PROVIDERS,
    ...accessProviders({ hierarchy: AdministrativeHierarchy, keyStore: 'clickhouse' }),
    ...auditProviders('ioc-sync'),
  ],
})
export class IocSyncModule {}

import { Controller, Get, Logger, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ClickHouseConnection, ClickHouseModule } from '@libs/clickhouse';
import { KafkaModule } from '@libs/kafka';
import { AdministrativeHierarchy, HierarchyEnv, loadHierarchy } from '@libs/admin-units';
import { ClickHouseKpiEngine, KPI_ENGINE } from '@libs/kpi-store';
import { loadEnv } from '@libs/platform';
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
import { KafkaChangeNotices } from './receiver/kafka-change-notices';
import { CHANGE_NOTICES, RECEIVER_STORE } from './receiver/receiver-store.port';
import { ReceiverService } from './receiver/receiver.service';
import { SyncController } from './receiver/sync.controller';

@Controller('health')
class HealthController {
  constructor(private readonly env: IocSyncEnv) {}

  @Get()
  check(): { status: 'ok'; role: string; unitCode: string } {
    return { status: 'ok', role: this.env.IOC_SYNC_ROLE, unitCode: this.env.IOC_SYNC_UNIT_CODE };
  }
}

function hierarchyFor(env: IocSyncEnv): AdministrativeHierarchy {
  const hierarchyEnv = loadEnv(HierarchyEnv);
  const hierarchy = loadHierarchy(hierarchyEnv, (path) => readFileSync(path, 'utf8'));
  const own =
    hierarchy.unitAt(env.IOC_SYNC_UNIT_CODE, new Date()) ??
    hierarchy.unitAt(env.IOC_SYNC_UNIT_CODE, '2025-06-30');
  // One product, three roles: the unit must exist and be of the level the role names.
  if (own?.level !== env.IOC_SYNC_ROLE) {
    throw new Error(
      `IOC_SYNC_UNIT_CODE ${env.IOC_SYNC_UNIT_CODE} is not a ${env.IOC_SYNC_ROLE} of ${hierarchyEnv.COC_UNITS_CSV ?? 'the compiled-in hierarchy'} (IOC_SYNC_ROLE)`,
    );
  }
  new Logger('IocSync').log(`${env.IOC_SYNC_ROLE} ${own.code} ${own.name}`);
  return hierarchy;
}

@Module({
  imports: [ClickHouseModule, KafkaModule],
  controllers: [HealthController, SyncController, IocController],
  providers: [
    { provide: IocSyncEnv, useFactory: () => loadEnv(IocSyncEnv) },
    { provide: AdministrativeHierarchy, useFactory: hierarchyFor, inject: [IocSyncEnv] },
    {
      provide: KPI_ENGINE,
      useFactory: (connection: ClickHouseConnection) => new ClickHouseKpiEngine(connection.client),
      inject: [ClickHouseConnection],
    },
    { provide: OUTBOX, useClass: ClickHouseOutbox },
    { provide: RECEIVER_STORE, useClass: ClickHouseReceiverStore },
    { provide: CHANGE_NOTICES, useClass: KafkaChangeNotices },
    { provide: UPSTREAM, useClass: HttpUpstream },
    { provide: LEVEL_READER, useClass: ClickHouseLevelReader },
    OutboxBuilder,
    DeliveryService,
    ReceiverService,
    IocReadService,
  ],
})
export class IocSyncModule {}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClickHouseModule } from '@libs/clickhouse';
import { KafkaModule } from '@libs/kafka';
import { loadEnv } from '@libs/platform';
import { ClickHouseEventCounts } from './event-counts/clickhouse-event-counts.repository';
import { EventCountsController } from './event-counts/event-counts.controller';
import { EVENT_COUNTS } from './event-counts/event-counts.port';
import { GetDailyEventCountsHandler } from './event-counts/get-daily-event-counts.handler';
import { GatewayEnv } from './gateway.env';
import { HealthController } from './health.controller';
import { KpiChangesConsumer } from './live/kpi-changes.consumer';
import { LiveGateway } from './live/live.gateway';

@Module({
  imports: [CqrsModule.forRoot(), KafkaModule, ClickHouseModule],
  controllers: [EventCountsController, HealthController],
  providers: [
    { provide: GatewayEnv, useFactory: () => loadEnv(GatewayEnv) },
    { provide: EVENT_COUNTS, useClass: ClickHouseEventCounts },
    GetDailyEventCountsHandler,
    LiveGateway,
    KpiChangesConsumer,
  ],
})
export class GatewayModule {}

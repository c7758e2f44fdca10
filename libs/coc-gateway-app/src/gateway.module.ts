import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessTokenController, accessProviders, auditProviders } from '@libs/access';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { ClickHouseConnection, ClickHouseModule } from '@libs/clickhouse';
import { EventBusModule } from '@libs/event-bus';
import { ClickHouseKpiEngine, KPI_ENGINE } from '@libs/kpi-store';
import {
  consumerAppProbes,
  HealthController,
  healthProbes,
  METRIC,
  ObservabilityModule,
} from '@libs/observability';
import { loadEnv } from '@libs/platform';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { ReferenceDataModule } from '@libs/reference-data';
import { ClickHouseEventCounts } from './event-counts/clickhouse-event-counts.repository';
import { EventCountsController } from './event-counts/event-counts.controller';
import { EVENT_COUNTS } from './event-counts/event-counts.port';
import { GetDailyEventCountsHandler } from './event-counts/get-daily-event-counts.handler';
import { GatewayEnv } from './gateway.env';
import { HIERARCHY_PROVIDERS } from './hierarchy/hierarchy.providers';
import { gatewayScopeDate } from './hierarchy/unit-scope';
import { ClickHouseFeedFreshness } from './kpi/clickhouse-feed-freshness.repository';
import { FEED_FRESHNESS } from './kpi/feed-freshness.port';
import { KpiQueryEnv } from './kpi/kpi-query.env';
import { KpiReader } from './kpi/kpi-reader.service';
import { KpiController } from './kpi/kpi.controller';
import { KPI_QUERY_HANDLERS } from './kpi/queries';
import { TimedKpiEngine } from './kpi/timed-kpi-engine';
import { KpiChangesConsumer } from './live/kpi-changes.consumer';
import { CAMERA_ALERTS } from './live/camera-alerts.port';
import { ClickHouseCameraAlerts } from './live/clickhouse-camera-alerts.repository';
import { LiveScreenEnv } from './live/live-screen.env';
import { LiveScreens, SOURCE_CADENCES } from './live/live-screens.service';
import { LiveGateway } from './live/live.gateway';
import { LIVE_METRIC_PROVIDERS } from './live/live.metrics';
import { parseSourceCadences } from './live/source-cadence';

@Module({
  imports: [
    ObservabilityModule.forApp('coc-gateway'),
    CqrsModule.forRoot(),
    EventBusModule,
    ClickHouseModule,
    ReferenceDataModule,
  ],
  controllers: [EventCountsController, KpiController, HealthController, AccessTokenController],
  providers: [
    { provide: GatewayEnv, useFactory: () => loadEnv(GatewayEnv) },
    // Readiness: ClickHouse answers KPI queries and live updates flow (the notice consumer joined its group).
    healthProbes(
      [ClickHouseConnection, KpiChangesConsumer],
      (indicators, clickhouse: ClickHouseConnection, changes: KpiChangesConsumer) =>
        consumerAppProbes(indicators, () => clickhouse.store.ping(), 'changes', changes),
    ),
    { provide: EVENT_COUNTS, useClass: ClickHouseEventCounts },
    GetDailyEventCountsHandler,
    ...HIERARCHY_PROVIDERS,
    {
      provide: KPI_ENGINE,
      useFactory: (connection: ClickHouseConnection, seconds: Histogram) =>
        new TimedKpiEngine(new ClickHouseKpiEngine(connection.store), seconds),
      inject: [ClickHouseConnection, getToken(METRIC.kpiQuerySeconds.name)],
    },
    { provide: FEED_FRESHNESS, useClass: ClickHouseFeedFreshness },
    { provide: KpiQueryEnv, useFactory: () => loadEnv(KpiQueryEnv) },
    KpiReader,
    ...KPI_QUERY_HANDLERS,
    { provide: LiveScreenEnv, useFactory: () => loadEnv(LiveScreenEnv) },
    {
      provide: SOURCE_CADENCES,
      useFactory: (env: LiveScreenEnv) => parseSourceCadences(env.COC_SCREEN_SOURCE_CADENCE),
      inject: [LiveScreenEnv],
    },
    { provide: CAMERA_ALERTS, useClass: ClickHouseCameraAlerts },
    LiveScreens,
    LiveGateway,
    ...LIVE_METRIC_PROVIDERS,
    KpiChangesConsumer,
    ...accessProviders({
      hierarchy: AdministrativeHierarchy,
      keyStore: 'clickhouse',
      scopeDate: gatewayScopeDate,
    }),
    ...auditProviders('coc-gateway'),
  ],
})
export class GatewayModule {}

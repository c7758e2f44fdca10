import {
  Global,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AdministrativeHierarchy, HierarchyEnv, loadHierarchy } from '@libs/admin-units';
import { ClickHouseConnection } from '@libs/clickhouse';
import { loadEnv } from '@libs/platform';
import { CurrentHierarchy, LiveReferenceData } from './live-reference-data';
import type { ReferenceData } from './reference-data';
import { ReferenceDataEnv } from './reference-data.env';
import { ClickHouseReferenceStore } from './store/clickhouse-reference-store';
import { REFERENCE_STORE, type ReferenceStore } from './store/reference-store.port';

/**
 * The app's reference data of the moment. Loaded once every module is initialised (so ingest's
 * migrations have run) and before the root module's consumers start; then refreshed.
 */
export class ReferenceDataSource implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReferenceData');
  private live?: LiveReferenceData;

  constructor(
    private readonly store: ReferenceStore,
    private readonly env: ReferenceDataEnv,
    private readonly configured: () => AdministrativeHierarchy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.live = await LiveReferenceData.open(this.store, this.configured, {
      refreshMs: this.env.COC_REFERENCE_REFRESH_MS,
      startupWaitMs: this.env.COC_REFERENCE_STARTUP_WAIT_MS,
      log: { log: (m) => this.logger.log(m), error: (m) => this.logger.error(m) },
    });
    this.live.start();
  }

  onApplicationShutdown(): void {
    this.live?.stop();
  }

  current(): ReferenceData {
    if (!this.live) throw new Error('reference data is read before the application started');
    return this.live.current();
  }

  /** Reloads at once when an import was recorded (the admin API calls it after storing one). */
  async refresh(): Promise<void> {
    await this.live?.refresh();
  }
}

/**
 * Reference data for an app: the ReferenceDataSource, the store, and the AdministrativeHierarchy
 * every consumer injects (answering from the current data). Needs the ClickHouse connection.
 */
@Global()
@Module({
  providers: [
    { provide: ReferenceDataEnv, useFactory: () => loadEnv(ReferenceDataEnv) },
    {
      provide: REFERENCE_STORE,
      useFactory: (connection: ClickHouseConnection) => new ClickHouseReferenceStore(connection.store),
      inject: [ClickHouseConnection],
    },
    {
      provide: ReferenceDataSource,
      useFactory: (store: ReferenceStore, env: ReferenceDataEnv) => {
        // The configured list is checked at start-up even while stored units replace it.
        const configured = loadHierarchy(loadEnv(HierarchyEnv), (path) => readFileSync(path, 'utf8'));
        return new ReferenceDataSource(store, env, () => configured);
      },
      inject: [REFERENCE_STORE, ReferenceDataEnv],
    },
    {
      provide: AdministrativeHierarchy,
      useFactory: (source: ReferenceDataSource) => new CurrentHierarchy(() => source.current().hierarchy),
      inject: [ReferenceDataSource],
    },
  ],
  exports: [ReferenceDataSource, REFERENCE_STORE, AdministrativeHierarchy],
})
export class ReferenceDataModule {}

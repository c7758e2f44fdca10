import { join } from 'node:path';
import type { ClickHouseEnv } from '../clickhouse.env';
import type { AnalyticsStore } from './analytics-store';
import { openEmbeddedStore } from './embedded-analytics-store';
import { openServerStore } from './server-analytics-store';

/** The embedded engine's directory inside the data directory. */
export const analyticsDirectory = (env: ClickHouseEnv) => join(env.COC_DATA_DIR, 'analytics');

/** Which engine the configuration selects: a server when CLICKHOUSE_URL is set, else the embedded one. */
export const analyticsEngineOf = (env: ClickHouseEnv): 'server' | 'embedded' =>
  env.CLICKHOUSE_URL === undefined ? 'embedded' : 'server';

/** The store on `database` (by default the product's) of the engine the configuration selects. */
export function openAnalyticsStore(
  env: ClickHouseEnv,
  database: string = env.CLICKHOUSE_DATABASE,
): AnalyticsStore {
  if (env.CLICKHOUSE_URL === undefined)
    return openEmbeddedStore({ directory: analyticsDirectory(env), database });
  return openServerStore({
    url: env.CLICKHOUSE_URL,
    database,
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
    requestTimeoutMs: env.CLICKHOUSE_REQUEST_TIMEOUT_MS,
  });
}

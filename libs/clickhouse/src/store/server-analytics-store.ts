import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from './analytics-store';
import { PORTABLE_SETTINGS } from './portable-settings';

export interface ServerStoreOptions {
  url: string;
  database: string;
  username?: string;
  password?: string;
  requestTimeoutMs?: number;
}

/** A ClickHouse server over HTTP: `@clickhouse/client` already has the port's shape. */
export function openServerStore(options: ServerStoreOptions): AnalyticsStore {
  return createClient({
    url: options.url,
    username: options.username,
    password: options.password,
    database: options.database,
    request_timeout: options.requestTimeoutMs,
    clickhouse_settings: PORTABLE_SETTINGS,
  });
}

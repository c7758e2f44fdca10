import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseEnv } from './clickhouse.env';

export type { ClickHouseClient } from '@clickhouse/client';

/**
 * Settings that exist and mean the same on ClickHouse 18.16 and on current servers; anything else
 * must not be sent, because an unknown setting fails the whole request on 18.16.
 */
const PORTABLE_SETTINGS = {
  date_time_input_format: 'best_effort',
  input_format_skip_unknown_fields: 1,
  output_format_json_quote_64bit_integers: 0,
} as const;

export function createClickHouseClient(
  env: ClickHouseEnv,
  database: string = env.CLICKHOUSE_DATABASE,
): ClickHouseClient {
  return createClient({
    url: env.CLICKHOUSE_URL,
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
    database,
    request_timeout: env.CLICKHOUSE_REQUEST_TIMEOUT_MS,
    clickhouse_settings: PORTABLE_SETTINGS,
  });
}

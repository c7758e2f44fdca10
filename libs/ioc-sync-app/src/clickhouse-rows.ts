import type { AnalyticsStore, SqlFragment } from '@libs/clickhouse';

/** A SELECT's rows as JSON objects (numbers of 64-bit types arrive as strings). */
export async function rowsOf<T>(client: AnalyticsStore, query: SqlFragment): Promise<T[]> {
  const result = await client.query({ query: query.text, format: 'JSONEachRow' });
  return result.json<T>();
}

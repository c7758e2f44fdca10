/**
 * What the product asks of its analytics database: SQL on the 18.16 dialect floor, rows as
 * JSONEachRow. Two adapters answer it with the same shapes: a ClickHouse server over HTTP
 * (`@clickhouse/client`) and the embedded chDB engine in this process.
 */
export interface AnalyticsStore {
  query(params: AnalyticsQuery): Promise<AnalyticsResult>;
  /** Stores the rows; resolves once the engine has acknowledged them. */
  insert<T>(params: AnalyticsInsert<T>): Promise<unknown>;
  /** A statement without a result (DDL, ALTER, INSERT … SELECT). */
  command(params: AnalyticsCommand): Promise<unknown>;
  /** Whether the engine answers; never rejects. */
  ping(): Promise<{ success: boolean; error?: Error }>;
  close(): Promise<void>;
}

/** The one format the product reads and writes: one JSON object per row. */
export type AnalyticsFormat = 'JSONEachRow';

export interface AnalyticsQuery {
  query: string;
  format: AnalyticsFormat;
}

export interface AnalyticsResult {
  /** The rows; 64-bit integers are JSON numbers on both engines (PORTABLE_SETTINGS). */
  json<T>(): Promise<T[]>;
  text(): Promise<string>;
}

export interface AnalyticsInsert<T> {
  table: string;
  values: readonly T[];
  format: AnalyticsFormat;
}

export interface AnalyticsCommand {
  query: string;
}

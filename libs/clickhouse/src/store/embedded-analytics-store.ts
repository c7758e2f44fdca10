import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Session, drainPending } from 'chdb';
import { identifier, sql } from '../sql/sql';
import type { AnalyticsInsert, AnalyticsQuery, AnalyticsResult, AnalyticsStore } from './analytics-store';
import { lockDataDirectory } from './data-directory-lock';
import { PORTABLE_SETTINGS } from './portable-settings';

export interface EmbeddedStoreOptions {
  /** The engine's data directory; created when missing. */
  directory: string;
  database: string;
}

/** chDB binds one data directory per process: the directory this process holds, and its stores. */
let held: { directory: string; stores: number; release: () => void } | undefined;

function holdDirectory(directory: string): void {
  if (held && held.directory !== directory)
    throw new Error(
      `this process already runs the embedded analytics store on ${held.directory}; the engine (chDB) ` +
        `binds one data directory per process, so ${directory} cannot be opened beside it`,
    );
  if (!held) {
    mkdirSync(directory, { recursive: true });
    held = { directory, stores: 0, release: lockDataDirectory(directory) };
  }
  held.stores += 1;
}

function letGo(): void {
  if (!held || --held.stores > 0) return;
  held.release();
  held = undefined;
}

/**
 * Engine configuration that is no setting: 26.x refuses an AggregatingMergeTree column outside the
 * sorting key, which 18.16 allows and migration 0002 has (`source`, a function of `type`, so any
 * row's value is the right one). Written into the directory, which the engine reads at open.
 */
const ENGINE_CONFIG = `<clickhouse>
  <merge_tree><allow_dimensions_outside_sorting_key>1</allow_dimensions_outside_sorting_key></merge_tree>
</clickhouse>
`;

/** Session-wide engine arguments: the configuration, and the same PORTABLE_SETTINGS the server adapter gets. */
function connectionArgs(directory: string): string[] {
  const config = join(directory, 'coc-stream-engine.xml');
  writeFileSync(config, ENGINE_CONFIG);
  return [
    `--config-file=${config}`,
    ...Object.entries(PORTABLE_SETTINGS).map(([name, value]) => `--${name}=${value}`),
  ];
}

const rowsOf = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);

/**
 * The embedded engine: chDB (ClickHouse's own engine as a library) on a data directory, in this
 * process. Its calls run on libuv's thread pool, so a query does not block the event loop. Each
 * store is its own session on the directory, bound to its database by `USE`; every store of the
 * process shares the directory, which a lock file keeps from other processes.
 */
class EmbeddedAnalyticsStore implements AnalyticsStore {
  private closed = false;

  constructor(private readonly session: Session) {}

  async query(params: AnalyticsQuery): Promise<AnalyticsResult> {
    const text = (await this.session.queryAsync(params.query, { format: params.format })).text();
    return { text: () => Promise.resolve(text), json: <T>() => Promise.resolve(rowsOf<T>(text)) };
  }

  async insert<T>(params: AnalyticsInsert<T>): Promise<void> {
    if (params.values.length === 0) return;
    const body = params.values.map((row) => JSON.stringify(row)).join('\n');
    await this.session.insert({ table: params.table, values: Buffer.from(body), format: params.format });
  }

  async command(params: { query: string }): Promise<void> {
    await this.session.queryAsync(params.query);
  }

  async ping(): Promise<{ success: boolean; error?: Error }> {
    try {
      await this.session.queryAsync('SELECT 1');
      return { success: true };
    } catch (error) {
      return { success: false, error: error as Error };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
    // The engine may still finish an abandoned call after close(); only then is the directory free.
    if (held?.stores === 1) await drainPending();
    letGo();
  }
}

/** Opens a store on `database` in `directory`, creating both when missing. */
export function openEmbeddedStore(options: EmbeddedStoreOptions): AnalyticsStore {
  const directory = resolve(options.directory);
  holdDirectory(directory);
  try {
    const session = new Session(directory, { connectionArgs: connectionArgs(directory) });
    try {
      // Synchronous, once at start-up: the session is bound to its database before any caller uses it.
      session.query(sql`CREATE DATABASE IF NOT EXISTS ${identifier(options.database)}`.text);
      session.query(sql`USE ${identifier(options.database)}`.text);
    } catch (error) {
      session.close();
      throw error;
    }
    return new EmbeddedAnalyticsStore(session);
  } catch (error) {
    letGo();
    throw error;
  }
}

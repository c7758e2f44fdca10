import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MIGRATIONS,
  identifier,
  migrate,
  openEmbeddedStore,
  openServerStore,
  sql,
  type AnalyticsStore,
} from '@libs/clickhouse';
import { testServices, uniqueTestId } from './test-services';

export type EngineName = 'ClickHouse 18.16 server' | 'chDB embedded';

/** One engine with a database of its own, migrated as the apps do. */
export interface EngineUnderTest {
  name: EngineName;
  database: string;
  /** On the engine's `default` database, for what spans databases (system tables, DROP). */
  admin: AnalyticsStore;
  store: AnalyticsStore;
}

/** The test server's store on `database`, with the settings every COC Stream client sends. */
export const serverStore = (database: string): AnalyticsStore =>
  openServerStore({ url: testServices().clickhouseUrl, database });

/** The real server of the test run, in a new database. */
export function openServerEngine(label: string): EngineUnderTest {
  const database = uniqueTestId(label);
  return {
    name: 'ClickHouse 18.16 server',
    database,
    admin: serverStore('default'),
    store: serverStore(database),
  };
}

/**
 * chDB in this process, in a new temporary directory. One per test file: the engine binds one
 * directory per process (closeEngine frees it for the next file in the same worker).
 */
export function openEmbeddedEngine(label: string): EngineUnderTest & { directory: string } {
  const database = uniqueTestId(label);
  const directory = mkdtempSync(join(tmpdir(), 'coc-chdb-'));
  return {
    name: 'chDB embedded',
    database,
    directory,
    admin: openEmbeddedStore({ directory, database: 'default' }),
    store: openEmbeddedStore({ directory, database }),
  };
}

export async function migrateEngine(engine: EngineUnderTest): Promise<void> {
  await migrate(engine.admin, engine.store, engine.database, MIGRATIONS);
}

/** Drops the database (the server keeps running for others) and closes both stores. */
export async function closeEngine(engine: EngineUnderTest & { directory?: string }): Promise<void> {
  await engine.admin.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(engine.database)}`.text });
  await Promise.all([engine.store.close(), engine.admin.close()]);
  if (engine.directory) rmSync(engine.directory, { recursive: true, force: true });
}

import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { identifier, sql, type AnalyticsStore } from '@libs/clickhouse';

/** What a backup directory holds besides the parts: enough to recreate the database as it was. */
export interface BackupManifest {
  format: 1;
  database: string;
  createdAt: string;
  tables: BackedUpTable[];
}

export interface BackedUpTable {
  name: string;
  engine: string;
  createQuery: string;
  /** Partition ids with parts in the backup (tables/<name>/<part>/); empty for views and empty tables. */
  partitions: string[];
}

export interface BackupPaths {
  /** The server's `<path>` as this process sees it; by default derived from system.tables.data_path. */
  serverPath?: string;
}

interface TableRow {
  name: string;
  engine: string;
  create_table_query: string;
  data_path: string;
}

const MANIFEST = 'manifest.json';

async function tablesOf(client: AnalyticsStore, database: string): Promise<TableRow[]> {
  const rs = await client.query({
    query:
      sql`SELECT name, engine, create_table_query, data_path FROM system.tables WHERE database = ${database} ORDER BY name`
        .text,
    format: 'JSONEachRow',
  });
  return rs.json<TableRow>();
}

const isMergeTree = (engine: string) => engine.endsWith('MergeTree');

/** `<path>/data/<db>/<table>/` → `<path>`, unless the caller says where the server's files are mounted. */
function serverPathOf(table: TableRow, paths: BackupPaths): string {
  return paths.serverPath ?? dirname(dirname(dirname(table.data_path)));
}

/** The table's directory under the server path (data/<escaped db>/<escaped table>), as the server names it. */
function relativeDataPath(table: TableRow): string {
  const parts = table.data_path.replace(/\/+$/, '').split('/');
  return join(...parts.slice(-3));
}

/** A part directory is named <partition id>_<min block>_<max block>_<level>. */
const partitionIdOf = (part: string) => part.slice(0, part.indexOf('_'));

/**
 * Backs up one database of a ClickHouse 18.16 server: `ALTER TABLE … FREEZE` hard-links each
 * MergeTree table's parts under shadow/<n>/, which are copied to `target/tables/<table>/` and the
 * shadow removed; views and tables are recorded with their CREATE statements in manifest.json,
 * written last (a directory without it is not a backup). Must run where the server's files are.
 */
export async function backupDatabase(
  client: AnalyticsStore,
  database: string,
  target: string,
  paths: BackupPaths = {},
): Promise<BackupManifest> {
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new Error(`backup target ${target} is not empty`);
  const tables = await tablesOf(client, database);
  if (tables.length === 0) throw new Error(`database ${database} has no tables to back up`);
  mkdirSync(join(target, 'tables'), { recursive: true });
  const manifest: BackupManifest = { format: 1, database, createdAt: new Date().toISOString(), tables: [] };
  for (const table of tables) {
    let partitions: string[] = [];
    if (isMergeTree(table.engine)) {
      const root = serverPathOf(table, paths);
      await client.command({
        query: sql`ALTER TABLE ${identifier(database)}.${identifier(table.name)} FREEZE`.text,
      });
      const increment = readFileSync(join(root, 'shadow', 'increment.txt'), 'utf8').trim();
      const shadow = join(root, 'shadow', increment);
      const frozen = join(shadow, relativeDataPath(table));
      const parts = existsSync(frozen) ? readdirSync(frozen).filter((p) => p.includes('_')) : [];
      for (const part of parts)
        cpSync(join(frozen, part), join(target, 'tables', table.name, part), { recursive: true });
      rmSync(shadow, { recursive: true, force: true });
      partitions = [...new Set(parts.map(partitionIdOf))].sort();
    }
    manifest.tables.push({
      name: table.name,
      engine: table.engine,
      createQuery: table.create_table_query,
      partitions,
    });
  }
  writeFileSync(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory())
    for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

/**
 * Restores a backup into its database, which must be missing or empty: tables are created from
 * their statements, the parts copied into each table's detached/ (owned like the table's directory,
 * so a server running as its own user can read them) and attached partition by partition
 * (`ATTACH PARTITION ID`), then the views are created, so attaching fires no view twice.
 */
export async function restoreDatabase(
  client: AnalyticsStore,
  source: string,
  paths: BackupPaths = {},
): Promise<BackupManifest> {
  const manifest = JSON.parse(readFileSync(join(source, MANIFEST), 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`unknown backup format ${String(manifest.format)}`);
  const { database } = manifest;
  if ((await tablesOf(client, database)).length > 0)
    throw new Error(`database ${database} is not empty: restore into a missing or empty database`);
  await client.command({ query: sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`.text });
  const views = manifest.tables.filter((t) => !isMergeTree(t.engine));
  for (const table of manifest.tables.filter((t) => isMergeTree(t.engine))) {
    await client.command({ query: table.createQuery });
    if (table.partitions.length === 0) continue;
    const [created] = (await tablesOf(client, database)).filter((t) => t.name === table.name);
    const dataDir = join(serverPathOf(created, paths), relativeDataPath(created));
    const detached = join(dataDir, 'detached');
    mkdirSync(detached, { recursive: true });
    const owner = statSync(dataDir);
    for (const part of readdirSync(join(source, 'tables', table.name))) {
      cpSync(join(source, 'tables', table.name, part), join(detached, part), { recursive: true });
      chownTree(join(detached, part), owner.uid, owner.gid);
    }
    for (const partition of table.partitions) {
      await client.command({
        query:
          sql`ALTER TABLE ${identifier(database)}.${identifier(table.name)} ATTACH PARTITION ID ${partition}`
            .text,
      });
    }
  }
  for (const view of views) await client.command({ query: view.createQuery });
  return manifest;
}

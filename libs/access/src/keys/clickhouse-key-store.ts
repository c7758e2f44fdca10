import { SqlFragment, TABLES, identifier, sql, stringLiteral, type AnalyticsStore } from '@libs/clickhouse';
import type { SourceId } from '@libs/contracts';
import type { Role } from '../principal';
import { ALL } from './access-key';
import type { KeyStore, StoredKey } from './key-store.port';

interface KeyRow {
  id: string;
  sha256: string;
  role: Role;
  units: string[];
  sources: string[];
  created_at: number;
  revoked_at: number;
}

const arrayLiteral = (items: readonly string[] | 'all') =>
  new SqlFragment(`[${(items === 'all' ? [ALL] : items).map(stringLiteral).join(', ')}]`);
const allOrList = <T extends string>(items: string[]): readonly T[] | 'all' =>
  items.length === 1 && items[0] === ALL ? 'all' : (items as T[]);

/**
 * Keys in ClickHouse, one row per change (issue, rotate, revoke); the latest version of an id wins,
 * read with argMax so an unmerged older row never counts. Times are unix seconds, 0 = not revoked.
 */
export class ClickHouseKeyStore implements KeyStore {
  private readonly table = identifier(TABLES.accessKeys);

  constructor(private readonly client: AnalyticsStore) {}

  async list(): Promise<StoredKey[]> {
    const result = await this.client.query({
      query: sql`SELECT id, argMax(sha256, version) AS sha256, argMax(role, version) AS role,
  argMax(units, version) AS units, argMax(sources, version) AS sources,
  toUInt32(argMax(created_at, version)) AS created_at, toUInt32(argMax(revoked_at, version)) AS revoked_at
FROM ${this.table} GROUP BY id ORDER BY id`.text,
      format: 'JSONEachRow',
    });
    const rows = await result.json<KeyRow>();
    return rows.map((row) => ({
      id: row.id,
      sha256: Buffer.from(row.sha256, 'hex'),
      role: row.role,
      units: allOrList<string>(row.units),
      sources: allOrList<SourceId>(row.sources),
      createdAt: new Date(row.created_at * 1000),
      ...(row.revoked_at === 0 ? {} : { revokedAt: new Date(row.revoked_at * 1000) }),
    }));
  }

  async save(key: StoredKey): Promise<void> {
    await this.client.command({
      query: sql`INSERT INTO ${this.table} (id, sha256, role, units, sources, created_at, revoked_at, version)
VALUES (${key.id}, ${key.sha256.toString('hex')}, ${key.role}, ${arrayLiteral(key.units)}, ${arrayLiteral(key.sources)}, ${key.createdAt}, ${key.revokedAt ?? new Date(0)}, ${Date.now()})`
        .text,
    });
  }
}

import {
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  type EngineUnderTest,
} from '@libs/testing';
import { ClickHouseKeyStore } from './clickhouse-key-store';
import { revokeKey } from './key-admin';
import type { StoredKey } from './key-store.port';

/**
 * The dialect test of the access key store: the same keys saved, re-saved with a new secret and
 * revoked on the ClickHouse 18.16 server and on chDB; the latest version of each wins alike.
 */
const hash = (fill: number) => Buffer.alloc(32, fill);
const KEYS: StoredKey[] = [
  {
    id: 'viewer-26734',
    role: 'viewer',
    units: ['26734'],
    sources: 'all',
    sha256: hash(1),
    createdAt: new Date('2026-11-01T00:00:00Z'),
  },
  {
    id: 'connector-qlvb',
    role: 'connector',
    units: ['26734', '26740'],
    sources: ['qlvb'],
    sha256: hash(2),
    createdAt: new Date('2026-11-02T00:00:00Z'),
  },
  {
    id: 'admin',
    role: 'admin',
    units: 'all',
    sources: 'all',
    sha256: hash(3),
    createdAt: new Date('2026-11-03T00:00:00Z'),
  },
];

async function answersOf(engine: EngineUnderTest) {
  const store = new ClickHouseKeyStore(engine.store);
  for (const key of KEYS) await store.save(key);
  const issued = await store.list();
  await store.save({ ...KEYS[1], sha256: hash(4) });
  await revokeKey(store, 'viewer-26734', new Date('2026-11-20T00:00:00Z'));
  return { issued, latest: await store.list() };
}

describe('the access key store on ClickHouse 18.16 and on chDB', () => {
  let engines: EngineUnderTest[];
  beforeAll(async () => {
    engines = [openServerEngine('key_store_dialect'), openEmbeddedEngine('key_store_dialect')];
    await Promise.all(engines.map(migrateEngine));
  });
  afterAll(() => Promise.all(engines.map(closeEngine)));

  it('saves, lists, re-keys and revokes alike', async () => {
    const [server, embedded] = await Promise.all(engines.map(answersOf));
    expect(embedded).toEqual(server);
    expect(server.issued).toEqual([...KEYS].sort((a, b) => a.id.localeCompare(b.id)));
    const latest = new Map(server.latest.map((k) => [k.id, k]));
    expect(latest.get('connector-qlvb')?.sha256).toEqual(hash(4));
    expect(latest.get('viewer-26734')?.revokedAt).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(latest.get('admin')?.revokedAt).toBeUndefined();
  }, 60_000);
});

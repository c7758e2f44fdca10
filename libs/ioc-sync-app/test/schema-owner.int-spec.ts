import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { createClient } from '@clickhouse/client';
import { accessEnvFor, testKey, testServices, uniqueTestId } from '@libs/testing';

const MAIN = resolve(__dirname, '..', '..', '..', 'dist', 'apps', 'ioc-sync', 'main.js');

function runIocSync(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [MAIN],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (_e, out, err) => done({ code: child.exitCode, output: `${out}${err}` }),
    );
  });
}

/** ioc-sync runs no DDL (ingest owns the schema): on a database nobody migrated it stops at once, saying so. */
describe('ioc-sync on a database without the schema', () => {
  const services = testServices();

  it.each([
    ['that does not exist', false],
    ['that exists but was never migrated', true],
  ])('refuses to start on a database %s, naming the migrate command', async (_what, create) => {
    const database = uniqueTestId('sync_unmigrated');
    const admin = createClient({ url: services.clickhouseUrl });
    try {
      if (create) await admin.command({ query: `CREATE DATABASE ${database}` });
      const started = Date.now();
      const { code, output } = await runIocSync({
        ...accessEnvFor([testKey('admin-unmigrated', 'admin', ['*'])]),
        KAFKA_BROKERS: services.kafkaBrokers.join(','),
        CLICKHOUSE_URL: services.clickhouseUrl,
        CLICKHOUSE_DATABASE: database,
        IOC_SYNC_ROLE: 'province',
        IOC_SYNC_UNIT_CODE: '25',
        IOC_SYNC_PORT: '0',
      });
      expect(code).toBe(1);
      expect(output).toContain(`ClickHouse database ${database} lacks migrations this ioc-sync needs (0001_`);
      expect(output).toContain('node dist/apps/ingest/main.js migrate');
      // Fails fast: not after the reference data's start-up wait (60 s by default).
      expect(Date.now() - started).toBeLessThan(30_000);
      const tables = await admin.query({
        query: `SELECT count() AS n FROM system.tables WHERE database = '${database}'`,
        format: 'JSONEachRow',
      });
      expect((await tables.json<{ n: string }>()).map((r) => Number(r.n))).toEqual([0]);
    } finally {
      await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await admin.close();
    }
  });
});

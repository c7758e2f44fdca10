import { testServices, uniqueTestId } from '@libs/testing';
import type { AnalyticsStore } from '../store/analytics-store';
import { openAnalyticsStore } from '../store/open-analytics-store';
import { ClickHouseEnv } from '../clickhouse.env';
import { identifier, sql } from '../sql/sql';
import { migrate, missingMigrations } from './migrate';
import { MIGRATIONS } from './migrations';
import { sourceTablesMigration } from './source-tables';

/** The upgrade path of a deployed database: migrated by today's set, then by a set with one source more. */
describe('schema migrations on a real ClickHouse', () => {
  const database = uniqueTestId('migrate');
  const env = Object.assign(new ClickHouseEnv(), { CLICKHOUSE_URL: testServices().clickhouseUrl });
  let admin: AnalyticsStore;
  let client: AnalyticsStore;

  beforeAll(() => {
    admin = openAnalyticsStore(env, 'default');
    client = openAnalyticsStore(env, database);
  });

  afterAll(async () => {
    await admin.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(database)}`.text });
    await Promise.all([admin.close(), client.close()]);
  });

  it('gives a database migrated by the previous set a newly added source, its tables and its counts', async () => {
    expect(await missingMigrations(admin, database, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.id));
    const first = await migrate(admin, client, database, MIGRATIONS);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await missingMigrations(admin, database, MIGRATIONS)).toEqual([]);

    const withNewSource = [...MIGRATIONS, sourceTablesMigration('0999_create_probe_source_tables', 'probe')];
    expect(await missingMigrations(admin, database, withNewSource)).toEqual([
      '0999_create_probe_source_tables',
    ]);
    const second = await migrate(admin, client, database, withNewSource);
    expect(second).toEqual({
      applied: ['0999_create_probe_source_tables'],
      alreadyApplied: MIGRATIONS.map((m) => m.id),
    });

    await client.insert({
      table: 'probe_events',
      values: [
        {
          event_id: 'p1',
          type: 'probe.thing_happened',
          schema_version: 1,
          unit_code: '26734',
          occurred_at: '2026-11-05 10:15:00',
          produced_at: '2026-11-05 10:15:00',
          ingested_at: '2026-11-05 10:15:01',
          payload: '{}',
        },
      ],
      format: 'JSONEachRow',
    });
    const rs = await client.query({
      query:
        "SELECT source, type, uniqExactMerge(event_ids) AS n FROM event_counts_hourly WHERE source = 'probe' GROUP BY source, type",
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([{ source: 'probe', type: 'probe.thing_happened', n: 1 }]);

    const third = await migrate(admin, client, database, withNewSource);
    expect(third.applied).toEqual([]);
  });
});

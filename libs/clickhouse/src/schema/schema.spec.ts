import { createHash } from 'node:crypto';
import { SOURCE_IDS } from '@libs/contracts';
import { MIGRATIONS } from './migrations';
import { sourceTablesMigration } from './source-tables';
import { rawEventsTable, TABLES } from './tables';

/**
 * The text of every migration on main, frozen: a database records only ids, so a changed released
 * migration would never reach a database that applied the old text. A new migration's line is
 * printed by the failing test; add it when the migration lands.
 */
const RELEASED: Record<string, string> = {
  '0001_create_raw_event_tables': 'b0b1bcde6e154ae31c654aae0b206af67e52cd67142c0610341ec8154058a0a2',
  '0002_create_hourly_event_counts': '3d10a53f52c6313694a7055aa81cc64c930e7d76796b36b2cee2ddda50c43bcb',
  '0003_create_ingest_rejects': '505080dfc5884e1799dbb1f25802d4197d96b183f97d171738b6faafd71f8bd0',
  '0004_create_kpi_input_rollup': '54a9ae9d9ed95fef25e7b03735ec351804c8cfd7b9570c102a7863d6b06c57ae',
  '0005_create_reference_counts': '0e9e98706aa71cad3b2346de8603319972e89dd4c21528d650c95db1bafcf6ab',
  '0006_create_kpi_inputs_built': 'ea84c6712228a28bcd0c7453f7137f7e43f1f166eac1a6f2c8ab3029252eaafc',
  '0020_create_access_keys': '1a092d2e40f44a8113e4f32bfa608436c027339c468bb817437787f586896d66',
  '0021_create_access_audit': '92f3731bad7ddd8217763eab8b9bc65d0d15938e6206ffc35b33e660e69a4177',
  '0030_create_reference_data': '548ba65d97f80f1c166ddaf1f2bc7c5fcdc053032d116ed540eb8ed96b300af9',
  '0040_create_sync_tables': '2a41cc9a11cfbe766d162b626b7b96cc73b7ae094c6f8f7467aef46e585cc08a',
  '0060_create_kpi_input_daily': '8cbbaddc60cd90a842dd8d96a0f878b1c043d581f2512e05766d741a231c833d',
  '0065_create_event_arrivals': 'd5cd2b1951072b6fc2b8b26735aebda08765c2ac6f614ccd7d4a32583dc33a25',
};

const checksum = (statements: readonly string[]) =>
  createHash('sha256').update(statements.join('\n;\n')).digest('hex');
const allStatements = MIGRATIONS.flatMap((m) => m.statements);
const creates = (name: string) =>
  allStatements.some((s) => new RegExp(`^CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS ${name}\\b`).test(s));

describe('schema migrations', () => {
  it('are numbered, unique and in order', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    ids.forEach((id) => expect(id).toMatch(/^\d{4}_[a-z0-9_]+$/));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('never change once released', () => {
    const actual = Object.fromEntries(MIGRATIONS.map((m) => [m.id, checksum(m.statements)]));
    const unlisted = Object.keys(actual).filter((id) => !(id in RELEASED));
    expect(unlisted.map((id) => `'${id}': '${actual[id]}',`)).toEqual([]);
    for (const id of Object.keys(RELEASED))
      expect({ id, checksum: actual[id] }).toEqual({ id, checksum: RELEASED[id] });
  });

  it('create every table the code names, and a raw table with its counts and arrivals views for every source', () => {
    for (const table of Object.values(TABLES).filter((t) => t !== TABLES.schemaMigrations))
      expect({ table, created: creates(table) }).toEqual({ table, created: true });
    for (const source of SOURCE_IDS) {
      const raw = rawEventsTable(source);
      const views = creates(`${raw}_to_hourly_counts`) && creates(`${raw}_to_arrivals`);
      expect({ source, created: creates(raw) && views }).toEqual({
        source,
        created: true,
      });
    }
  });

  it('give a new source the same tables the first sources got', () => {
    const firstSources = sourceTablesMigration('0000_probe', 'qlvb').statements;
    firstSources.forEach((statement) => expect(allStatements).toContain(statement));
    expect(() => sourceTablesMigration('0000_probe', 'x; DROP TABLE y')).toThrow('not a plain identifier');
  });
});

import type { AnalyticsStore } from '@libs/clickhouse';
import { sql, type SqlFragment } from '@libs/clickhouse';
import type { AdministrativeUnit, UnitLevel, UnitMapping } from '@libs/admin-units';
import type { Comparator } from '@libs/kpi';
import type { IndicatorCatalog } from '../indicators/indicator-catalog';
import type { RosterCount } from '../rosters/rosters-import';
import type { LocalTarget } from '../targets/targets-import';
import type { ImportRecord, ImportRows, ReferenceKind, ReferenceStore } from './reference-store.port';

const RECORDED = sql`import_id IN (SELECT import_id FROM reference_imports)`;

const TABLE_OF: Record<ReferenceKind, string> = {
  units: 'reference_units',
  mappings: 'reference_unit_mappings',
  rosters: 'reference_rosters',
  targets: 'reference_targets',
  indicators: 'reference_indicator_catalogs',
};

/** The reference-data tables of migration 0030, read on the ClickHouse 18.16 dialect floor. */
export class ClickHouseReferenceStore implements ReferenceStore {
  constructor(private readonly client: AnalyticsStore) {}

  async latestImportId(): Promise<string> {
    const [row] = await this.rows<{ id: string }>(sql`SELECT max(import_id) AS id FROM reference_imports`);
    return row?.id ?? '';
  }

  async units(): Promise<AdministrativeUnit[]> {
    const rows = await this.rows<{
      code: string;
      valid_from: string;
      valid_to: string;
      name: string;
      level: string;
      parent_code: string;
      withdrawn: number | string;
    }>(sql`SELECT code, valid_from, argMax(valid_to, import_id) AS valid_to, argMax(name, import_id) AS name,
  argMax(level, import_id) AS level, argMax(parent_code, import_id) AS parent_code,
  argMax(withdrawn, import_id) AS withdrawn
FROM reference_units WHERE ${RECORDED}
GROUP BY code, valid_from ORDER BY code, valid_from`);
    return rows
      .filter((r) => Number(r.withdrawn) === 0)
      .map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level as UnitLevel,
        ...(r.parent_code ? { parentCode: r.parent_code } : {}),
        validFrom: r.valid_from,
        ...(r.valid_to ? { validTo: r.valid_to } : {}),
      }));
  }

  async mappings(): Promise<UnitMapping[]> {
    const rows = await this.rows<{ old_code: string; new_code: string; valid_from: string }>(
      sql`SELECT old_code, argMax(new_code, import_id) AS new_code, argMax(valid_from, import_id) AS valid_from
FROM reference_unit_mappings WHERE ${RECORDED} GROUP BY old_code ORDER BY old_code`,
    );
    return rows.map((r) => ({ oldCode: r.old_code, newCode: r.new_code, validFrom: r.valid_from }));
  }

  async rosters(): Promise<RosterCount[]> {
    const rows = await this.rows<{
      roster: string;
      unit_code: string;
      valid_from: string;
      count: string | number;
    }>(
      sql`SELECT roster, unit_code, valid_from, argMax(count, import_id) AS count
FROM reference_rosters WHERE ${RECORDED} GROUP BY roster, unit_code, valid_from ORDER BY roster, unit_code, valid_from`,
    );
    return rows.map((r) => ({
      roster: r.roster,
      unitCode: r.unit_code,
      validFrom: r.valid_from,
      count: Number(r.count),
    }));
  }

  async targets(): Promise<LocalTarget[]> {
    const rows = await this.rows<{
      indicator_id: string;
      unit_code: string;
      year: number | string;
      comparator: string;
      value: number | string;
      document: string;
      document_date: string;
      issuer: string;
    }>(sql`SELECT indicator_id, unit_code, year, argMax(comparator, import_id) AS comparator,
  argMax(value, import_id) AS value, argMax(document, import_id) AS document,
  argMax(document_date, import_id) AS document_date, argMax(issuer, import_id) AS issuer
FROM reference_targets WHERE ${RECORDED} GROUP BY indicator_id, unit_code, year
ORDER BY indicator_id, unit_code, year`);
    return rows.map((r) => ({
      unitCode: r.unit_code,
      indicatorId: r.indicator_id,
      year: Number(r.year),
      comparator: r.comparator as Comparator,
      value: Number(r.value),
      document: r.document,
      documentDate: r.document_date,
      issuer: r.issuer,
    }));
  }

  async indicatorCatalog(): Promise<IndicatorCatalog | undefined> {
    const [row] = await this.rows<{ catalog: string }>(
      sql`SELECT argMax(catalog, import_id) AS catalog FROM reference_indicator_catalogs WHERE ${RECORDED}
HAVING count() > 0`,
    );
    return row ? (JSON.parse(row.catalog) as IndicatorCatalog) : undefined;
  }

  async imports(): Promise<ImportRecord[]> {
    const rows = await this.rows<{
      import_id: string;
      kind: ReferenceKind;
      loaded_at: string;
      loaded_by: string;
      source_document: string;
      file_name: string;
      effective_from: string;
      summary: string;
    }>(sql`SELECT import_id, kind, toUnixTimestamp(loaded_at) AS loaded_at, loaded_by, source_document,
  file_name, effective_from, summary FROM reference_imports ORDER BY import_id`);
    return rows.map((r) => ({
      importId: r.import_id,
      kind: r.kind,
      loadedAt: new Date(Number(r.loaded_at) * 1000),
      loadedBy: r.loaded_by,
      sourceDocument: r.source_document,
      fileName: r.file_name,
      effectiveFrom: r.effective_from,
      summary: r.summary,
    }));
  }

  async commit(record: ImportRecord, rows: ImportRows): Promise<void> {
    const provenance = {
      import_id: record.importId,
      loaded_at: Math.floor(record.loadedAt.getTime() / 1000),
      loaded_by: record.loadedBy,
      source_document: record.sourceDocument,
    };
    const values = rowsOf(rows).map((row) => ({ ...row, ...provenance }));
    if (values.length > 0) {
      await this.client.insert({ table: TABLE_OF[rows.kind], format: 'JSONEachRow', values });
    }
    await this.client.insert({
      table: 'reference_imports',
      format: 'JSONEachRow',
      values: [
        {
          ...provenance,
          kind: record.kind,
          effective_from: record.effectiveFrom,
          file_name: record.fileName,
          summary: record.summary,
        },
      ],
    });
  }

  private async rows<T>(query: SqlFragment): Promise<T[]> {
    const result = await this.client.query({ query: query.text, format: 'JSONEachRow' });
    return result.json<T>();
  }
}

function rowsOf(rows: ImportRows): Record<string, unknown>[] {
  switch (rows.kind) {
    case 'units':
      return rows.units.map(({ unit, withdrawn }) => ({
        code: unit.code,
        valid_from: unit.validFrom,
        valid_to: unit.validTo ?? '',
        name: unit.name,
        level: unit.level,
        parent_code: unit.parentCode ?? '',
        withdrawn: withdrawn ? 1 : 0,
      }));
    case 'mappings':
      return rows.mappings.map((m) => ({
        old_code: m.oldCode,
        new_code: m.newCode,
        valid_from: m.validFrom,
      }));
    case 'rosters':
      return rows.rosters.map((r) => ({
        roster: r.roster,
        unit_code: r.unitCode,
        valid_from: r.validFrom,
        count: r.count,
      }));
    case 'targets':
      return rows.targets.map((t) => ({
        indicator_id: t.indicatorId,
        unit_code: t.unitCode,
        year: t.year,
        comparator: t.comparator,
        value: t.value,
        document: t.document,
        document_date: t.documentDate,
        issuer: t.issuer,
      }));
    case 'indicators':
      return [{ catalog: JSON.stringify(rows.catalog) }];
  }
}

import type { AnalyticsStore } from '@libs/clickhouse';
import { isLocalDate } from '@libs/admin-units';
import { referenceCountsSql } from '../sql/kpi-query.sql';
import { TABLES } from '@libs/clickhouse';

/** A count per unit from reference data (a roster, a list of agencies), valid from a local date. */
export interface ReferenceCount {
  unitCode: string;
  reference: string;
  count: number;
  /** Local date (YYYY-MM-DD) from which the count holds, until a later version. */
  validFrom: string;
}

/**
 * Reference denominators (roster counts) in `reference_rosters`. Writes append a version as one
 * recorded import; reads take, per unit, the version valid on a date and, of that, the one of the
 * latest recorded import, so an upsert needs no merge.
 */
export class ReferenceCountRepository {
  constructor(private readonly client: AnalyticsStore) {}

  async upsert(counts: readonly ReferenceCount[], recordedAt: Date = new Date()): Promise<void> {
    if (counts.length === 0) return;
    for (const c of counts) {
      if (!Number.isInteger(c.count) || c.count < 0) {
        throw new Error(
          `reference ${c.reference}: the count for unit ${c.unitCode} must be a whole number ≥ 0`,
        );
      }
      if (!isLocalDate(c.validFrom))
        throw new Error(`reference ${c.reference}: validFrom ${c.validFrom} is not a date`);
    }
    // One recorded import, like `coc reference rosters` writes: rows first, then the record that shows them.
    const provenance = {
      import_id: `${String(recordedAt.getTime()).padStart(13, '0')}-${Math.random().toString(36).slice(2, 10)}`,
      loaded_at: Math.floor(recordedAt.getTime() / 1000),
      loaded_by: 'ReferenceCountRepository',
      source_document: '',
    };
    await this.client.insert({
      table: TABLES.referenceRosters,
      format: 'JSONEachRow',
      values: counts.map((c) => ({
        roster: c.reference,
        unit_code: c.unitCode,
        valid_from: c.validFrom,
        count: c.count,
        ...provenance,
      })),
    });
    await this.client.insert({
      table: TABLES.referenceImports,
      format: 'JSONEachRow',
      values: [{ ...provenance, kind: 'rosters', effective_from: '', file_name: '', summary: '' }],
    });
  }

  /** Counts by unit code, for the units that have one on `date` (YYYY-MM-DD). */
  async countsOn(
    reference: string,
    unitCodes: readonly string[],
    date: string,
  ): Promise<Record<string, number>> {
    if (unitCodes.length === 0) return {};
    const result = await this.client.query({
      query: referenceCountsSql(reference, unitCodes, date).text,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ unit_code: string; count: number | string }>();
    return Object.fromEntries(rows.map((r) => [r.unit_code, Number(r.count)]));
  }
}

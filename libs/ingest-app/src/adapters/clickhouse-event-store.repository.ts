import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { ClickHouseConnection, rawEventsTable, TABLES } from '@libs/clickhouse';
import { SOURCE_IDS, type SourceId } from '@libs/contracts';
import { insertKpiInputRows } from '@libs/kpi-store';
import { type KpiInputRow } from '@libs/kpi';
import { METRIC } from '@libs/observability';
import type { AccessAuditRow } from '../audit/audit-rows';
import { IngestEnv } from '../ingest.env';
import type { RejectedRecord } from '../pipeline/ingest-record';
import type { RawEventRow } from '../pipeline/steps/to-raw-event-row.step';
import type { AuditStore, EventStore } from '../ports/ingest-sinks.port';
import { StorageRejectedError } from '../ports/storage-rejected.error';
import { GroupCommit } from '../storage/group-commit';
import { classifyClickHouseError } from './clickhouse-error.classifier';

/** Rows per grouped insert at most: a few concurrent batches of a catching-up consumer. */
const GROUP_MAX_ROWS = 50_000;

@Injectable()
export class ClickHouseEventStore implements EventStore, AuditStore {
  /** One group commit per raw table and one for the member rows: concurrent batches share inserts. */
  private readonly rawGroups = new Map(
    SOURCE_IDS.map((source) => [
      source,
      new GroupCommit<RawEventRow>((rows) => this.insertRawRows(source, rows), GROUP_MAX_ROWS),
    ]),
  );
  private readonly kpiInputGroup = new GroupCommit<KpiInputRow>(
    (rows) => this.timed('kpi_input_members', () => insertKpiInputRows(this.connection.store, rows)),
    GROUP_MAX_ROWS,
  );

  constructor(
    private readonly connection: ClickHouseConnection,
    private readonly env: IngestEnv,
    @InjectMetric(METRIC.insertSeconds.name) private readonly insertSeconds: Histogram,
  ) {}

  /** Times one insert (successful or not: a slow failure is what an operator looks for). */
  private async timed<T>(table: string, insert: () => Promise<T>): Promise<T> {
    const end = this.insertSeconds.startTimer({ table });
    try {
      return await insert();
    } finally {
      end();
    }
  }

  /** Throws StorageRejectedError when ClickHouse refuses the rows themselves; anything else as it came. */
  insertEvents(source: SourceId, rows: RawEventRow[]): Promise<void> {
    const group = this.rawGroups.get(source);
    if (!group) throw new Error(`no raw table for source ${source}`);
    return group.write(rows);
  }

  private async insertRawRows(source: SourceId, rows: readonly RawEventRow[]): Promise<void> {
    try {
      await this.timed(rawEventsTable(source), () =>
        this.connection.store.insert({ table: rawEventsTable(source), values: rows, format: 'JSONEachRow' }),
      );
    } catch (error) {
      const verdict = classifyClickHouseError(error);
      if (verdict.kind === 'data')
        throw new StorageRejectedError(verdict.message, `clickhouse:${verdict.code}`);
      throw error;
    }
  }

  insertKpiInputs(rows: KpiInputRow[]): Promise<void> {
    return this.kpiInputGroup.write(rows);
  }

  async insertAuditRows(rows: AccessAuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.timed(TABLES.accessAudit, () =>
      this.connection.store.insert({ table: TABLES.accessAudit, values: rows, format: 'JSONEachRow' }),
    );
  }

  async insertRejects(rejects: RejectedRecord[]): Promise<void> {
    if (rejects.length === 0) return;
    const now = Math.floor(Date.now() / 1000);
    const cap = this.env.INGEST_REJECT_RAW_MAX_BYTES;
    await this.timed(TABLES.ingestRejects, () =>
      this.connection.store.insert({
        table: TABLES.ingestRejects,
        format: 'JSONEachRow',
        values: rejects.map((r) => ({
          topic: r.origin.topic,
          partition: r.origin.partition,
          offset: r.origin.offset,
          reject_code: r.rejection.code,
          reason: r.rejection.reason,
          raw: r.value ? r.value.subarray(0, cap).toString('utf8') : '',
          raw_bytes: r.value?.length ?? 0,
          rejected_at: now,
        })),
      }),
    );
  }
}

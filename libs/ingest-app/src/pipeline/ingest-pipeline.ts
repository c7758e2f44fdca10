import { sourceOfTopic, type KpiInputsChanged, type SourceId } from '@libs/contracts';
import type { KpiInputRow } from '@libs/kpi';
import { decideRecord, type RecordPolicy } from './decide-record';
import type { IncomingRecord, RejectedRecord } from './ingest-record';
import type { RawEventRow } from './steps/to-raw-event-row.step';

/** A source table's share of a batch: its raw rows and the KPI rollup's member rows derived from them. */
export interface SourceRows {
  rows: RawEventRow[];
  kpiInputs: KpiInputRow[];
}

/** What one batch turns into: rows per source table, rejects with reasons, and change notices. */
export interface IngestBatch {
  rows: Map<SourceId, SourceRows>;
  rejects: RejectedRecord[];
  changes: KpiInputsChanged[];
}

interface ChangeAccumulator {
  unitCode: string;
  source: SourceId;
  types: Set<string>;
  from: number;
  to: number;
}

function summarizeChanges(
  accepted: { source: SourceId; row: RawEventRow }[],
  storedAt: Date,
): KpiInputsChanged[] {
  const byUnit = new Map<string, ChangeAccumulator>();
  for (const { source, row } of accepted) {
    const key = `${source}/${row.unit_code}`;
    const acc = byUnit.get(key) ?? {
      unitCode: row.unit_code,
      source,
      types: new Set(),
      from: row.occurred_at,
      to: row.occurred_at,
    };
    acc.types.add(row.type);
    acc.from = Math.min(acc.from, row.occurred_at);
    acc.to = Math.max(acc.to, row.occurred_at);
    byUnit.set(key, acc);
  }
  return [...byUnit.values()].map((a) => ({
    unitCode: a.unitCode,
    source: a.source,
    types: [...a.types].sort(),
    from: new Date(a.from * 1000).toISOString(),
    to: new Date(a.to * 1000).toISOString(),
    storedAt: storedAt.toISOString(),
  }));
}

/** The record decision for every record of a batch; pure, so each outcome is decided before any I/O. */
export function runIngestPipeline(records: readonly IncomingRecord[], policy: RecordPolicy): IngestBatch {
  const rows = new Map<SourceId, SourceRows>();
  const rejects: RejectedRecord[] = [];
  const accepted: { source: SourceId; row: RawEventRow }[] = [];

  for (const record of records) {
    const origin = { topic: record.topic, partition: record.partition, offset: record.offset };
    const source = sourceOfTopic(record.topic);
    if (!source) throw new Error(`ingest is subscribed to ${record.topic}, which is not a source topic`);

    const decision = decideRecord({ kind: 'bytes', bytes: record.value }, policy, source);
    if (!decision.ok) {
      const { rejection, eventId, unitCode } = decision;
      rejects.push({ origin, key: record.key, value: record.value, rejection, eventId, unitCode });
      continue;
    }
    const { row, kpiInputs } = decision.accepted;
    let sourceRows = rows.get(source);
    if (!sourceRows) rows.set(source, (sourceRows = { rows: [], kpiInputs: [] }));
    sourceRows.rows.push(row);
    sourceRows.kpiInputs.push(...kpiInputs);
    accepted.push({ source, row });
  }
  return { rows, rejects, changes: summarizeChanges(accepted, policy.now) };
}

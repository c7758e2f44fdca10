import { sourceOfTopic, type KpiInputsChanged, type SourceId } from '@libs/contracts';
import type { IncomingRecord, RejectedRecord } from './ingest-record';
import { checkUnit, type UnitDirectory } from './steps/check-unit.step';
import { parseRecord } from './steps/parse-record.step';
import { toRawEventRow, type RawEventRow } from './steps/to-raw-event-row.step';
import { validateRecord } from './steps/validate-record.step';

export interface PipelinePolicy {
  now: Date;
  maxFutureSkewMs: number;
  maxRecordBytes: number;
  /** The administrative units events may belong to, by date. */
  units: UnitDirectory;
}

/** What one batch turns into: rows per source table, rejects with reasons, and change notices. */
export interface IngestBatch {
  rows: Map<SourceId, RawEventRow[]>;
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

/** parse → validate → check unit → map, for every record; pure, so each outcome is decided before any I/O. */
export function runIngestPipeline(records: readonly IncomingRecord[], policy: PipelinePolicy): IngestBatch {
  const rows = new Map<SourceId, RawEventRow[]>();
  const rejects: RejectedRecord[] = [];
  const accepted: { source: SourceId; row: RawEventRow }[] = [];
  const timePolicy = { now: policy.now, maxFutureSkewMs: policy.maxFutureSkewMs };

  for (const record of records) {
    const origin = { topic: record.topic, partition: record.partition, offset: record.offset };
    const source = sourceOfTopic(record.topic);
    if (!source) throw new Error(`ingest is subscribed to ${record.topic}, which is not a source topic`);

    const parsed = parseRecord(record.value, policy.maxRecordBytes);
    const validated = parsed.ok ? validateRecord(parsed.value, source, timePolicy) : parsed;
    const known = validated.ok ? checkUnit(validated.value, policy.units) : validated;
    if (!known.ok) {
      rejects.push({ origin, key: record.key, value: record.value, rejection: known.rejection });
      continue;
    }
    const row = toRawEventRow(known.value, policy.now);
    const sourceRows = rows.get(source) ?? [];
    if (sourceRows.length === 0) rows.set(source, sourceRows);
    sourceRows.push(row);
    accepted.push({ source, row });
  }
  return { rows, rejects, changes: summarizeChanges(accepted, policy.now) };
}

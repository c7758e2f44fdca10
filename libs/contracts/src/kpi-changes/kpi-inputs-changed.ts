import type { SourceId } from '../sources';

/**
 * Published by ingest after facts are stored: which unit, which event types and which span of
 * event time changed. Consumers recompute from ClickHouse; the notice itself carries no numbers,
 * so a lost or repeated notice never makes a KPI wrong, only late.
 */
export interface KpiInputsChanged {
  unitCode: string;
  source: SourceId;
  types: string[];
  /** Earliest and latest event time among the stored facts, ISO 8601. */
  from: string;
  to: string;
  storedAt: string;
}

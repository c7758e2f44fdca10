import type { Migration } from './migration';
import { createRawEventTables } from './migrations/0001_create_raw_event_tables';
import { createHourlyEventCounts } from './migrations/0002_create_hourly_event_counts';
import { createIngestRejects } from './migrations/0003_create_ingest_rejects';
import { createKpiInputRollup } from './migrations/0004_create_kpi_input_rollup';
import { createReferenceCounts } from './migrations/0005_create_reference_counts';
import { createKpiInputsBuilt } from './migrations/0006_create_kpi_inputs_built';
import { createAccessKeys } from './migrations/0020_create_access_keys';
import { createAccessAudit } from './migrations/0021_create_access_audit';
import { createReferenceData } from './migrations/0030_create_reference_data';
import { createSyncTables } from './migrations/0040_create_sync_tables';
import { createKpiInputDaily } from './migrations/0060_create_kpi_input_daily';
import { createEventArrivals } from './migrations/0065_create_event_arrivals';

/**
 * The schema, in order. Forward-only: a released migration's text never changes (schema.spec.ts
 * holds their checksums); a change, a new table or a new source (`sourceTablesMigration`) is a new
 * file in ./migrations and one line here, numbered in the range of the issue that adds it.
 */
export const MIGRATIONS: readonly Migration[] = [
  createRawEventTables,
  createHourlyEventCounts,
  createIngestRejects,
  createKpiInputRollup,
  createReferenceCounts,
  createKpiInputsBuilt,
  createAccessKeys,
  createAccessAudit,
  createReferenceData,
  createSyncTables,
  createKpiInputDaily,
  createEventArrivals,
];

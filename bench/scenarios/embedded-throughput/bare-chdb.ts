/**
 * Child process: the embedded scenario's reference, the same envelopes inserted as JSONEachRow
 * straight into a chDB table of the raw tables' envelope columns, in the same batches. A fresh
 * process, as the embedded app under test is: run in the bench's own process after the other
 * scenarios, its rate moved between 37,000 and 101,000 events/s from run to run.
 * IPC: { type: 'run', days, nowMs, passes } → { type: 'rates', rates } (events/s, one per pass).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '@libs/clickhouse';
import type { EventEnvelope } from '@libs/contracts';
import { inBatches, perSecond, simulatedDays } from './traffic';

async function bareEngine(events: EventEnvelope[]): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'coc-bench-chdb-'));
  const store = openEmbeddedStore({ directory, database: 'bench' });
  try {
    await store.command({
      query: `CREATE TABLE raw_envelopes (event_id String, source String, type String, unit_code String,
        occurred_at DateTime, produced_at DateTime, schema_version UInt16, payload String)
        ENGINE = ReplacingMergeTree ORDER BY (unit_code, occurred_at, event_id)`,
    });
    const started = performance.now();
    await inBatches(events, async (batch) => {
      await store.insert({
        table: 'raw_envelopes',
        format: 'JSONEachRow',
        values: batch.map((event) => ({
          event_id: event.eventId,
          source: event.source,
          type: event.type,
          unit_code: event.unitCode,
          occurred_at: event.occurredAt,
          produced_at: event.producedAt,
          schema_version: event.schemaVersion,
          payload: JSON.stringify(event.payload),
        })),
      });
    });
    return perSecond(events.length, performance.now() - started);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

process.on('message', (message: { type: string; days: number; nowMs: number; passes: number }) => {
  if (message.type !== 'run') return;
  const { events } = simulatedDays(message.days, message.nowMs);
  void (async () => {
    const rates: number[] = [];
    for (let pass = 0; pass < message.passes; pass++) rates.push(await bareEngine(events));
    return rates;
  })().then(
    (rates) => process.send?.({ type: 'rates', rates }),
    (error: unknown) => process.send?.({ type: 'error', error: String(error) }),
  );
});
process.send?.({ type: 'ready' });

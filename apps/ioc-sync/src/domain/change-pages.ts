/** The (unit, local day) pairs one outbox batch touched. */
export interface BatchChanges {
  seq: number;
  changes: readonly { unitCode: string; date: string }[];
}

export interface ChangePage {
  changes: { unitCode: string; date: string }[];
  /** Give it back as `since` for the next page; equal to `since` when nothing changed. */
  cursor: number;
}

/**
 * One page of "changes since": whole batches in sequence order until at least `limit` pairs are
 * collected (a batch is never split, so the cursor is always a batch boundary), each pair once.
 */
export function changePageOf(batches: readonly BatchChanges[], since: number, limit: number): ChangePage {
  const seen = new Map<string, { unitCode: string; date: string }>();
  let cursor = since;
  for (const batch of [...batches].sort((a, b) => a.seq - b.seq)) {
    if (batch.seq <= cursor) continue;
    if (seen.size >= limit) break;
    for (const change of batch.changes) seen.set(`${change.unitCode}|${change.date}`, change);
    cursor = batch.seq;
  }
  const changes = [...seen.values()].sort((a, b) =>
    a.date === b.date ? (a.unitCode < b.unitCode ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  return { changes, cursor };
}

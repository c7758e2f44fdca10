import { createHash } from 'node:crypto';

/** What goes on the DLQ for one refused record: its value, shortened when needed, and what it was. */
export interface DeadLetterCopy {
  value: Buffer | null;
  originalBytes: number;
  sha256: string;
  truncated: boolean;
}

/** Ends a shortened copy, so that a reader of the DLQ sees at once that the value is not whole. */
export const TRUNCATION_MARKER =
  '…[truncated by coc ingest; see headers coc-original-bytes, coc-original-sha256]';

/**
 * The DLQ copy of a record's value: whole when it fits `maxBytes`, else its first bytes and the
 * marker, within `maxBytes`. Size and SHA-256 always describe the original, so the copy can be
 * matched to the source record (which stays on its topic) even when shortened. A dead letter that
 * the broker would refuse would fail on every retry and stop the partition.
 */
export function deadLetterCopy(value: Buffer | null, maxBytes: number): DeadLetterCopy {
  const original = value ?? Buffer.alloc(0);
  const sha256 = createHash('sha256').update(original).digest('hex');
  if (value === null || value.length <= maxBytes) {
    return { value, originalBytes: original.length, sha256, truncated: false };
  }
  const marker = Buffer.from(TRUNCATION_MARKER, 'utf8');
  const kept = value.subarray(0, Math.max(0, maxBytes - marker.length));
  return { value: Buffer.concat([kept, marker]), originalBytes: value.length, sha256, truncated: true };
}

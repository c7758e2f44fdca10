/**
 * Groups items in order into chunks of at most `budget` bytes (an item larger than the budget
 * goes alone), so that no produce request exceeds the broker's message.max.bytes.
 */
export function chunkByBytes<T>(items: readonly T[], sizeOf: (item: T) => number, budget: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && used + size > budget) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Well under the broker's default message.max.bytes (1 MiB), which one request of many records would exceed. */
export const PRODUCE_BUDGET_BYTES = 512 * 1024;

/** Record framing and headers in a Kafka batch, roughly; keeps the budget honest for many small records. */
export const RECORD_OVERHEAD_BYTES = 256;

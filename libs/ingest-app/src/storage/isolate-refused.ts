import { StorageRejectedError } from '../ports/storage-rejected.error';

export interface Refused<T> {
  item: T;
  error: StorageRejectedError;
}

/**
 * Bisects items the store refused as a whole, storing every half it accepts, until each refused
 * item stands alone: k bad items among n cost about 2·k·log2(n) inserts. Halves that fail for
 * any other reason (the store went away) throw, so the caller retries the batch as usual; halves
 * already stored are then stored again, which idempotent storage absorbs.
 */
export async function isolateRefused<T>(
  items: readonly T[],
  insert: (items: readonly T[]) => Promise<void>,
  refusal: StorageRejectedError,
): Promise<Refused<T>[]> {
  if (items.length === 1) return [{ item: items[0], error: refusal }];
  const middle = Math.ceil(items.length / 2);
  const refused: Refused<T>[] = [];
  for (const half of [items.slice(0, middle), items.slice(middle)]) {
    try {
      await insert(half);
    } catch (error) {
      if (!(error instanceof StorageRejectedError)) throw error;
      refused.push(...(await isolateRefused(half, insert, error)));
    }
  }
  return refused;
}

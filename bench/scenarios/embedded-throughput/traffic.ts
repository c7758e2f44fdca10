import { localDateOf, localDayRange } from '@libs/admin-units';
import type { EventEnvelope } from '@libs/contracts';
import { simulateCommune } from '@libs/connector-sdk';

/** The demo commune whose simulated days both sides take. */
export const UNIT = '26734';
const BATCH = 500;
const IN_FLIGHT = 4;
const DAY_MS = 86_400_000;

export const perSecond = (count: number, ms: number): number => Math.round((count * 1000) / ms);

/** The commune's simulated events of the `days` local days before `nowMs`, and those days. */
export function simulatedDays(days: number, nowMs: number): { events: EventEnvelope[]; dates: string[] } {
  const last = localDateOf(new Date(nowMs - DAY_MS));
  const first = localDateOf(new Date(nowMs - days * DAY_MS));
  const events = simulateCommune({
    unitCode: UNIT,
    from: localDayRange(first).start,
    to: new Date(localDayRange(last).end.getTime() - 1),
    seed: 11,
  });
  const dates = [...new Set(events.map((event) => localDateOf(new Date(event.occurredAt))))];
  return { events, dates };
}

/** Sends the events in batches of 500, four batches in flight, as a connector would. */
export async function inBatches(
  events: EventEnvelope[],
  send: (batch: EventEnvelope[]) => Promise<void>,
): Promise<void> {
  const batches: EventEnvelope[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const lanes = Array.from({ length: IN_FLIGHT }, async (_, lane) => {
    for (let i = lane; i < batches.length; i += IN_FLIGHT) await send(batches[i]);
  });
  await Promise.all(lanes);
}

import type { Prng } from './prng';
import { HOUR_MS, localDayOf, localMidnight } from './local-time';

const WAKING_START = 6 * HOUR_MS;
const WAKING_END = 23 * HOUR_MS;

/** Citizens act online at any hour they are awake: a night-time instant moves to the next morning. */
export function citizenTime(ms: number, rng: Prng): number {
  const day = localDayOf(ms);
  const t = ms - localMidnight(day);
  if (t >= WAKING_START && t < WAKING_END) return ms;
  const morning = t < WAKING_START ? day : day + 1;
  return localMidnight(morning) + WAKING_START + rng.between(0, 3 * HOUR_MS);
}

/** An hour-of-day profile for online submissions: mornings and evenings after work. */
const ONLINE_HOURS: readonly (readonly [number, number])[] = [
  [6, 2],
  [7, 4],
  [8, 8],
  [9, 9],
  [10, 9],
  [11, 6],
  [12, 4],
  [13, 5],
  [14, 7],
  [15, 7],
  [16, 6],
  [17, 4],
  [18, 4],
  [19, 6],
  [20, 7],
  [21, 6],
  [22, 3],
];

export function onlineMomentOf(day: number, rng: Prng): number {
  const hour = rng.weighted(ONLINE_HOURS);
  return localMidnight(day) + hour * HOUR_MS + rng.between(0, HOUR_MS);
}

/** The three legs of the throughput scenario. */
export const LEGS = ['pipeline', 'bare', 'peer'] as const;
export type LegName = (typeof LEGS)[number];

/**
 * The legs' order in a round (1-based), rotated each round: on a shared machine the load drifts, and
 * a fixed order would hand the same leg the same slot (say, always the one right after a start-up).
 */
export function legOrder(round: number): LegName[] {
  const shift = (round - 1) % LEGS.length;
  return [...LEGS.slice(shift), ...LEGS.slice(0, shift)];
}

/** The tiers of Vietnamese local government. From 1 July 2025 there are no districts. */
export const UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export function isUnitLevel(value: unknown): value is UnitLevel {
  return typeof value === 'string' && (UNIT_LEVELS as readonly string[]).includes(value);
}

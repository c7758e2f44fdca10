/**
 * Official administrative unit codes: 2 digits for a province, 3 for a district, 5 for a commune
 * (ward, township). Whether a code exists is checked against the hierarchy, not here.
 */
export const UNIT_CODE_PATTERN = /^(\d{2}|\d{3}|\d{5})$/;

export function isUnitCodeFormat(value: string): boolean {
  return UNIT_CODE_PATTERN.test(value);
}

import type { ApiKey } from './api-key-config';

export interface ScopeViolation {
  index: number;
  message: string;
}

const fieldOf = (value: unknown, field: 'source' | 'unitCode'): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
};

/**
 * The first record that claims a source or unit the key may not publish for. One is enough to
 * refuse the whole request: a misconfigured connector must fail loudly, not half-publish. Records
 * without a string source or unitCode are left to per-record validation.
 */
export function findScopeViolation(
  values: readonly unknown[],
  key: Pick<ApiKey, 'id' | 'source' | 'units'>,
): ScopeViolation | undefined {
  for (const [index, value] of values.entries()) {
    const source = fieldOf(value, 'source');
    if (source !== undefined && source !== key.source) {
      return {
        index,
        message: `record ${index}: source "${source}" is outside API key "${key.id}", which publishes for ${key.source} only; nothing was published`,
      };
    }
    const unitCode = fieldOf(value, 'unitCode');
    if (unitCode !== undefined && key.units !== 'all' && !key.units.has(unitCode)) {
      return {
        index,
        message: `record ${index}: unit ${unitCode} is not among the units of API key "${key.id}"; nothing was published`,
      };
    }
  }
  return undefined;
}

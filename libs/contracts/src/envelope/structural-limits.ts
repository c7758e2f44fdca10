import type { Rejection } from './validate-event';

/** Bounds on a parsed record's shape, checked before any object mapping or validation. */
export interface StructuralLimits {
  /** Nesting of objects and arrays; an envelope with its payload is 2 deep. */
  maxDepth: number;
  /** Object keys and array elements, counted over the whole record. */
  maxKeys: number;
  /** Characters in any one string, keys included. */
  maxStringLength: number;
}

export const DEFAULT_STRUCTURAL_LIMITS: StructuralLimits = {
  maxDepth: 8,
  maxKeys: 512,
  maxStringLength: 8192,
};

/**
 * The first limit a parsed JSON value breaks, or undefined. One pass with an explicit stack, so a
 * record nested thousands deep costs its size, not the call stack; it stops at the first breach.
 */
export function checkStructure(value: unknown, limits: StructuralLimits): Rejection | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  let keys = 0;
  const tooLong = (s: string): Rejection | undefined =>
    s.length > limits.maxStringLength
      ? {
          code: 'string_too_long',
          reason: `a string of ${s.length} characters; the limit is ${limits.maxStringLength}`,
        }
      : undefined;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      const rejection = tooLong(node);
      if (rejection) return rejection;
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limits.maxDepth) {
      return {
        code: 'too_deep',
        reason: `nested deeper than ${limits.maxDepth} levels of objects and arrays`,
      };
    }
    const entries: [string | undefined, unknown][] = Array.isArray(node)
      ? node.map((item: unknown) => [undefined, item])
      : Object.entries(node);
    keys += entries.length;
    if (keys > limits.maxKeys) {
      return {
        code: 'too_many_keys',
        reason: `more than ${limits.maxKeys} object keys and array elements in one record`,
      };
    }
    for (const [key, child] of entries) {
      const rejection = key === undefined ? undefined : tooLong(key);
      if (rejection) return rejection;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

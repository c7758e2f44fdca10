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
  // Two parallel stacks rather than [node, depth] pairs and Object.entries: no allocation per node
  // on the hot path; nodes are still visited in the same order, so the first breach is the same.
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  let keys = 0;
  const tooLong = (s: string): Rejection | undefined =>
    s.length > limits.maxStringLength
      ? {
          code: 'string_too_long',
          reason: `a string of ${s.length} characters; the limit is ${limits.maxStringLength}`,
        }
      : undefined;
  const tooMany = (count: number): Rejection | undefined =>
    (keys += count) > limits.maxKeys
      ? {
          code: 'too_many_keys',
          reason: `more than ${limits.maxKeys} object keys and array elements in one record`,
        }
      : undefined;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop() as number;
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
    if (Array.isArray(node)) {
      const rejection = tooMany(node.length);
      if (rejection) return rejection;
      for (const item of node as unknown[]) {
        nodes.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    const names = Object.keys(node);
    const rejection = tooMany(names.length);
    if (rejection) return rejection;
    for (const name of names) {
      const longKey = tooLong(name);
      if (longKey) return longKey;
      nodes.push((node as Record<string, unknown>)[name]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { exactContract } from './envelope/compiled-validation';

export type ParsedContract<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A Kafka value as its contract class defines it (class-validator rules, unknown fields dropped),
 * or why not. Never throws: bad data is the caller's to skip or dead-letter.
 */
export function parseContract<T extends object>(
  contract: new () => T,
  value: Buffer | null,
  { maxBytes, noun }: { maxBytes: number; noun: string },
): ParsedContract<T> {
  if (value === null || value.length === 0) return { ok: false, reason: `empty ${noun}` };
  if (value.length > maxBytes) return { ok: false, reason: `${noun} of ${value.length} bytes` };
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  // The compiled schema accepts exactly what the class accepts when `exact`: a notice or audit entry
  // is read per message by every gateway, so class-validator (about 0.2 ms a notice) only names the
  // reason for what the schema refuses, or decides a class the schema cannot carry.
  const compiled = exactContract(contract);
  if (compiled?.validate(plain)) {
    // What class-validator's whitelist keeps: the properties the class declares rules for.
    const given = plain as Record<string, unknown>;
    const instance = new contract() as Record<string, unknown>;
    for (const key of compiled.declared) if (Object.hasOwn(given, key)) instance[key] = given[key];
    return { ok: true, value: instance as T };
  }
  try {
    const instance = plainToInstance(contract, plain);
    const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
      return { ok: false, reason: messages.slice(0, 5).join('; ') };
    }
    return { ok: true, value: instance };
  } catch (error) {
    return { ok: false, reason: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

import type { StepResult } from '../ingest-record';

/** Turns the raw Kafka value into JSON, refusing what is empty, oversized or not JSON. */
export function parseRecord(value: Buffer | null, maxBytes: number): StepResult<unknown> {
  if (value === null || value.length === 0) {
    return { ok: false, rejection: { code: 'invalid_json', reason: 'empty message value' } };
  }
  if (value.length > maxBytes) {
    return {
      ok: false,
      rejection: { code: 'too_large', reason: `message is ${value.length} bytes; the limit is ${maxBytes}` },
    };
  }
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) as unknown };
  } catch (error) {
    return {
      ok: false,
      rejection: { code: 'invalid_json', reason: `not JSON: ${(error as Error).message}` },
    };
  }
}

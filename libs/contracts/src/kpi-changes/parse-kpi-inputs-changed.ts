import { parseContract } from '../parse-contract';
import { KpiInputsChanged } from './kpi-inputs-changed';

/** Far above any real notice (a unit, a source, a few types and three instants). */
const MAX_NOTICE_BYTES = 65_536;

export type ParsedNotice = { ok: true; notice: KpiInputsChanged } | { ok: false; reason: string };

/**
 * A change notice as its contract class defines it, or why not. Never throws: a consumer logs and
 * skips a malformed notice (notices carry no numbers, so skipping one only delays a refresh).
 */
export function parseKpiInputsChanged(value: Buffer | null): ParsedNotice {
  const parsed = parseContract(KpiInputsChanged, value, { maxBytes: MAX_NOTICE_BYTES, noun: 'notice' });
  return parsed.ok ? { ok: true, notice: parsed.value } : parsed;
}

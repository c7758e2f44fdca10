import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { KpiInputsChanged } from './kpi-inputs-changed';

/** Far above any real notice (a unit, a source, a few types and three instants). */
const MAX_NOTICE_BYTES = 65_536;

export type ParsedNotice = { ok: true; notice: KpiInputsChanged } | { ok: false; reason: string };

/**
 * A change notice as its contract class defines it, or why not. Never throws: a consumer logs and
 * skips a malformed notice (notices carry no numbers, so skipping one only delays a refresh).
 */
export function parseKpiInputsChanged(value: Buffer | null): ParsedNotice {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty notice' };
  if (value.length > MAX_NOTICE_BYTES) return { ok: false, reason: `notice of ${value.length} bytes` };
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  try {
    const notice = plainToInstance(KpiInputsChanged, plain);
    const errors = validateSync(notice, { whitelist: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
      return { ok: false, reason: messages.slice(0, 5).join('; ') };
    }
    return { ok: true, notice };
  } catch (error) {
    return { ok: false, reason: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

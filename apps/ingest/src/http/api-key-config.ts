import { isSourceId, isUnitCodeFormat, type SourceId } from '@libs/contracts';

/** Stands alone in `units` for a key that may publish for every unit of its source. */
export const ALL_UNITS = '*';

/** One configured API key. Only the SHA-256 of the key is ever held. */
export interface ApiKey {
  id: string;
  sha256: Buffer;
  source: SourceId;
  /** 'all' when configured as ["*"]. */
  units: ReadonlySet<string> | 'all';
}

export class InvalidApiKeyConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problems: string[],
  ) {
    super(`Invalid ${variable}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidApiKeyConfigError';
  }
}

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const FIELDS = new Set(['id', 'sha256', 'source', 'units']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseUnits(units: unknown, at: string, problems: string[]): ApiKey['units'] | undefined {
  if (!Array.isArray(units) || units.length === 0 || !units.every((u) => typeof u === 'string')) {
    problems.push(`${at}: units must be a non-empty array of unit codes, or ["${ALL_UNITS}"]`);
    return undefined;
  }
  const codes = units;
  if (codes.includes(ALL_UNITS)) {
    if (codes.length === 1) return 'all';
    problems.push(`${at}: units may hold "${ALL_UNITS}" only on its own`);
    return undefined;
  }
  const malformed = codes.filter((u) => !isUnitCodeFormat(u));
  if (malformed.length > 0) {
    problems.push(`${at}: units ${malformed.join(', ')} are not unit codes of 2, 3 or 5 digits`);
    return undefined;
  }
  return new Set(codes);
}

function parseEntry(entry: unknown, index: number, problems: string[]): ApiKey | undefined {
  if (!isRecord(entry)) {
    problems.push(`entry ${index}: must be an object { id, sha256, source, units }`);
    return undefined;
  }
  const before = problems.length;
  const at =
    typeof entry.id === 'string' && entry.id !== '' ? `entry ${index} (id "${entry.id}")` : `entry ${index}`;
  const unknown = Object.keys(entry).filter((k) => !FIELDS.has(k));
  if (unknown.length > 0) problems.push(`${at}: unknown fields ${unknown.join(', ')}`);
  if (typeof entry.id !== 'string' || !ID_PATTERN.test(entry.id)) {
    problems.push(`${at}: id must be 1-64 characters of letters, digits, . _ -`);
  }
  // The hash itself is not echoed: it is not the key, but there is no reason to spread it.
  if (typeof entry.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256)) {
    problems.push(`${at}: sha256 must be the 64 hex characters of the key's SHA-256`);
  }
  if (!isSourceId(entry.source)) {
    problems.push(`${at}: source must be one of qlvb, onestop, camera, reporting`);
  }
  const units = parseUnits(entry.units, at, problems);
  if (problems.length > before || units === undefined) return undefined;
  return {
    id: entry.id as string,
    sha256: Buffer.from(entry.sha256 as string, 'hex'),
    source: entry.source as SourceId,
    units,
  };
}

/**
 * Parses the API-key configuration, reporting every problem at once and naming `variable`.
 * The text is never echoed back.
 */
export function parseApiKeyConfig(text: string, variable: string): ApiKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidApiKeyConfigError(variable, [`not JSON (${(error as Error).message})`]);
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidApiKeyConfigError(variable, ['must be a JSON array of { id, sha256, source, units }']);
  }
  const problems: string[] = [];
  const keys = parsed.map((entry, index) => parseEntry(entry, index, problems));
  const valid = keys.filter((k): k is ApiKey => k !== undefined);
  const ids = valid.map((k) => k.id);
  const duplicateIds = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicateIds.length > 0) problems.push(`duplicate ids ${[...new Set(duplicateIds)].join(', ')}`);
  const hashes = valid.map((k) => k.sha256.toString('hex'));
  const sharedHash = valid.filter((_, i) => hashes.indexOf(hashes[i]) !== i).map((k) => k.id);
  if (sharedHash.length > 0)
    problems.push(`ids ${sharedHash.join(', ')} repeat the sha256 of an earlier entry`);
  if (problems.length > 0) throw new InvalidApiKeyConfigError(variable, problems);
  return valid;
}

export interface ApiKeySettings {
  INGEST_API_KEYS?: string;
  INGEST_API_KEYS_FILE?: string;
}

/** Reads the keys from INGEST_API_KEYS or the file INGEST_API_KEYS_FILE names; neither means none. */
export function loadApiKeyConfig(settings: ApiKeySettings, readFile: (path: string) => string): ApiKey[] {
  const { INGEST_API_KEYS: inline, INGEST_API_KEYS_FILE: file } = settings;
  if (inline !== undefined && file !== undefined) {
    throw new InvalidApiKeyConfigError('INGEST_API_KEYS', [
      'set INGEST_API_KEYS or INGEST_API_KEYS_FILE, not both',
    ]);
  }
  if (inline !== undefined) return parseApiKeyConfig(inline, 'INGEST_API_KEYS');
  if (file === undefined) return [];
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    throw new InvalidApiKeyConfigError('INGEST_API_KEYS_FILE', [
      `cannot read ${file}: ${(error as Error).message}`,
    ]);
  }
  return parseApiKeyConfig(text, `INGEST_API_KEYS_FILE (${file})`);
}

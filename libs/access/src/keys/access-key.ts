import { isSourceId, isUnitCodeFormat, SOURCE_IDS, type SourceId } from '@libs/contracts';
import { isRole, ROLES, type Principal } from '../principal';

/** A key as the apps hold it: the principal it stands for and the SHA-256 of its secret, never the secret. */
export interface AccessKey extends Principal {
  sha256: Buffer;
}

/** Stands alone in `units` or `sources` for every unit or every source. */
export const ALL = '*';

export class InvalidAccessKeyError extends Error {
  constructor(
    readonly variable: string,
    readonly problems: string[],
  ) {
    super(`Invalid ${variable}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidAccessKeyError';
  }
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const FIELDS = new Set(['id', 'sha256', 'role', 'units', 'sources']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function listOf<T extends string>(
  value: unknown,
  field: string,
  isValid: (item: string) => boolean,
  describe: string,
  problems: string[],
): readonly T[] | 'all' | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((u) => typeof u === 'string')) {
    problems.push(`${field} must be a non-empty array of ${describe}, or ["${ALL}"]`);
    return undefined;
  }
  const items = value;
  if (items.includes(ALL)) {
    if (items.length === 1) return 'all';
    problems.push(`${field} may hold "${ALL}" only on its own`);
    return undefined;
  }
  const invalid = items.filter((item) => !isValid(item));
  if (invalid.length > 0) {
    problems.push(`${field} ${invalid.join(', ')} are not ${describe}`);
    return undefined;
  }
  return [...new Set(items)].sort() as T[];
}

/** The problems of one principal description { id, role, units, sources? }, prefixed for the message. */
export function parsePrincipal(
  entry: Record<string, unknown>,
  problems: string[],
  at = '',
): Principal | undefined {
  const local: string[] = [];
  if (typeof entry.id !== 'string' || !KEY_ID_PATTERN.test(entry.id)) {
    local.push('id must be 1-64 characters of letters, digits, . _ -');
  }
  if (!isRole(entry.role)) local.push(`role must be one of ${ROLES.join(', ')}`);
  const units = listOf<string>(
    entry.units,
    'units',
    isUnitCodeFormat,
    'unit codes of 2, 3 or 5 digits',
    local,
  );
  let sources: readonly SourceId[] | 'all' | undefined = 'all';
  if (entry.role === 'connector') {
    sources = listOf<SourceId>(
      entry.sources,
      'sources',
      isSourceId,
      `sources (${SOURCE_IDS.join(', ')})`,
      local,
    );
  } else if (entry.sources !== undefined) {
    local.push('sources is only for connectors');
  }
  problems.push(...local.map((p) => `${at}${p}`));
  if (local.length > 0 || units === undefined || sources === undefined) return undefined;
  return { id: entry.id as string, role: entry.role as Principal['role'], units, sources };
}

function parseEntry(entry: unknown, index: number, problems: string[]): AccessKey | undefined {
  if (!isRecord(entry)) {
    problems.push(`entry ${index}: must be an object { id, sha256, role, units, sources? }`);
    return undefined;
  }
  const before = problems.length;
  const at =
    typeof entry.id === 'string' && entry.id !== ''
      ? `entry ${index} (id "${entry.id}"): `
      : `entry ${index}: `;
  const unknown = Object.keys(entry).filter((k) => !FIELDS.has(k));
  if (unknown.length > 0) problems.push(`${at}unknown fields ${unknown.join(', ')}`);
  // The hash itself is not echoed: it is not the key, but there is no reason to spread it.
  if (typeof entry.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256)) {
    problems.push(`${at}sha256 must be the 64 hex characters of the key's SHA-256`);
  }
  const principal = parsePrincipal(entry, problems, at);
  if (problems.length > before || principal === undefined) return undefined;
  return { ...principal, sha256: Buffer.from(entry.sha256 as string, 'hex') };
}

/** Problems shared by any set of keys, wherever they come from: repeated ids or hashes. */
export function duplicatesAmong(keys: readonly AccessKey[]): string[] {
  const problems: string[] = [];
  const ids = keys.map((k) => k.id);
  const duplicateIds = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicateIds.length > 0) problems.push(`duplicate ids ${[...new Set(duplicateIds)].join(', ')}`);
  const hashes = keys.map((k) => k.sha256.toString('hex'));
  const sharedHash = keys.filter((_, i) => hashes.indexOf(hashes[i]) !== i).map((k) => k.id);
  if (sharedHash.length > 0)
    problems.push(`ids ${sharedHash.join(', ')} repeat the sha256 of an earlier entry`);
  return problems;
}

/**
 * Parses keys configured as a JSON array of { id, sha256, role, units, sources? }, reporting every
 * problem at once and naming `variable`. The text is never echoed back.
 */
export function parseAccessKeys(text: string, variable: string): AccessKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidAccessKeyError(variable, [`not JSON (${(error as Error).message})`]);
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidAccessKeyError(variable, [
      'must be a JSON array of { id, sha256, role, units, sources? }',
    ]);
  }
  const problems: string[] = [];
  const keys = parsed.map((entry, index) => parseEntry(entry, index, problems));
  const valid = keys.filter((k): k is AccessKey => k !== undefined);
  problems.push(...duplicatesAmong(valid));
  if (problems.length > 0) throw new InvalidAccessKeyError(variable, problems);
  return valid;
}

export interface AccessKeySettings {
  COC_ACCESS_KEYS?: string;
  COC_ACCESS_KEYS_FILE?: string;
}

/** Keys from COC_ACCESS_KEYS or the file COC_ACCESS_KEYS_FILE names; neither means none. */
export function loadEnvAccessKeys(
  settings: AccessKeySettings,
  readFile: (path: string) => string,
): AccessKey[] {
  const { COC_ACCESS_KEYS: inline, COC_ACCESS_KEYS_FILE: file } = settings;
  if (inline !== undefined && file !== undefined) {
    throw new InvalidAccessKeyError('COC_ACCESS_KEYS', [
      'set COC_ACCESS_KEYS or COC_ACCESS_KEYS_FILE, not both',
    ]);
  }
  if (inline !== undefined) return parseAccessKeys(inline, 'COC_ACCESS_KEYS');
  if (file === undefined) return [];
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    throw new InvalidAccessKeyError('COC_ACCESS_KEYS_FILE', [
      `cannot read ${file}: ${(error as Error).message}`,
    ]);
  }
  return parseAccessKeys(text, `COC_ACCESS_KEYS_FILE (${file})`);
}

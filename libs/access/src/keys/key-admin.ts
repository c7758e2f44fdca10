import { parsePrincipal } from './access-key';
import { newKeySecret, sha256Of } from './key-hash';
import type { KeyStore, StoredKey } from './key-store.port';

/** What `coc access issue` records and prints once: the secret is shown to the operator, never stored. */
export interface IssuedKey {
  key: StoredKey;
  secret: string;
}

export class KeyAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyAdminError';
  }
}

async function find(store: KeyStore, id: string): Promise<StoredKey | undefined> {
  return (await store.list()).find((k) => k.id === id);
}

/** Issues a new key for a principal description { id, role, units, sources? }; the id must be new. */
export async function issueKey(
  store: KeyStore,
  description: Record<string, unknown>,
  now = new Date(),
): Promise<IssuedKey> {
  const problems: string[] = [];
  const principal = parsePrincipal(description, problems);
  if (!principal) throw new KeyAdminError(problems.join('; '));
  if (await find(store, principal.id))
    throw new KeyAdminError(`key ${principal.id} exists; rotate or revoke it`);
  const secret = newKeySecret();
  const key: StoredKey = { ...principal, sha256: sha256Of(secret), createdAt: now };
  await store.save(key);
  return { key, secret };
}

/** Replaces an active key's secret; the old one stops working within the apps' refresh delay. */
export async function rotateKey(store: KeyStore, id: string): Promise<IssuedKey> {
  const current = await find(store, id);
  if (!current || current.revokedAt) throw new KeyAdminError(`no active key ${id}`);
  const secret = newKeySecret();
  const key: StoredKey = { ...current, sha256: sha256Of(secret) };
  await store.save(key);
  return { key, secret };
}

/** Revokes a key: the apps refuse it, and the tokens issued from it, within their refresh delay. */
export async function revokeKey(store: KeyStore, id: string, now = new Date()): Promise<StoredKey> {
  const current = await find(store, id);
  if (!current) throw new KeyAdminError(`no key ${id}`);
  if (current.revokedAt) return current;
  const key: StoredKey = { ...current, revokedAt: now };
  await store.save(key);
  return key;
}

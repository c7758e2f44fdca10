import type { AccessKey } from './access-key';

/** A key as the shared store keeps it: revoked keys stay listed, so `coc access list` shows them. */
export interface StoredKey extends AccessKey {
  createdAt: Date;
  revokedAt?: Date;
}

/** Where issued keys live, shared by every app; the admin command writes, the apps read. */
export interface KeyStore {
  list(): Promise<StoredKey[]>;
  save(key: StoredKey): Promise<void>;
}

export const KEY_STORE = Symbol('KEY_STORE');

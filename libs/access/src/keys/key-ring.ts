import type { Principal } from '../principal';
import type { AccessKey } from './access-key';
import { matchKey } from './key-hash';
import type { KeyStore } from './key-store.port';

const principalOf = ({ id, role, units, sources }: AccessKey): Principal => ({ id, role, units, sources });

/**
 * The keys an app accepts: those of its environment and the active ones of the shared store, read
 * again when older than `refreshMs`, so a key revoked with `coc access revoke` stops working within
 * that delay without a restart. A failing store fails a stored key's request (503), it is never ignored;
 * environment keys need no store.
 */
export class KeyRing {
  private cached: { keys: AccessKey[]; readAt: number } | undefined;
  private reading: Promise<AccessKey[]> | undefined;

  constructor(
    private readonly envKeys: readonly AccessKey[],
    private readonly store: KeyStore | undefined,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal of a presented secret, or undefined when no active key has its hash. */
  async authenticate(secret: string): Promise<Principal | undefined> {
    // An environment key needs no store, so it still works (e.g. for health details) while the store is down.
    const key = matchKey(secret, this.envKeys) ?? matchKey(secret, await this.storedKeys());
    return key && principalOf(key);
  }

  /** The principal of an active key by id: how a token's key is checked for revocation. */
  async principal(id: string): Promise<Principal | undefined> {
    const key = this.envKeys.find((k) => k.id === id) ?? (await this.storedKeys()).find((k) => k.id === id);
    return key && principalOf(key);
  }

  /** Reads the store now (joining a read in flight): how live sockets learn of revocations on time. */
  async refresh(): Promise<void> {
    await this.readOnce();
  }

  private async storedKeys(): Promise<AccessKey[]> {
    if (this.cached && this.now() - this.cached.readAt < this.refreshMs) return this.cached.keys;
    return this.readOnce();
  }

  private readOnce(): Promise<AccessKey[]> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<AccessKey[]> {
    const readAt = this.now();
    const envIds = new Set(this.envKeys.map((k) => k.id));
    // An id configured in the environment is the install's own decision; the store cannot override it.
    const stored = this.store
      ? (await this.store.list()).filter((k) => k.revokedAt === undefined && !envIds.has(k.id))
      : [];
    this.cached = { keys: stored, readAt };
    return stored;
  }
}

import type { Principal } from '../principal';
import type { AccessKey } from './access-key';
import { matchKey } from './key-hash';
import type { KeyStore } from './key-store.port';

const principalOf = ({ id, role, units, sources }: AccessKey): Principal => ({ id, role, units, sources });

/**
 * The keys an app accepts: those of its environment and the active ones of the shared store, read
 * again when older than `refreshMs`, so a key revoked with `coc access revoke` stops working within
 * that delay without a restart. A failing store fails the request (503), it is never ignored.
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
    const key = matchKey(secret, await this.keys());
    return key && principalOf(key);
  }

  /** The principal of an active key by id: how a token's key is checked for revocation. */
  async principal(id: string): Promise<Principal | undefined> {
    const key = (await this.keys()).find((k) => k.id === id);
    return key && principalOf(key);
  }

  private async keys(): Promise<AccessKey[]> {
    if (this.cached && this.now() - this.cached.readAt < this.refreshMs) return this.cached.keys;
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
    const keys = [...this.envKeys, ...stored];
    this.cached = { keys, readAt };
    return keys;
  }
}

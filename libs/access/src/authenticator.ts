import type { IncomingHttpHeaders } from 'node:http';
import { presentedCredential } from './keys/key-hash';
import type { Principal } from './principal';
import type { KeyRing } from './keys/key-ring';
import { looksLikeToken, type AccessTokens } from './tokens/access-tokens';

/**
 * Turns a presented credential — a key, or a token issued from one — into a principal. A token
 * counts only while its key is still active with the same role, so revoking a key also ends the
 * tokens issued from it within the key ring's refresh delay.
 */
export class Authenticator {
  constructor(
    private readonly keys: KeyRing,
    private readonly tokens: AccessTokens,
  ) {}

  async authenticate(credential: string): Promise<Principal | undefined> {
    if (!looksLikeToken(credential)) return this.keys.authenticate(credential);
    const claims = await this.tokens.verify(credential);
    if (!claims) return undefined;
    const principal = await this.keys.principal(claims.keyId);
    return principal?.role === claims.role ? principal : undefined;
  }

  /** The principal a request's headers present, if any; for public routes that say more to some roles. */
  async principalOf(headers: IncomingHttpHeaders): Promise<Principal | undefined> {
    const credential = presentedCredential(headers);
    return credential === undefined ? undefined : this.authenticate(credential);
  }
}

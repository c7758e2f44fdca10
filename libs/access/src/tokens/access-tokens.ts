import { SignJWT, errors, jwtVerify } from 'jose';
import { isRole, type Principal, type Role } from '../principal';

const ISSUER = 'coc-stream';
const ALGORITHM = 'HS256';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A token's claims: which key it was issued from and that key's role then. */
export interface TokenClaims {
  keyId: string;
  role: Role;
}

/** A JWT has three dot-separated parts; keys never contain a dot. */
export const looksLikeToken = (credential: string): boolean => credential.split('.').length === 3;

/**
 * Short-lived signed tokens (JWT, HS256) for browsers, so a wall screen or a viewer never holds a
 * long-lived key. Every instance that verifies must share the secret.
 */
export class AccessTokens {
  private readonly secret: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ role: principal.role })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setSubject(principal.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.secret);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a valid, unexpired token; undefined for anything else (bad signature, expired, malformed). */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
        currentDate: new Date(this.now()),
      });
      if (typeof payload.sub !== 'string' || !isRole(payload.role)) return undefined;
      return { keyId: payload.sub, role: payload.role };
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }
}

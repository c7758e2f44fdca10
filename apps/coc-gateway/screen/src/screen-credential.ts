/**
 * A wall screen's credential: the short-lived token the gateway issues (POST /api/v1/access/token),
 * renewed with itself before it expires, so a kiosk runs for days. The installation key, when the
 * address carried one, is kept on the device only to start again after a long outage.
 */
export interface IssuedToken {
  token: string;
  expiresAt: string;
}

/** When to renew: at two thirds of the remaining life, at least 10 s ahead, never in the past. */
export function renewDelay(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now;
  return Math.max(1_000, Math.min((left * 2) / 3, left - 10_000));
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

const TOKEN = 'coc-screen-token';
const KEY = 'coc-screen-key';

export class ScreenCredential {
  private current?: string;

  constructor(
    private readonly store: Store,
    private readonly issue: (bearer: string) => Promise<IssuedToken>,
    fromAddress: { token?: string; key?: string },
  ) {
    if (fromAddress.key) this.store.setItem(KEY, fromAddress.key);
    this.current = fromAddress.token ?? this.store.getItem(TOKEN) ?? undefined;
  }

  /** The token to present now (none: the gateway runs without access control). */
  get token(): string | undefined {
    return this.current;
  }

  get configured(): boolean {
    return this.current !== undefined || this.store.getItem(KEY) !== null;
  }

  /** A fresh token from the current one, else from the installation key; its expiry. */
  async renew(): Promise<IssuedToken> {
    const key = this.store.getItem(KEY);
    let issued: IssuedToken | undefined;
    if (this.current) issued = await this.issue(this.current).catch(() => undefined);
    if (!issued && key) issued = await this.issue(key);
    if (!issued) throw new Error('the screen token expired and no installation key is stored');
    this.current = issued.token;
    this.store.setItem(TOKEN, issued.token);
    return issued;
  }
}

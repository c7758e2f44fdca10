import { ScreenCredential, renewDelay, type IssuedToken } from './screen-credential';

function memoryStore() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('ScreenCredential', () => {
  it('renews with the current token, and falls back to the installation key once that is refused', async () => {
    const asked: string[] = [];
    const issue = (bearer: string): Promise<IssuedToken> => {
      asked.push(bearer);
      return bearer === 'expired'
        ? Promise.reject(new Error('401'))
        : Promise.resolve({ token: `t-from-${bearer}`, expiresAt: '2026-12-01T10:15:00Z' });
    };
    const store = memoryStore();
    const credential = new ScreenCredential(store, issue, { token: 'expired', key: 'install-key' });
    expect((await credential.renew()).token).toBe('t-from-install-key');
    expect(asked).toEqual(['expired', 'install-key']);
    // A reload of the page (a new release) starts from the stored token.
    const reloaded = new ScreenCredential(store, issue, {});
    expect(reloaded.token).toBe('t-from-install-key');
    expect((await reloaded.renew()).token).toBe('t-from-t-from-install-key');
  });

  it('renews at two thirds of the remaining life', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(renewDelay('2026-12-01T10:15:00Z', now)).toBe(600_000);
    expect(renewDelay('2026-12-01T10:00:05Z', now)).toBe(1_000);
  });
});

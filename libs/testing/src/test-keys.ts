import { newKeySecret, sha256Of, type Role } from '@libs/access';
import type { SourceId } from '@libs/contracts';

/** A key a test issues: the secret it presents and the principal configured for it. */
export interface TestKey {
  id: string;
  role: Role;
  units: string[];
  sources?: SourceId[];
  secret: string;
}

export function testKey(id: string, role: Role, units: string[], sources?: SourceId[]): TestKey {
  return { id, role, units, ...(sources ? { sources } : {}), secret: newKeySecret() };
}

/** A token secret shared by the test's gateway instances. */
export const TEST_TOKEN_SECRET = 'test-token-secret-of-at-least-32-characters';

/** The environment that makes an app accept these keys (hashed, like a real install). */
export function accessEnvFor(keys: readonly TestKey[]): Record<string, string> {
  const entries = keys.map(({ secret, ...principal }) => ({
    ...principal,
    sha256: sha256Of(secret).toString('hex'),
  }));
  return { COC_ACCESS_KEYS: JSON.stringify(entries), COC_ACCESS_TOKEN_SECRET: TEST_TOKEN_SECRET };
}

/** Headers presenting a key or token. */
export const bearer = (credential: string): Record<string, string> => ({
  authorization: `Bearer ${credential}`,
});

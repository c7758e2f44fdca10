import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SOURCE_IDS } from '@libs/contracts';
import { newKeySecret, sha256Of } from '@libs/access';

/** The keys the one-process COC issues itself on its first start, kept in its data directory. */
export interface EmbeddedCredentials {
  /** The demo traffic's connector key (all four sources of the demo commune). */
  connectorKey: string;
  /** Traded for the wall screen's short-lived token; never given to a browser. */
  screenKey: string;
  /** For the operator: the admin API, key management, the OpenAPI pages. */
  adminKey: string;
  tokenSecret: string;
}

/**
 * Loads the credentials of this data directory, issuing them on the first start. The secrets file is
 * readable by its owner only; the keys file the apps load holds only hashes, like any installation's.
 */
export function embeddedCredentials(
  dataDir: string,
  unitCode: string,
): { credentials: EmbeddedCredentials; keysFile: string } {
  const dir = join(dataDir, 'access');
  const secretsFile = join(dir, 'secrets.json');
  const keysFile = join(dir, 'keys.json');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(secretsFile)) {
    const issued: EmbeddedCredentials = {
      connectorKey: newKeySecret(),
      screenKey: newKeySecret(),
      adminKey: newKeySecret(),
      tokenSecret: randomBytes(32).toString('base64url'),
    };
    writeFileSync(secretsFile, JSON.stringify(issued, null, 2), { mode: 0o600 });
  }
  const credentials = JSON.parse(readFileSync(secretsFile, 'utf8')) as EmbeddedCredentials;
  const hash = (secret: string) => sha256Of(secret).toString('hex');
  const keys = [
    {
      id: 'embedded-demo-connector',
      sha256: hash(credentials.connectorKey),
      role: 'connector',
      units: [unitCode],
      sources: [...SOURCE_IDS],
    },
    { id: 'embedded-screen', sha256: hash(credentials.screenKey), role: 'screen', units: [unitCode] },
    { id: 'embedded-admin', sha256: hash(credentials.adminKey), role: 'admin', units: ['*'] },
  ];
  writeFileSync(keysFile, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return { credentials, keysFile };
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import provideTestServices from '../../test/setup/global-setup';
import releaseTestServices from '../../test/setup/global-teardown';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** What the scenarios may read: the services' addresses and credentials, nothing else of the shell's. */
const SERVICE_VARIABLE = /^(KAFKA_|CLICKHOUSE_|COC_LOCAL_)/;

/**
 * Kafka and ClickHouse exactly as the integration tests get them (test/setup): KAFKA_BROKERS and
 * CLICKHOUSE_URL when set, else deploy/local/services.sh install + start; the SCRAM credentials
 * and the read-only ClickHouse user come with them. `release` stops only what this run started.
 */
export async function provideServices(): Promise<{
  env: Record<string, string>;
  release: () => Promise<void>;
}> {
  // The latency scenario samples the wall screen in Debian's Chromium, as the tests do.
  const tools = spawnSync('bash', [join(REPO_ROOT, 'deploy', 'local', 'services.sh'), 'install', 'tools'], {
    stdio: 'inherit',
  });
  if (tools.status !== 0)
    throw new Error(`deploy/local/services.sh install tools failed (exit ${tools.status ?? tools.signal})`);
  await provideTestServices();
  const missing = process.env.COC_TEST_SERVICES_MISSING;
  if (missing) throw new Error(`the bench needs real services; missing: ${missing}`);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => SERVICE_VARIABLE.test(entry[0]) && entry[1] !== undefined,
    ),
  );
  return { env, release: releaseTestServices };
}

const APPS = ['ingest', 'coc-gateway', 'ioc-sync'];

/**
 * Scenarios run the built apps, as deployed: `npm run build` first when dist/ lacks one of them.
 * Says whether it built.
 */
export function buildIfMissing(log: (line: string) => void): boolean {
  const missing = APPS.filter((app) => !existsSync(join(REPO_ROOT, 'dist', 'apps', app, 'main.js')));
  if (missing.length === 0) return false;
  log(`dist/ lacks ${missing.join(', ')}: npm run build`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
  return true;
}

import { Command } from 'commander';
import { ClickHouseKeyStore, issueKey, revokeKey, rotateKey, type StoredKey } from '@libs/access';
import { ClickHouseEnv, openAnalyticsStore } from '@libs/clickhouse';
import { loadEnv } from '@libs/platform';

const list = (value: string): string[] => value.split(',').map((s) => s.trim());

const describeKey = (key: StoredKey): string =>
  [
    key.id,
    key.role,
    `units=${key.units === 'all' ? '*' : key.units.join(',')}`,
    ...(key.role === 'connector' ? [`sources=${key.sources === 'all' ? '*' : key.sources.join(',')}`] : []),
    `created=${key.createdAt.toISOString()}`,
    key.revokedAt ? `revoked=${key.revokedAt.toISOString()}` : 'active',
  ].join('\t');

async function withStore<T>(run: (store: ClickHouseKeyStore) => Promise<T>): Promise<T> {
  const client = openAnalyticsStore(loadEnv(ClickHouseEnv));
  try {
    return await run(new ClickHouseKeyStore(client));
  } finally {
    await client.close();
  }
}

/** Prints a new secret once, on stdout only: it is stored nowhere, only its hash is. */
const printSecret = (id: string, secret: string) =>
  process.stdout.write(`${id}\n${secret}\n(shown once: only its SHA-256 is stored)\n`);

/**
 * `coc access`: the keys of the shared store (ClickHouse `access_keys`, via CLICKHOUSE_URL and
 * CLICKHOUSE_DATABASE with a user allowed to insert). No command takes a secret as an argument.
 */
export function accessCommand(): Command {
  const access = new Command('access').description(
    'issue, list, revoke and rotate access keys in the shared store (apps pick changes up within COC_ACCESS_KEY_REFRESH_MS)',
  );
  access
    .command('issue')
    .description('issue a key and print its secret once')
    .argument('<id>', 'key id: letters, digits, . _ -')
    .requiredOption('--role <role>', 'screen, viewer, connector, ioc or admin')
    .requiredOption('--units <codes>', 'comma-separated unit codes whose subtrees it covers, or *')
    .option('--sources <sources>', 'connectors only: comma-separated sources, or *')
    .action(async (id: string, options: { role: string; units: string; sources?: string }) => {
      const description = {
        id,
        role: options.role,
        units: list(options.units),
        ...(options.sources === undefined ? {} : { sources: list(options.sources) }),
      };
      const { secret } = await withStore((store) => issueKey(store, description));
      printSecret(id, secret);
    });
  access
    .command('list')
    .description('list keys (never their secrets)')
    .action(async () => {
      const keys = await withStore((store) => store.list());
      process.stdout.write(keys.map((k) => `${describeKey(k)}\n`).join(''));
    });
  access
    .command('revoke')
    .description('revoke a key and the tokens issued from it')
    .argument('<id>')
    .action(async (id: string) => {
      process.stdout.write(`${describeKey(await withStore((store) => revokeKey(store, id)))}\n`);
    });
  access
    .command('rotate')
    .description('give a key a new secret (printed once); the old one stops working')
    .argument('<id>')
    .action(async (id: string) => {
      const { secret } = await withStore((store) => rotateKey(store, id));
      printSecret(id, secret);
    });
  return access;
}

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClickHouseEnv,
  ClickHouseModule,
  analyticsDirectory,
  analyticsEngineOf,
  openAnalyticsStore,
  type AnalyticsStore,
} from '@libs/clickhouse';
import {
  BackupEnv,
  RetentionEnv,
  applyRetention,
  backupDatabase,
  restoreDatabase,
  retentionPolicyOf,
} from '@libs/operations';
import { loadEnv } from '@libs/platform';

type Command = (args: string[]) => Promise<void>;

const logger = new Logger('ingest');

function directoryArgument(args: string[], command: string): string {
  if (args.length !== 1) throw new Error(`usage: main.js ${command} <directory>`);
  return args[0];
}

/** The administrative store (the database itself may not exist, e.g. before a restore). */
async function withAdminStore(run: (env: ClickHouseEnv, client: AnalyticsStore) => Promise<void>) {
  const env = loadEnv(ClickHouseEnv);
  const client = openAnalyticsStore(env, 'default');
  try {
    await run(env, client);
  } finally {
    await client.close();
  }
}

/** Backups copy a server's part files; the embedded engine's whole state is its directory. */
function requireServer(env: ClickHouseEnv, command: string): void {
  if (analyticsEngineOf(env) === 'embedded')
    throw new Error(
      `${command} works on a ClickHouse server (CLICKHOUSE_URL); the embedded store keeps everything in ` +
        `${analyticsDirectory(env)}: stop the process and copy that directory instead`,
    );
}

/**
 * Operator commands of the schema's owner, run as `node dist/apps/ingest/main.js <command>` (npm
 * scripts migrate, backup, restore, retention). Each exits when done; none starts the consumer.
 */
export const OPERATOR_COMMANDS: Record<string, Command> = {
  /** Applies the schema migrations and exits. */
  async migrate() {
    const context = await NestFactory.createApplicationContext(ClickHouseModule.withMigrations());
    await context.close();
  },
  /** FREEZEs every table of CLICKHOUSE_DATABASE into <directory>; run where the server's files are. */
  async backup(args) {
    const target = directoryArgument(args, 'backup');
    const paths = { serverPath: loadEnv(BackupEnv).CLICKHOUSE_SERVER_PATH || undefined };
    await withAdminStore(async (env, client) => {
      requireServer(env, 'backup');
      const manifest = await backupDatabase(client, env.CLICKHOUSE_DATABASE, target, paths);
      logger.log(`backed up ${manifest.tables.length} tables and views of ${manifest.database} to ${target}`);
    });
  },
  /** Recreates the backed-up database (missing or empty) and attaches its parts. */
  async restore(args) {
    const source = directoryArgument(args, 'restore');
    const paths = { serverPath: loadEnv(BackupEnv).CLICKHOUSE_SERVER_PATH || undefined };
    await withAdminStore(async (env, client) => {
      requireServer(env, 'restore');
      const manifest = await restoreDatabase(client, source, paths);
      logger.log(`restored ${manifest.database} (backup of ${manifest.createdAt}) from ${source}`);
    });
  },
  /** One retention run now, with the configured limits. */
  async retention() {
    const retention = loadEnv(RetentionEnv);
    await withAdminStore(async (env) => {
      const client = openAnalyticsStore(env);
      try {
        const report = await applyRetention(
          client,
          env.CLICKHOUSE_DATABASE,
          retentionPolicyOf(retention),
          new Date(),
        );
        logger.log(
          `retention: dropped ${report.dropped.map((p) => `${p.table}:${p.partition}`).join(', ') || 'no partition'}, ${report.rejectsDeleted} rejects`,
        );
      } finally {
        await client.close();
      }
    });
  },
};

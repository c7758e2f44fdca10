import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startGateway } from '@libs/coc-gateway-app';
import { startIngest } from '@libs/ingest-app';
import { startIocSync } from '@libs/ioc-sync-app';
import { exitIfShutdownHangs, loadEnv } from '@libs/platform';
import { DemoTraffic } from './demo-traffic';
import { embeddedCredentials } from './embedded-credentials';
import { EmbeddedEnv } from './embedded.env';

const logger = new Logger('coc-embedded');

/**
 * A whole commune COC in one process: ingest, coc-gateway and ioc-sync, each exactly as deployed,
 * on the in-process event bus and the embedded analytics store (unless KAFKA_BROKERS and
 * CLICKHOUSE_URL name servers), plus the demo commune's simulated source systems.
 */
async function main(): Promise<void> {
  const env = loadEnv(EmbeddedEnv);
  const dataDir = resolve(env.COC_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const { credentials, keysFile } = embeddedCredentials(dataDir, env.COC_DEMO_UNIT_CODE);
  // The three apps read their settings from the environment; these are the embedded defaults.
  const defaults: Record<string, string> = {
    COC_DATA_DIR: dataDir,
    COC_ACCESS_KEYS_FILE: keysFile,
    COC_ACCESS_TOKEN_SECRET: credentials.tokenSecret,
    IOC_SYNC_ROLE: 'commune',
    IOC_SYNC_UNIT_CODE: env.COC_DEMO_UNIT_CODE,
    LOG_APP_NAME: 'coc-embedded',
    // A first run's terminal shows the address and any problem, not a line per request.
    LOG_LEVEL: 'warn',
  };
  for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;

  exitIfShutdownHangs(20_000);
  const started = Date.now();
  // Ingest first: it owns the schema and applies the migrations the other two check for.
  const apps: INestApplication[] = [await startIngest()];
  apps.push(await startGateway(join(__dirname, 'screen')), await startIocSync());
  const ingestUrl = await apps[0].getUrl();
  const gatewayUrl = (await apps[1].getUrl()).replace('[::1]', '127.0.0.1');

  const traffic = env.COC_DEMO_TRAFFIC
    ? new DemoTraffic({
        dataDir,
        unitCode: env.COC_DEMO_UNIT_CODE,
        historyDays: env.COC_DEMO_HISTORY_DAYS,
        tickMs: env.COC_DEMO_TICK_MS,
        ingestUrl,
        connectorKey: credentials.connectorKey,
      })
    : undefined;
  const stop = async () => {
    await traffic?.stop();
    for (const app of apps.reverse()) await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (traffic) {
    process.stdout.write(
      `publishing the demo commune's history (${env.COC_DEMO_HISTORY_DAYS} days) through ingest…\n`,
    );
    await traffic.start();
  }

  const token = await screenToken(gatewayUrl, credentials.screenKey);
  process.stdout.write(
    `\nCOC Stream ready in ${((Date.now() - started) / 1000).toFixed(1)} s; data in ${dataDir}\n` +
      `COC wall screen: ${gatewayUrl}/screen/?unit=${env.COC_DEMO_UNIT_CODE}&token=${token}\n` +
      `Admin key (API, OpenAPI at ${gatewayUrl}/api/docs): in ${join(dataDir, 'access', 'secrets.json')}\n\n`,
  );
}

/** The page never holds a key: it gets a short-lived token, which it renews itself. */
async function screenToken(gatewayUrl: string, screenKey: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/v1/access/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${screenKey}` },
  });
  if (!response.ok)
    throw new Error(`the gateway refused the screen key: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { freePort } from './free-port';
import { spawnBuiltApp, type AppProcess } from './app-process';

/** The server addresses and credentials that would switch the embedded process to servers. */
const SERVER_VARIABLES = [
  'KAFKA_BROKERS',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'CLICKHOUSE_URL',
  'CLICKHOUSE_USER',
  'CLICKHOUSE_PASSWORD',
  'CLICKHOUSE_READER_USER',
  'CLICKHOUSE_READER_PASSWORD',
];

export interface EmbeddedProcess extends Omit<AppProcess, 'url'> {
  readonly ingestUrl: string;
  readonly gatewayUrl: string;
  /** The wall-screen address it printed, with its screen token. */
  readonly screenUrl: string;
}

/**
 * Starts the built one-process COC (`dist/apps/coc-embedded/main.js`) on its embedded defaults (no
 * Kafka, no ClickHouse server: the variables naming them are removed) with data in `dataDir`, and
 * waits for the wall-screen address it prints when ready.
 */
export async function startEmbedded(
  dataDir: string,
  env: Record<string, string> = {},
  { readyTimeoutMs = 180_000 } = {},
): Promise<EmbeddedProcess> {
  const [gatewayPort, ingestPort, syncPort] = [await freePort(), await freePort(), await freePort()];
  const servers = Object.fromEntries(SERVER_VARIABLES.map((name) => [name, undefined]));
  const app = spawnBuiltApp(
    'coc-embedded',
    {
      ...servers,
      COC_DATA_DIR: dataDir,
      COC_GATEWAY_PORT: String(gatewayPort),
      INGEST_HTTP_PORT: String(ingestPort),
      IOC_SYNC_PORT: String(syncPort),
      ...env,
    },
    `coc-embedded-${gatewayPort}`,
  );
  const lines = createInterface({ input: app.child.stdout! });
  const timer = setTimeout(() => app.child.kill('SIGKILL'), readyTimeoutMs);
  try {
    const printed = new Promise<string>((resolve) =>
      lines.on('line', (line) => {
        const match = /^COC wall screen: (\S+)/.exec(line);
        if (match) resolve(match[1]);
      }),
    );
    const exit = once(app.child, 'exit').then(
      ([code, signal]) =>
        new Error(`coc-embedded exited (${String(code ?? signal)}) before it was ready; see ${app.logFile}`),
    );
    const screenUrl = await Promise.race([printed, exit]);
    if (screenUrl instanceof Error) throw screenUrl;
    return {
      ...app,
      ingestUrl: `http://127.0.0.1:${ingestPort}`,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
      screenUrl,
    };
  } finally {
    clearTimeout(timer);
  }
}

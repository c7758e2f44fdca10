import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from './free-port';

const SERVICES_SH = resolve(__dirname, '..', '..', '..', 'deploy', 'local', 'services.sh');

/** A ClickHouse server of the test's own, which the test may stop and start at will. */
export interface PrivateClickHouse {
  readonly url: string;
  /** SIGTERM, then SIGKILL after 3 s (a loaded server drains keep-alive clients for long); data survives. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and data, resolving once it answers queries. */
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
  /** Freezes the server (SIGSTOP): requests hang unanswered, like a server stuck on its disk. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  /** The server's data directory (its `<path>`), where FREEZE writes shadow/ and ATTACH reads detached/. */
  readonly dataPath: string;
}

function run(command: 'start' | 'stop', env: NodeJS.ProcessEnv): Promise<void> {
  // Asynchronous on purpose: the test keeps polling and publishing while the server stops or starts.
  return new Promise((done, fail) => {
    execFile('bash', [SERVICES_SH, command, 'clickhouse'], { env }, (error, stdout, stderr) => {
      if (error)
        fail(new Error(`services.sh ${command} clickhouse failed: ${error.message}\n${stdout}${stderr}`));
      else done();
    });
  });
}

/**
 * Starts a private ClickHouse with deploy/local/services.sh (own data directory, own free ports),
 * independent of the shared test services, so that a test can take it away under load.
 * `configFiles` are written into the server's directory first, by path relative to its config.xml:
 * `config.d/*.xml` and `users.d/*.xml` are merged into the server's configuration and users.
 */
export async function startPrivateClickHouse(
  configFiles: Readonly<Record<string, string>> = {},
): Promise<PrivateClickHouse> {
  const dir = mkdtempSync(join(tmpdir(), 'coc-private-clickhouse-'));
  for (const [path, content] of Object.entries(configFiles)) {
    const file = join(dir, 'clickhouse', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content, { mode: 0o600 });
  }
  const httpPort = await freePort();
  let tcpPort = await freePort();
  while (tcpPort === httpPort) tcpPort = await freePort();
  const env = {
    ...process.env,
    COC_LOCAL_DIR: dir,
    COC_LOCAL_CLICKHOUSE_HTTP_PORT: String(httpPort),
    COC_LOCAL_CLICKHOUSE_TCP_PORT: String(tcpPort),
    COC_LOCAL_STOP_TIMEOUT: '3',
  };
  await run('start', env);
  const signal = (name: NodeJS.Signals) =>
    process.kill(Number(readFileSync(join(dir, 'clickhouse.pid'), 'utf8').trim()), name);
  return {
    url: `http://127.0.0.1:${httpPort}`,
    dataPath: join(dir, 'clickhouse', 'data'),
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    stop: () => run('stop', env),
    start: () => run('start', env),
    async destroy() {
      await run('stop', env);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

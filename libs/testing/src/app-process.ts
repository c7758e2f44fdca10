import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './free-port';
import { gatewayClickHouseEnv } from './test-services';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export type AppName = 'ingest' | 'coc-gateway' | 'ioc-sync';

/** The variable each app reads its HTTP port from. */
const PORT_VARIABLE: Record<AppName, string> = {
  ingest: 'INGEST_HTTP_PORT',
  'coc-gateway': 'COC_GATEWAY_PORT',
  'ioc-sync': 'IOC_SYNC_PORT',
};

/** A built app running as its own process, exactly as deployed. */
export interface AppProcess {
  readonly url: string;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Graceful stop (SIGTERM), as an operator or orchestrator would. */
  stop(): Promise<void>;
  /** Crash (SIGKILL): no shutdown hooks, no final commit. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `dist/apps/<name>/main.js` with the given env on the given port (a free one when omitted)
 * and waits until its /health answers 200. Output goes to test-results/<name>-<port>.log.
 * coc-gateway always runs as the read-only ClickHouse user, as deployed.
 */
export async function startApp(
  name: AppName,
  env: Record<string, string>,
  port?: number,
  { healthTimeoutMs = 60_000 } = {},
): Promise<AppProcess> {
  if (port === undefined) {
    port = await freePort();
    env = { ...env, [PORT_VARIABLE[name]]: String(port) };
  }
  if (name === 'coc-gateway') env = { ...env, ...gatewayClickHouseEnv() };
  const url = `http://127.0.0.1:${port}`;
  const started: AppProcess = { ...spawnBuiltApp(name, env, `${name}-${port}`), url };
  const { logFile, child } = started;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${name} exited with code ${child.exitCode}; see ${logFile}`);
        const res = await fetch(`${url}/health`);
        if (res.status !== 200)
          throw new Error(`${name} /health answered ${res.status}: ${await res.text()}`);
      },
      { timeoutMs: healthTimeoutMs, intervalMs: 250 },
    );
  } catch (error) {
    await started.kill();
    throw error;
  }
  return started;
}

/** A built app's process: output to test-results/<logName>.log, stopped gracefully or killed. */
export function spawnBuiltApp(
  name: string,
  env: Record<string, string | undefined>,
  logName: string,
): Omit<AppProcess, 'url'> {
  const main = join(REPO_ROOT, 'dist', 'apps', name, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
  const logDir = join(REPO_ROOT, 'test-results');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${logName}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return {
    logFile,
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

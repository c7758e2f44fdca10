// Shared by global-setup.ts and global-teardown.ts: where real Kafka / ClickHouse come from in
// integration and e2e runs, and the record of what the setup started (so teardown stops only that).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type ServiceName = 'kafka' | 'clickhouse';
/** env: address given by KAFKA_BROKERS / CLICKHOUSE_URL; docker: testcontainers; local: deploy/local/services.sh. */
export type ServicePath = 'env' | 'docker' | 'local';

export interface ServiceRecord {
  service: ServiceName;
  path: ServicePath;
  address: string;
  /** true only when this test run started it; teardown stops nothing else. */
  startedBySetup: boolean;
}

export const SERVICES: readonly ServiceName[] = ['kafka', 'clickhouse'];
export const ENV_VAR: Readonly<Record<ServiceName, string>> = {
  kafka: 'KAFKA_BROKERS',
  clickhouse: 'CLICKHOUSE_URL',
};

export const SERVICES_SH = resolve(__dirname, '..', '..', 'deploy', 'local', 'services.sh');

/** Jest runs globalSetup and globalTeardown in the same process: the pid keeps parallel runs apart. */
export function stateFile(): string {
  return join(tmpdir(), `coc-stream-test-services-${process.pid}.json`);
}

export function writeState(records: readonly ServiceRecord[]): void {
  writeFileSync(stateFile(), `${JSON.stringify(records, null, 2)}\n`);
}

export function readState(): ServiceRecord[] {
  const file = stateFile();
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as ServiceRecord[];
}

export function removeState(): void {
  rmSync(stateFile(), { force: true });
}

/** Handles of containers started by the setup; same process as the teardown, so globalThis works. */
export interface StoppableContainer {
  stop(): Promise<unknown>;
}
const CONTAINERS_KEY = Symbol.for('coc-stream.test-containers');
type GlobalWithContainers = typeof globalThis & {
  [CONTAINERS_KEY]?: Partial<Record<ServiceName, StoppableContainer>>;
};

export function containers(): Partial<Record<ServiceName, StoppableContainer>> {
  const g = globalThis as GlobalWithContainers;
  g[CONTAINERS_KEY] ??= {};
  return g[CONTAINERS_KEY];
}

export type ServicesShMode = 'inherit' | 'quiet' | 'capture';

/** Runs deploy/local/services.sh; 'inherit' shows its output in the CI log. */
export function servicesSh(args: readonly string[], mode: ServicesShMode): SpawnSyncReturns<string> {
  return spawnSync('bash', [SERVICES_SH, ...args], {
    env: process.env,
    encoding: 'utf8',
    stdio: mode === 'inherit' ? 'inherit' : mode === 'quiet' ? 'ignore' : ['ignore', 'pipe', 'pipe'],
  });
}

export function say(line: string): void {
  process.stdout.write(`[test-services] ${line}\n`);
}

/** Hides a password in a URL before it is printed. */
export function redact(address: string): string {
  return address.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/** Stops what the setup itself started (containers, local services); leaves everything else running. */
export async function stopStarted(records: readonly ServiceRecord[]): Promise<void> {
  const errors: string[] = [];
  const ours = records.filter((r) => r.startedBySetup);
  for (const r of ours.filter((x) => x.path === 'docker')) {
    const container = containers()[r.service];
    if (!container) continue;
    try {
      await container.stop();
      delete containers()[r.service];
      say(`${r.service}: docker container stopped`);
    } catch (e) {
      errors.push(`${r.service}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // One services.sh call: it signals both services first, so they shut down in parallel.
  const local = ours.filter((x) => x.path === 'local').map((x) => x.service);
  if (local.length > 0) {
    const which = local.length === 2 ? 'all' : local[0];
    const res = servicesSh(['stop', which], 'inherit');
    if (res.status !== 0) errors.push(`deploy/local/services.sh stop ${which} exited ${res.status}`);
  }
  if (errors.length > 0) throw new Error(`[test-services] teardown failed: ${errors.join('; ')}`);
}

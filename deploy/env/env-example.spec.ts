import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, REGENERATE, REPO, envClassesByApp, envExamples } from './env-example';

const committed = (path: string) => {
  try {
    return readFileSync(join(REPO, path), 'utf8');
  } catch {
    return '(missing)';
  }
};

describe('.env.example files', () => {
  const byApp = envClassesByApp();

  it.each([...envExamples()])(`%s matches the env classes (else run ${REGENERATE})`, (path, generated) => {
    if (committed(path) !== generated)
      throw new Error(`${path} is stale: run \`${REGENERATE}\` and commit it`);
  });

  it('lists each app the env classes it loads', () => {
    const classes = (app: (typeof APPS)[number]) => byApp[app].map((c) => c.name);
    expect(classes('ingest')).toEqual(
      expect.arrayContaining(['IngestEnv', 'HttpIngestEnv', 'KafkaEnv', 'ClickHouseEnv', 'RetentionEnv']),
    );
    expect(classes('coc-gateway')).toEqual(
      expect.arrayContaining(['GatewayEnv', 'LiveScreenEnv', 'AccessEnv']),
    );
    expect(classes('coc-gateway')).not.toContain('IngestEnv');
    expect(classes('ioc-sync')).toEqual(expect.arrayContaining(['IocSyncEnv', 'ClickHouseEnv']));
    expect(classes('connector-cli')).toEqual(expect.arrayContaining(['ConnectorCliEnv', 'KafkaEnv']));
  });

  it('writes defaults as loadEnv would read them back, documents and marks what it must', () => {
    const ingest = committed('apps/ingest/.env.example');
    expect(ingest).toMatch(/^KAFKA_BROKERS=$/m);
    expect(ingest).toMatch(/^RETENTION_REJECTS_DAYS=90$/m);
    const gateway = committed('apps/coc-gateway/.env.example');
    expect(gateway).toMatch(/^COC_UNIT_PLANS='\{"\*":\[.+\]\}'$/m);
    // A default computed per host is described, not frozen into the file.
    expect(gateway).toMatch(/^# Default computed at start-up: .*hostname\(\).*\nCOC_GATEWAY_INSTANCE_ID=$/m);
    const undocumented = APPS.flatMap((app) => byApp[app].flatMap((c) => c.variables))
      .filter((v) => v.doc === '')
      .map((v) => v.name);
    expect(undocumented).toEqual([]);
  });
});

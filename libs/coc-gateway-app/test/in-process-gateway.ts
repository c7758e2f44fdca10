import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { SECURE_APP_OPTIONS } from '@libs/access';
import { MIGRATIONS, identifier, migrate, sql } from '@libs/clickhouse';
import { gatewayClickHouseEnv, testServices } from '@libs/testing';
import { configureGatewayApp } from '../src/gateway-app';
import { GatewayModule } from '../src/gateway.module';

export interface InProcessGateway {
  app: NestExpressApplication;
  url: string;
  /** The test's own database, as the migration user sees it. */
  clickhouse: AnalyticsStore;
  close(): Promise<void>;
}

/**
 * The gateway in this process on the real services, with its own database `id` (migrated as ingest
 * would: the gateway reads only, as the read-only ClickHouse user it is deployed with) and topics.
 */
export async function startInProcessGateway(
  id: string,
  env: Record<string, string>,
): Promise<InProcessGateway> {
  const services = testServices();
  Object.assign(process.env, {
    ...env,
    KAFKA_TOPIC_PREFIX: `${id}.`,
    CLICKHOUSE_DATABASE: id,
    COC_GATEWAY_INSTANCE_ID: id,
    ...gatewayClickHouseEnv(),
  });
  const clickhouse = createClient({ url: services.clickhouseUrl, database: id });
  const root = createClient({ url: services.clickhouseUrl });
  await migrate(root, clickhouse, id, MIGRATIONS).finally(() => root.close());
  const moduleRef = await Test.createTestingModule({ imports: [GatewayModule] }).compile();
  const app = configureGatewayApp(
    moduleRef.createNestApplication<NestExpressApplication>({ ...SECURE_APP_OPTIONS, logger: ['error'] }),
  );
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: await app.getUrl(),
    clickhouse,
    async close() {
      await app.close();
      await clickhouse.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
      await clickhouse.close();
    },
  };
}

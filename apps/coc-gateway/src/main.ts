import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SECURE_APP_OPTIONS } from '@libs/access';
import { useStructuredLogs } from '@libs/observability';
import { exitIfShutdownHangs } from '@libs/platform';
import { API_DOCS_PATH, SCREEN_PATH, configureGatewayApp } from './gateway-app';
import { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    ...SECURE_APP_OPTIONS,
    bufferLogs: true,
  });
  useStructuredLogs(app);
  configureGatewayApp(app);
  const env = app.get(GatewayEnv);
  const page = join(__dirname, 'screen');
  if (!existsSync(join(page, 'index.html'))) throw new Error(`${page} is missing: run "npm run build"`);
  // The wall-screen page is static and holds no data; its socket authenticates like any client.
  app.useStaticAssets(page, { prefix: `/${SCREEN_PATH}/`, index: 'index.html' });
  exitIfShutdownHangs(20_000);
  await app.listen(env.COC_GATEWAY_PORT, '0.0.0.0');
  new Logger('coc-gateway').log(
    `listening on ${env.COC_GATEWAY_PORT}; OpenAPI at /${API_DOCS_PATH}; wall screen at /${SCREEN_PATH}/?unit=<code>`,
  );
}

bootstrap().catch((error: unknown) => {
  new Logger('coc-gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

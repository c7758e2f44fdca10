import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SECURE_APP_OPTIONS } from '@libs/access';
import { useStructuredLogs } from '@libs/observability';
import { API_DOCS_PATH, SCREEN_PATH, configureGatewayApp } from './gateway-app';
import { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';

/**
 * Starts coc-gateway (KPI API, socket.io /live, the wall-screen page built into `screenDir`) and
 * listens on COC_GATEWAY_PORT.
 */
export async function startGateway(screenDir: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    ...SECURE_APP_OPTIONS,
    bufferLogs: true,
  });
  useStructuredLogs(app);
  configureGatewayApp(app);
  const env = app.get(GatewayEnv);
  if (!existsSync(join(screenDir, 'index.html')))
    throw new Error(`${screenDir} is missing: run "npm run build"`);
  // The wall-screen page is static and holds no data; its socket authenticates like any client.
  app.useStaticAssets(screenDir, { prefix: `/${SCREEN_PATH}/`, index: 'index.html' });
  await app.listen(env.COC_GATEWAY_PORT, '0.0.0.0');
  new Logger('coc-gateway').log(
    `listening on ${env.COC_GATEWAY_PORT}; OpenAPI at /${API_DOCS_PATH}; wall screen at /${SCREEN_PATH}/?unit=<code>`,
  );
  return app;
}

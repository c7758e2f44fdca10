import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { exitIfShutdownHangs } from '@libs/platform';
import { API_DOCS_PATH, configureGatewayApp } from './gateway-app';
import { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';

async function bootstrap(): Promise<void> {
  const app = configureGatewayApp(await NestFactory.create(GatewayModule));
  const env = app.get(GatewayEnv);
  exitIfShutdownHangs(20_000);
  await app.listen(env.COC_GATEWAY_PORT, '0.0.0.0');
  new Logger('coc-gateway').log(`listening on ${env.COC_GATEWAY_PORT}; OpenAPI at /${API_DOCS_PATH}`);
}

bootstrap().catch((error: unknown) => {
  new Logger('coc-gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

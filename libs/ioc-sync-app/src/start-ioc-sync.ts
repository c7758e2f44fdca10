import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useStructuredLogs } from '@libs/observability';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Authenticator, SECURE_APP_OPTIONS, requireRoles, secureHttpApp, useAuditTrail } from '@libs/access';
import { loadEnv } from '@libs/platform';
import { IocSyncEnv } from './ioc-sync.env';
import { IocSyncModule } from './ioc-sync.module';

/** Starts ioc-sync (outbox, delivery, receiver, IOC pull API) and listens on IOC_SYNC_PORT. */
export async function startIocSync(): Promise<NestExpressApplication> {
  const env = loadEnv(IocSyncEnv);
  const app = await NestFactory.create<NestExpressApplication>(IocSyncModule, {
    ...SECURE_APP_OPTIONS,
    bufferLogs: true,
  });
  useStructuredLogs(app);
  // First, so every pull, delivery and refusal is audited, the docs' admin check included.
  useAuditTrail(app);
  // Batches arrive gzip-compressed; body-parser inflates them and bounds the inflated size.
  secureHttpApp(app, [
    {
      path: '/api/v1/sync/batches',
      parse: 'json',
      limitBytes: env.IOC_SYNC_MAX_BODY_BYTES,
      limitVariable: 'IOC_SYNC_MAX_BODY_BYTES',
    },
  ]);
  app.useGlobalPipes(new ValidationPipe({ transform: true, forbidUnknownValues: true }));
  // The global guard does not reach Swagger's routes: admins only, as on the gateway.
  const adminsOnly = requireRoles(app.get(Authenticator), ['admin']);
  app.use((request: IncomingMessage & { path: string }, response: ServerResponse, next: () => void) =>
    request.path.startsWith('/api/docs') ? adminsOnly(request, response, next) : next(),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('COC Stream IOC sync')
      .setDescription(
        'Upward sync between commune COCs and district/province IOCs (outbox batches applied exactly once) and the ' +
          "IOC pull API: daily KPI figures of a unit's communes with a change cursor, and feed completeness.",
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.listen(env.IOC_SYNC_PORT, '0.0.0.0');
  return app;
}

import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AccessIoAdapter, Authenticator, requireRoles, secureHttpApp, useAuditTrail } from '@libs/access';

/** Where the OpenAPI description is served, to admins only: UI at /api/docs, JSON at /api/docs-json. */
export const API_DOCS_PATH = 'api/docs';
/** Where the wall-screen page is served: /screen/?unit=<code>. */
export const SCREEN_PATH = 'screen';

/**
 * HTTP settings shared by main and the tests, so both serve the same API. The app must be
 * created with SECURE_APP_OPTIONS.
 */
export function configureGatewayApp<A extends NestExpressApplication>(app: A): A {
  // First, so every refusal below it (limits, the docs' admin check, the guard, 404s) is audited too.
  useAuditTrail(app);
  secureHttpApp(app);
  app.useWebSocketAdapter(new AccessIoAdapter(app));
  app.useGlobalPipes(new ValidationPipe({ transform: true, forbidUnknownValues: true }));
  const adminsOnly = requireRoles(app.get(Authenticator), ['admin']);
  app.use((request: IncomingMessage & { path: string }, response: ServerResponse, next: () => void) =>
    request.path.startsWith(`/${API_DOCS_PATH}`) ? adminsOnly(request, response, next) : next(),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('COC Stream gateway')
      .setDescription(
        'KPIs of Vietnamese communes, districts and provinces, computed from the events of their source systems. ' +
          'Dates are local (Asia/Ho_Chi_Minh); a value without data is null with a reason, never 0.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
  return app;
}

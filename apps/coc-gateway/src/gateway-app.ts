import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the OpenAPI description is served: UI at /api/docs, JSON at /api/docs-json. */
export const API_DOCS_PATH = 'api/docs';
/** Where the wall-screen page is served: /screen/?unit=<code>. */
export const SCREEN_PATH = 'screen';

/** HTTP settings shared by main and the tests, so both serve the same API. */
export function configureGatewayApp<A extends INestApplication>(app: A): A {
  app.useGlobalPipes(new ValidationPipe({ transform: true, forbidUnknownValues: true }));
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
  app.enableShutdownHooks();
  return app;
}

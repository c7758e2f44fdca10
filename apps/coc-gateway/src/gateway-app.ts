import { ValidationPipe, type INestApplication } from '@nestjs/common';

/** HTTP settings shared by main and the tests, so both serve the same API. */
export function configureGatewayApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(new ValidationPipe({ transform: true, forbidUnknownValues: true }));
  app.enableShutdownHooks();
  return app;
}

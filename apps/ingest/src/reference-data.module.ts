import { Global, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AdministrativeHierarchy, HierarchyEnv, loadHierarchy } from '@libs/admin-units';
import { loadEnv } from '@libs/platform';

/** The administrative hierarchy, loaded once at start-up and shared by the Kafka and HTTP paths. */
@Global()
@Module({
  providers: [
    {
      provide: AdministrativeHierarchy,
      useFactory: () => loadHierarchy(loadEnv(HierarchyEnv), (path) => readFileSync(path, 'utf8')),
    },
  ],
  exports: [AdministrativeHierarchy],
})
export class ReferenceDataModule {}

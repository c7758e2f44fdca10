import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { compilerOptions } from './tsconfig.json';

const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });
const transform = { '^.+\\.ts$': ['ts-jest', {}] as [string, object] };
const common = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
};

// Integration and e2e share one set of real services, started once per run by the global setup.
const services = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

const config: Config = {
  // Per-project testTimeout is ignored by jest; real services need more than the 5 s default.
  testTimeout: 120_000,
  // On two CPUs Jest would run the suites in band, in its main process, which held 2.5 GB of heap
  // by the end of a run; a memory limit makes it run them in a worker, replaced once it holds more.
  workerIdleMemoryLimit: '1GB',
  // The summary decides the exit code: once it is printed and the services are stopped, nothing a
  // suite left running may end the run with another code.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,deploy,bench}/**/*.spec.ts'] },
    {
      ...common,
      ...services,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
    },
    {
      ...common,
      ...services,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
  ],
};

export default config;

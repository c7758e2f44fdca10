// Jest runs the global setup outside its module registry, so moduleNameMapper does not apply there:
// the @libs aliases that libs/testing's helpers import are resolved from tsconfig.json here instead.
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';

register({ baseUrl: resolve(__dirname, '..', '..'), paths: compilerOptions.paths });

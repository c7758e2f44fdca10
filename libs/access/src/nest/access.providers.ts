import { Logger, type InjectionToken, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClickHouseConnection } from '@libs/clickhouse';
import { loadEnv } from '@libs/platform';
import { AccessEnv } from '../access.env';
import { Authenticator } from '../authenticator';
import { loadEnvAccessKeys } from '../keys/access-key';
import { ClickHouseKeyStore } from '../keys/clickhouse-key-store';
import { KeyRing } from '../keys/key-ring';
import { KEY_STORE, type KeyStore } from '../keys/key-store.port';
import type { LimitDefaults } from '../limits/http-limits';
import { limitProviders } from '../limits/limits.providers';
import { AccessTokens } from '../tokens/access-tokens';
import { AccessGuard, SCOPE_HIERARCHY } from './access.guard';
import { SCOPE_DATE, defaultScopeDate, type ScopeDateOf } from './scope-date';

export interface AccessOptions {
  /** The app's administrative hierarchy provider (anything with unitAt and ancestorsOf). */
  hierarchy: InjectionToken;
  /** `clickhouse`: keys of the shared store as well as the environment's; `none`: the environment's only. */
  keyStore: 'clickhouse' | 'none';
  /** Which date's map of units a request's scope is checked on; default: date, else to, else today. */
  scopeDate?: ScopeDateOf;
  /** The app's own defaults for the rate and body limits its env leaves unset. */
  limits?: LimitDefaults;
}

function tokenSecret(env: AccessEnv): string {
  if (env.COC_ACCESS_TOKEN_SECRET !== undefined) return env.COC_ACCESS_TOKEN_SECRET;
  new Logger('Access').warn(
    'COC_ACCESS_TOKEN_SECRET is not set: browser tokens are signed with a random secret and only work on this instance',
  );
  return randomBytes(32).toString('base64url');
}

/**
 * Everything an app needs for access control, to spread into its root module's providers: the
 * keys (environment + shared store), tokens, the authenticator, the rate limits and the global
 * deny-by-default guard. The app's bootstrap also calls secureHttpApp (helmet, CORS, body limits).
 */
export function accessProviders(options: AccessOptions): Provider[] {
  const store: Provider[] =
    options.keyStore === 'clickhouse'
      ? [
          {
            provide: KEY_STORE,
            useFactory: (connection: ClickHouseConnection) => new ClickHouseKeyStore(connection.store),
            inject: [ClickHouseConnection],
          },
        ]
      : [];
  return [
    { provide: AccessEnv, useFactory: () => loadEnv(AccessEnv) },
    ...store,
    {
      provide: KeyRing,
      useFactory: (env: AccessEnv, keyStore?: KeyStore) =>
        new KeyRing(
          loadEnvAccessKeys(env, (path) => readFileSync(path, 'utf8')),
          keyStore,
          env.COC_ACCESS_KEY_REFRESH_MS,
        ),
      inject: [AccessEnv, { token: KEY_STORE, optional: true }],
    },
    {
      provide: AccessTokens,
      useFactory: (env: AccessEnv) => new AccessTokens(tokenSecret(env), env.COC_ACCESS_TOKEN_TTL_SECONDS),
      inject: [AccessEnv],
    },
    {
      provide: Authenticator,
      useFactory: (keys: KeyRing, tokens: AccessTokens) => new Authenticator(keys, tokens),
      inject: [KeyRing, AccessTokens],
    },
    { provide: SCOPE_HIERARCHY, useExisting: options.hierarchy },
    { provide: SCOPE_DATE, useValue: options.scopeDate ?? defaultScopeDate },
    // Before the access guard: global guards run in the order they are provided.
    ...limitProviders(options.limits),
    { provide: APP_GUARD, useClass: AccessGuard },
  ];
}

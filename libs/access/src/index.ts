export { ROLES, isRole, type Principal, type Role } from './principal';
export { coversSource, coversUnit, type ScopeHierarchy } from './unit-scope';
export { AccessEnv } from './access.env';
export { Authenticator } from './authenticator';
export {
  ALL,
  InvalidAccessKeyError,
  KEY_ID_PATTERN,
  loadEnvAccessKeys,
  parseAccessKeys,
  parsePrincipal,
  type AccessKey,
} from './keys/access-key';
export { matchKey, newKeySecret, presentedCredential, sha256Of } from './keys/key-hash';
export { KEY_STORE, type KeyStore, type StoredKey } from './keys/key-store.port';
export { ClickHouseKeyStore } from './keys/clickhouse-key-store';
export { KeyRing } from './keys/key-ring';
export { AccessTokens, looksLikeToken, type IssuedToken, type TokenClaims } from './tokens/access-tokens';
export {
  Allow,
  CurrentPrincipal,
  Public,
  policyOf,
  principalFrom,
  type AccessPolicy,
} from './nest/access.decorators';
export { AccessGuard, SCOPE_HIERARCHY } from './nest/access.guard';
export { SCOPE_DATE, defaultScopeDate, type ScopeDateOf } from './nest/scope-date';
export { accessProviders, type AccessOptions } from './nest/access.providers';
export { AccessTokenController } from './nest/access-token.controller';
export { socketAuthentication } from './socket/socket-authentication';
export { requireRoles } from './nest/require-roles.middleware';
export { AccessIoAdapter } from './socket/access-io.adapter';
export { KeyAdminError, issueKey, revokeKey, rotateKey, type IssuedKey } from './keys/key-admin';
export { type LimitDefaults } from './limits/http-limits';
export { type BodyRoute } from './limits/body-routes';
export { SECURE_APP_OPTIONS, secureHttpApp } from './limits/secure-http-app';
export { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from './audit/audit-trail.port';
export { auditEntry, httpFacts, type AuditFacts } from './audit/audit-entry';
export { AuditBuffer, type AuditBufferEvents, type AuditBufferOptions } from './audit/audit-buffer';
export { AuditEnv } from './audit/audit.env';
export { BusAuditTrail } from './audit/bus-audit-trail';
export { auditHttp } from './audit/http-audit.middleware';
export {
  SocketAuditFilter,
  auditHandshake,
  recordSocketEvent,
  type AuditedSocket,
} from './audit/socket-audit';
export { auditProviders, useAuditTrail } from './audit/audit.providers';
export { AUDIT_QUERIES, bindAuditQuery } from './audit/audit-queries';

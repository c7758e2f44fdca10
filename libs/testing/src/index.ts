export { startApp, type AppName, type AppProcess } from './app-process';
export { startEmbedded, type EmbeddedProcess } from './embedded-process';
export { eventually } from './eventually';
export { freePort } from './free-port';
export { gatewayClickHouseEnv, report, testServices, uniqueTestId } from './test-services';
export {
  dossierStream,
  expectedDailyCounts,
  previousMonthDays,
  seededRandom,
  type DossierStream,
  type DossierStreamOptions,
  type GeneratedEvent,
} from './dossier-stream';
export { groupLag, topicMessageCount } from './kafka-progress';
export { startPrivateClickHouse, type PrivateClickHouse } from './private-clickhouse';
export { CHILDREN, JUNE, OUTSIDER, YEAR_2025, eventsFor, optionsFor } from './kpi-event-arbitraries';
export {
  LEGIBLE_PX,
  SCREENSHOTS_DIR,
  launchChromium,
  legibilityProblems,
  openWallScreen,
  pageErrors,
  readAll,
  screenshot,
  shownValues,
} from './wall-screen-browser';
export { KPI_SCENARIOS } from './kpi-scenarios/kpi-scenarios';
export { kpiEvent, scenarioEnvelope, type KpiScenario } from './kpi-scenarios/kpi-scenario';
export { checkServices, type ServiceAddresses } from './check-services';
export { TEST_TOKEN_SECRET, accessEnvFor, bearer, testKey, type TestKey } from './test-keys';
export {
  registeredRoutes,
  socketMessageHandlers,
  type RegisteredRoute,
  type SocketMessageHandler,
} from './route-table';
export { mappedRoutes, walkRoutes, type RouteWalk } from './route-walk';
export {
  callUntilLimited,
  expectSecurityHeaders,
  httpCall,
  type HttpAnswer,
  type HttpCall,
} from './http-call';
export { InMemoryAuditTrail, inMemoryAuditProviders } from './in-memory-audit-trail';
export { testKafka, testKafkaSecurity, testKafkaSecurityVars } from './test-kafka';
export {
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  serverStore,
  type EngineName,
  type EngineUnderTest,
} from './two-engines';
export { fuzzRecords, type FuzzKind, type FuzzRecord } from './fuzz-corpus';
export { dropTestDatabase, openTestDatabase, storeRawEvents } from './test-database';

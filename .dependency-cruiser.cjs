/**
 * Architecture rules, checked by `npm run lint` (depcruise). Test code (specs, test/ folders,
 * libs/testing) may use anything; production code keeps to these.
 */
const TEST_CODE = '(\\.(spec|int-spec|e2e-spec)\\.ts$|^test/|^(apps|libs)/[^/]+/test/|^libs/testing/)';
const PURE_LIBS = '^libs/(contracts|kpi|admin-units|platform)/';

module.exports = {
  forbidden: [
    {
      name: 'apps-never-import-apps',
      comment: 'One app per deployable: shared code belongs in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'projects-import-each-other-by-alias',
      comment: 'Another project is reached through its @libs alias and narrow index, never a relative path.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: '^(apps|libs)/', pathNot: '^$1/$2/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'pure-libs-stay-pure',
      comment: 'Domain libs are pure: no Kafka, no ClickHouse, no Nest, not even through an adapter lib.',
      severity: 'error',
      from: { path: PURE_LIBS, pathNot: TEST_CODE },
      to: {
        path: [
          '(^|/)node_modules/(kafkajs|@clickhouse/client|@nestjs/[^/]+)/',
          '^libs/(kafka|clickhouse|kpi-store|connector-sdk|testing)/',
        ],
      },
    },
    {
      name: 'kafkajs-only-in-libs-kafka',
      comment: 'Kafka lives behind libs/kafka (the connector SDK transport included).',
      severity: 'error',
      from: { pathNot: ['^libs/kafka/', TEST_CODE] },
      to: { path: '(^|/)node_modules/kafkajs/' },
    },
    {
      name: 'apps-see-the-event-bus-port',
      comment:
        'The apps publish and consume through the EventBus port; only the bus module picks Kafka (and the connector CLI publishes to it).',
      severity: 'error',
      from: { pathNot: ['^libs/(kafka|event-bus)/', '^apps/connector-cli/', TEST_CODE] },
      to: { path: '^libs/kafka/' },
    },
    {
      name: 'production-never-imports-test-code',
      comment: 'Fixtures, scenarios, in-memory engines and test kits live in test folders or libs/testing.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: [TEST_CODE, '\\.fixture\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.local)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

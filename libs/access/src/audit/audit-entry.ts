import { randomUUID } from 'node:crypto';
import { auditOutcomeOf, isUnitCodeFormat, type AccessAuditV1, type AuditChannel } from '@libs/contracts';
import { EVERYTHING, type Principal } from '../principal';

/** What a caller of the audit knows about one call; everything else is derived or defaulted. */
export interface AuditFacts {
  channel: AuditChannel;
  /** `GET /api/v1/units/:unitCode/kpis` (a route pattern, never a URL with its query), or a socket event. */
  action: string;
  address: string | undefined;
  principal: Principal | undefined;
  status: number;
  unitCodes?: readonly unknown[];
  kpiIds?: readonly unknown[];
  period?: { name?: unknown; from?: unknown; to?: unknown };
  asOf?: unknown;
  detail?: unknown;
}

const KPI_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const LOCAL_DAY = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD_NAME = /^[a-z_]{1,32}$/;

const strings = (values: readonly unknown[] | undefined, keep: (s: string) => boolean, max: number) =>
  [...new Set((values ?? []).filter((v): v is string => typeof v === 'string' && keep(v)))].slice(0, max);

const day = (value: unknown) => (typeof value === 'string' && LOCAL_DAY.test(value) ? value : '');

const instant = (value: unknown) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value)
    ? value
    : '';

/**
 * The entry for one call. Only well-formed unit codes, KPI ids, days and instants are kept (a
 * refused call may carry anything), and of the principal only its key id, role and scope: the
 * credential itself never reaches an entry.
 */
export function auditEntry(
  app: string,
  facts: AuditFacts,
  now: Date,
  id: string = randomUUID(),
): AccessAuditV1 {
  const { principal, period } = facts;
  const periodName = typeof period?.name === 'string' && PERIOD_NAME.test(period.name) ? period.name : '';
  return {
    id,
    at: now.toISOString(),
    app,
    channel: facts.channel,
    principalId: principal?.id ?? '',
    role: principal?.role ?? '',
    scope: principal ? (principal.units === EVERYTHING ? ['*'] : [...principal.units].slice(0, 100)) : [],
    address: (facts.address ?? '').slice(0, 64),
    action: facts.action.slice(0, 200),
    unitCodes: strings(facts.unitCodes, isUnitCodeFormat, 100),
    kpiIds: strings(facts.kpiIds, (k) => KPI_ID.test(k), 200),
    periodName,
    periodFrom: day(period?.from),
    periodTo: day(period?.to),
    asOf: instant(facts.asOf),
    outcome: auditOutcomeOf(facts.status),
    status: facts.status,
    detail: facts.status >= 400 && typeof facts.detail === 'string' ? facts.detail.slice(0, 300) : '',
  };
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] =>
  Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',')
      : value === undefined
        ? []
        : [value];

/**
 * The facts an HTTP call names: the unit and KPI of its path and query, the period it asked for,
 * and from its answer the figures' `asOf`, the KPIs served and the period resolved (the KPI API
 * and the IOC pull API answer with these names).
 */
export function httpFacts(
  params: Plain | undefined,
  query: Plain | undefined,
  body: unknown,
): Pick<AuditFacts, 'unitCodes' | 'kpiIds' | 'period' | 'asOf'> {
  const answer = isPlain(body) ? body : {};
  const served = [answer.kpiId, ...(isPlain(answer.kpi) ? [answer.kpi.kpiId] : []), ...list(answer.kpis)].map(
    (k) => (isPlain(k) ? k.kpiId : k),
  );
  const asked = query ?? {};
  const day = asked.date;
  // The period the answer resolved (KPI API: `period`; pull API: `from`/`to`), else the one asked.
  const period = isPlain(answer.period)
    ? { name: answer.period.kind, from: answer.period.from, to: answer.period.to }
    : typeof answer.from === 'string'
      ? { name: 'days', from: answer.from, to: answer.to }
      : { name: asked.period, from: asked.from ?? day, to: asked.to ?? day };
  return {
    unitCodes: [params?.unitCode, params?.origin, asked.unitCode, answer.unitCode, answer.origin],
    kpiIds: [params?.kpiId, ...list(asked.kpi), ...served],
    period,
    asOf: answer.asOf,
  };
}

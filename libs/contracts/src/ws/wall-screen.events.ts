/** The browser-facing part of the contracts (no class-validator): `@libs/contracts/wall-screen`. */
import type { SourceId } from '../sources';

export type { SourceId };

/**
 * The wall-screen protocol on the socket.io namespace `/live`. A screen subscribes to one unit and
 * receives a snapshot numbered `seq`, then deltas numbered seq + 1, seq + 2… on one `stream` (an
 * instance's state for that unit). A screen that sees a gap, or reconnects, subscribes again with
 * the last stream and number it applied: the gateway answers with the deltas it missed, or with a
 * fresh snapshot when it no longer holds them (another instance, a restart, too far behind).
 */
export const WALL_SCREEN_NAMESPACE = '/live';

export const PILLARS = ['digital_government', 'digital_economy', 'digital_society'] as const;
export type Pillar = (typeof PILLARS)[number];

/** What a screen shows: the full commune/district view, or the citizens' view (aggregates only). */
export const SCREEN_AUDIENCES = ['officials', 'public'] as const;
export type ScreenAudience = (typeof SCREEN_AUDIENCES)[number];

export interface TileTarget {
  plan: string;
  issuer: string;
  year: number;
  comparator: string;
  value: number;
  /** How a reader cites it: plan number, issuer, year, section. */
  citation: string;
}

/** One KPI for the screen's unit and current period: the figures the REST API gives. */
export interface LiveTile {
  kpiId: string;
  nameVi: string;
  nameEn: string;
  pillar: Pillar;
  /** `amount`: a reported figure in its own unit (e.g. triệu đồng). */
  unit: '%' | 'count' | 'minutes' | 'amount';
  /** The unit as written for an `amount` (e.g. `tỷ đồng`); null for the other units. */
  unitLabel: string | null;
  direction: 'higher_is_better' | 'lower_is_better';
  period: { kind: string; from: string; to: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Why value is null; a screen shows it, never 0. */
  noData: string | null;
  target: TileTarget | null;
  status: string;
  statusLabelVi: string;
  statusLabelEn: string;
  /** Communes in scope that contributed nothing. */
  unitsWithoutData: number;
  sources: SourceId[];
  /** Earlier periods of the same kind, oldest first (null: no data); the current one is `value`. */
  trend: (number | null)[];
  asOf: string;
}

/** Last event per feeding source, and whether it is older than the source's expected cadence. */
export interface SourceHealth {
  source: SourceId;
  lastEventAt: string | null;
  cadenceMinutes: number;
  stale: boolean;
}

export const ALERT_KINDS = ['camera_alert', 'congestion', 'overdue_dossiers', 'overdue_documents'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One line of the alerts panel; on the public view only aggregated lines (no ids, no places). */
export interface ScreenAlert {
  id: string;
  kind: AlertKind;
  /** ISO instant the situation began (a count's line: when it was computed). */
  since: string;
  /** Camera alerts: the alert type; counts: how many. */
  detail: string;
  severity: 'info' | 'warning' | 'critical';
  acknowledged: boolean;
  count?: number;
}

/** One KPI of a commune's row: the commune's own figure, judged against the commune's own target. */
export interface CommuneKpi {
  kpiId: string;
  value: number | null;
  noData: string | null;
  status: string;
  statusLabelVi: string;
  statusLabelEn: string;
  /** The figure of the target that applies to the commune (null: no plan sets one). */
  target: number | null;
}

/** A district or province screen's row per commune. */
export interface CommuneRow {
  unitCode: string;
  name: string;
  /** The screen's commune KPIs (`communeKpiIds`), in that order. */
  kpis: CommuneKpi[];
  /** Share of the commune's feeding sources heard from within their cadence, 0..1. */
  completeness: number;
  /** No source has sent anything within its cadence. */
  silent: boolean;
  lastEventAt: string | null;
}

export interface ScreenUnit {
  code: string;
  name: string;
  level: string;
}

export interface ScreenSnapshot {
  stream: string;
  seq: number;
  unit: ScreenUnit;
  audience: ScreenAudience;
  /** The local day the current periods are computed for (Asia/Ho_Chi_Minh). */
  date: string;
  asOf: string;
  tiles: LiveTile[];
  sources: SourceHealth[];
  alerts: ScreenAlert[];
  /** Only for districts and provinces: the KPIs listed per commune (the first one ranks them) and the rows. */
  communeKpiIds: string[];
  communes: CommuneRow[];
}

/** What changed since seq - 1; parts left out are unchanged. */
export interface ScreenDelta {
  stream: string;
  seq: number;
  asOf: string;
  date?: string;
  tiles?: LiveTile[];
  sources?: SourceHealth[];
  alerts?: ScreenAlert[];
  communes?: CommuneRow[];
}

export interface SubscribeRequest {
  unitCode: string;
  audience?: ScreenAudience;
  /** The stream and number the screen last applied, to get only what it missed. */
  resume?: { stream: string; seq: number };
}

export type SubscribeReply =
  | { ok: true; snapshot: ScreenSnapshot }
  | { ok: true; deltas: ScreenDelta[] }
  | { ok: false; error: string; retryAfterMs?: number };

export interface ServerToClientEvents {
  'screen:delta': (delta: ScreenDelta) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, reply: (answer: SubscribeReply) => void) => void;
}

/** Every screen of a unit and audience shares one room and one stream. */
export function screenRoom(unitCode: string, audience: ScreenAudience): string {
  return `screen:${unitCode}:${audience}`;
}

export { Reconnector, reconnectDelay } from './screen-reconnect';

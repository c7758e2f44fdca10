/** A live figure for one unit: what wall screens receive on subscribe and on every change. */
export interface LiveFigure {
  unitCode: string;
  /** What is counted: an event type for now, a KPI id once KPIs are served. */
  metric: string;
  /** The local calendar day (Asia/Ho_Chi_Minh) the value covers. */
  date: string;
  value: number;
  asOf: string;
}

export interface SubscribeRequest {
  unitCode: string;
}

export type SubscribeReply = { ok: true; figures: LiveFigure[] } | { ok: false; error: string };

export interface ServerToClientEvents {
  'kpi:update': (figure: LiveFigure) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, reply: (answer: SubscribeReply) => void) => void;
}

export const WALL_SCREEN_NAMESPACE = '/live';

export function unitRoom(unitCode: string): string {
  return `unit:${unitCode}`;
}

import type { AuditFacts } from '@libs/access';
import type { SubscribeReply } from '@libs/contracts';

/** The status a refused subscribe stands for, from the reply's words. */
function statusOf(error: string): number {
  if (error.startsWith('forbidden')) return 403;
  if (error.startsWith('busy')) return 503;
  if (/not (in|found)|unknown/.test(error)) return 404;
  return 400;
}

const min = (values: string[]) => values.reduce((a, b) => (b < a ? b : a), values[0]);
const max = (values: string[]) => values.reduce((a, b) => (b > a ? b : a), values[0]);

/**
 * What one subscribe answer puts in the audit: the unit asked for, and for a snapshot the KPIs of
 * its tiles, the span of their current periods (`live`) and the snapshot's asOf. A resume served
 * from missed deltas is allowed too, with no figures of its own to name.
 */
export function subscriptionAudit(
  body: unknown,
  reply: SubscribeReply,
): Omit<AuditFacts, 'channel' | 'address' | 'principal'> {
  const unitCode =
    typeof body === 'object' && body !== null ? (body as { unitCode?: unknown }).unitCode : undefined;
  if (!reply.ok)
    return { action: 'subscribe', unitCodes: [unitCode], status: statusOf(reply.error), detail: reply.error };
  if (!('snapshot' in reply)) return { action: 'subscribe', unitCodes: [unitCode], status: 200 };
  const { snapshot } = reply;
  const periods = snapshot.tiles.map((t) => t.period);
  return {
    action: 'subscribe',
    unitCodes: [snapshot.unit.code],
    kpiIds: snapshot.tiles.map((t) => t.kpiId),
    period: {
      name: 'live',
      from: periods.length > 0 ? min(periods.map((p) => p.from)) : snapshot.date,
      to: periods.length > 0 ? max(periods.map((p) => p.to)) : snapshot.date,
    },
    asOf: snapshot.asOf,
    status: 200,
  };
}

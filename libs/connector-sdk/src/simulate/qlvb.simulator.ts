import {
  MINUTE_MS,
  OFFICE_DAY_MS,
  addOfficeTime,
  dueAfterWorkingDays,
  instantOfOfficeIndex,
  isWorkingDay,
  localMidnight,
  localStamp,
  officeIndexOf,
  officeMomentOf,
  toLocalIso,
} from './local-time';
import type { Prng } from './prng';
import type { SimulationContext } from './simulation-context';

const DOCUMENT_TYPES: readonly (readonly [string | undefined, number])[] = [
  ['Công văn', 42],
  ['Thông báo', 11],
  ['Quyết định', 11],
  ['Báo cáo', 9],
  ['Kế hoạch', 7],
  ['Giấy mời', 7],
  ['Tờ trình', 3],
  [undefined, 10],
];

type Via = 'interlink' | 'lgsp' | 'email' | 'paper';
const CHANNEL_OF: Record<Via, 'interlinked' | 'email' | 'paper'> = {
  interlink: 'interlinked',
  lgsp: 'interlinked',
  email: 'email',
  paper: 'paper',
};

const SECRET_SHARE = 0.03;
const ACTIONS = [
  ['view', 40],
  ['process', 25],
  ['comment', 13],
  ['forward', 12],
  ['sign', 10],
] as const;

function officials(ctx: SimulationContext): string[] {
  const count = Math.max(3, Math.round(18 * ctx.scale));
  return Array.from({ length: count }, (_, i) => `CB-${ctx.unitCode}-${String(i + 1).padStart(3, '0')}`);
}

/**
 * Document management in office hours: incoming documents (exchanged in → registered → signature
 * checked → assigned → processed, some late or still open), outgoing ones (registered → signed →
 * exchanged out), work files (opened → closed) and officials' daily actions.
 */
export function simulateQlvb(ctx: SimulationContext): void {
  const staff = officials(ctx);
  for (const day of ctx.days) {
    if (!isWorkingDay(day)) continue;
    const rng = ctx.rng('qlvb', day);
    const stamp = localStamp(localMidnight(day));
    const incoming = rng.poisson(22 * ctx.scale);
    for (let i = 1; i <= incoming; i++) {
      incomingDocument(ctx, rng, staff, `VBDEN-${ctx.unitCode}-${stamp}-${String(i).padStart(4, '0')}`, day);
    }
    const outgoing = rng.poisson(7 * ctx.scale);
    for (let i = 1; i <= outgoing; i++) {
      outgoingDocument(ctx, rng, `VBDI-${ctx.unitCode}-${stamp}-${String(i).padStart(4, '0')}`, day);
    }
    const workFiles = rng.poisson(1.5 * ctx.scale);
    for (let i = 1; i <= workFiles; i++) {
      workFile(ctx, rng, `HSCV-${ctx.unitCode}-${stamp}-${String(i).padStart(3, '0')}`, day);
    }
    officialActions(ctx, rng, staff, day, stamp);
  }
}

function incomingDocument(
  ctx: SimulationContext,
  rng: Prng,
  staff: string[],
  documentId: string,
  day: number,
): void {
  const secret = rng.chance(SECRET_SHARE);
  const via: Via = secret
    ? 'paper'
    : rng.weighted([
        ['interlink', 62],
        ['lgsp', 20],
        ['email', 4],
        ['paper', 14],
      ] as const);
  const documentType = rng.weighted(DOCUMENT_TYPES);
  const exchanged = officeMomentOf(day, rng.next());
  const registered = addOfficeTime(exchanged, rng.between(2, 60) * MINUTE_MS);
  const id = (verb: string) => ({ id: documentId, verb });

  ctx.emit(exchanged, 'qlvb', 'qlvb.document.exchanged', id('exchanged-received'), {
    documentId,
    direction: 'received',
    via,
  });
  ctx.emit(registered, 'qlvb', 'qlvb.document.registered', id('registered'), {
    documentId,
    direction: 'incoming',
    channel: CHANNEL_OF[via],
    secret,
    ...(documentType ? { documentType } : {}),
  });
  let last = registered;
  if (via !== 'paper') {
    last = addOfficeTime(registered, rng.between(1, 10) * MINUTE_MS);
    ctx.emit(last, 'qlvb', 'qlvb.document.signed', id('signed-receipt'), {
      documentId,
      stage: 'receipt',
      valid: rng.chance(0.97),
      certificateType: rng.chance(0.92) ? 'specialized' : 'public_ca',
      method: rng.weighted([
        ['hsm', 50],
        ['token', 40],
        ['sim', 5],
        ['mobile', 5],
      ] as const),
    });
  }
  if (!rng.chance(0.9)) return;
  const assigneeId = rng.pick(staff);
  const assigned = addOfficeTime(last, rng.between(10, 180) * MINUTE_MS);
  const due = dueAfterWorkingDays(assigned, rng.int(1, 7));
  ctx.emit(assigned, 'qlvb', 'qlvb.document.assigned', id('assigned'), {
    documentId,
    assigneeId,
    dueAt: toLocalIso(due),
  });
  const fate = rng.weighted([
    ['on-time', 86],
    ['late', 8],
    ['open', 6],
  ] as const);
  if (fate === 'open') return;
  const assignedIdx = officeIndexOf(assigned);
  const dueIdx = officeIndexOf(due);
  const processedIdx =
    fate === 'late'
      ? dueIdx + rng.between(0.2, 5) * OFFICE_DAY_MS
      : assignedIdx + 15 * MINUTE_MS + rng.next() * Math.max(0, dueIdx - assignedIdx - 30 * MINUTE_MS);
  ctx.emit(instantOfOfficeIndex(processedIdx), 'qlvb', 'qlvb.document.processed', id('processed'), {
    documentId,
    assigneeId,
  });
}

function outgoingDocument(ctx: SimulationContext, rng: Prng, documentId: string, day: number): void {
  const secret = rng.chance(SECRET_SHARE);
  const via: Via = secret
    ? 'paper'
    : rng.weighted([
        ['interlink', 72],
        ['lgsp', 15],
        ['email', 5],
        ['paper', 8],
      ] as const);
  const documentType = rng.weighted(DOCUMENT_TYPES);
  const registered = officeMomentOf(day, rng.next());
  const id = (verb: string) => ({ id: documentId, verb });
  ctx.emit(registered, 'qlvb', 'qlvb.document.registered', id('registered'), {
    documentId,
    direction: 'outgoing',
    channel: CHANNEL_OF[via],
    secret,
    ...(documentType ? { documentType } : {}),
  });
  let last = registered;
  if (!secret) {
    last = addOfficeTime(registered, rng.between(10, 240) * MINUTE_MS);
    ctx.emit(last, 'qlvb', 'qlvb.document.signed', id('signed-issue'), {
      documentId,
      stage: 'issue',
      valid: rng.chance(0.99),
      certificateType: rng.chance(0.85) ? 'specialized' : 'public_ca',
      method: rng.weighted([
        ['token', 45],
        ['sim', 20],
        ['mobile', 25],
        ['hsm', 10],
      ] as const),
    });
  }
  ctx.emit(
    addOfficeTime(last, rng.between(5, 60) * MINUTE_MS),
    'qlvb',
    'qlvb.document.exchanged',
    id('exchanged-sent'),
    {
      documentId,
      direction: 'sent',
      via,
    },
  );
}

function workFile(ctx: SimulationContext, rng: Prng, workFileId: string, day: number): void {
  const secret = rng.chance(SECRET_SHARE);
  const opened = officeMomentOf(day, rng.next());
  ctx.emit(
    opened,
    'qlvb',
    'qlvb.workfile.opened',
    { id: workFileId, verb: 'opened' },
    { workFileId, secret },
  );
  if (!rng.chance(0.85)) return;
  const online = !secret && rng.chance(0.8);
  const closed = addOfficeTime(opened, rng.between(2, 25) * OFFICE_DAY_MS);
  ctx.emit(
    closed,
    'qlvb',
    'qlvb.workfile.closed',
    { id: workFileId, verb: 'closed' },
    {
      workFileId,
      online,
      secret,
      signed: online && rng.chance(0.9),
    },
  );
}

function officialActions(
  ctx: SimulationContext,
  rng: Prng,
  staff: string[],
  day: number,
  stamp: string,
): void {
  staff.forEach((officialId, i) => {
    if (!rng.chance(0.92)) return;
    const count = rng.poisson(9);
    for (let k = 1; k <= count; k++) {
      // The first officials are the commune's leaders: they sign; the others rarely do.
      const action = rng.weighted(ACTIONS.map(([a, w]) => [a, a === 'sign' && i >= 3 ? 1 : w] as const));
      ctx.emit(
        officeMomentOf(day, rng.next()),
        'qlvb',
        'qlvb.official.acted',
        { id: `${officialId}-${stamp}-${k}`, verb: 'acted' },
        {
          officialId,
          action,
        },
      );
    }
  });
}

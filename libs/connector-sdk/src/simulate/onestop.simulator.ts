import { citizenTime, onlineMomentOf } from './citizen-time';
import {
  HOUR_MS,
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

interface Procedure {
  code: string;
  /** Legal processing time in working days. */
  workingDays: number;
  feeVnd: number;
  /** Fee per page or copy, charged 1-10 times (certified copies). */
  perCopy?: boolean;
  weight: number;
}

/** Commune-level procedures and their usual shares; codes follow the national catalogue's form. */
const PROCEDURES: readonly Procedure[] = [
  { code: '1.001193', workingDays: 1, feeVnd: 0, weight: 16 }, // đăng ký khai sinh
  { code: '1.000894', workingDays: 1, feeVnd: 0, weight: 5 }, // đăng ký kết hôn
  { code: '1.000656', workingDays: 1, feeVnd: 0, weight: 3 }, // đăng ký khai tử
  { code: '1.004873', workingDays: 3, feeVnd: 0, weight: 8 }, // xác nhận tình trạng hôn nhân
  { code: '1.001022', workingDays: 1, feeVnd: 8_000, perCopy: true, weight: 10 }, // bản sao trích lục hộ tịch
  { code: '2.000815', workingDays: 1, feeVnd: 2_000, perCopy: true, weight: 24 }, // chứng thực bản sao
  { code: '2.000884', workingDays: 1, feeVnd: 10_000, weight: 8 }, // chứng thực chữ ký
  { code: '2.001035', workingDays: 2, feeVnd: 50_000, weight: 5 }, // chứng thực hợp đồng, giao dịch
  { code: '1.003005', workingDays: 7, feeVnd: 0, weight: 4 }, // hỗ trợ mai táng phí, trợ cấp xã hội
  { code: '1.009994', workingDays: 15, feeVnd: 75_000, weight: 2 }, // giấy phép xây dựng nhà ở riêng lẻ
];

const STEP_NAMES = ['Chuyên viên thụ lý', 'Thẩm định hồ sơ', 'Lãnh đạo phê duyệt', 'Đóng dấu, vào sổ'];

type Channel = 'online' | 'counter' | 'postal';
type ReturnMode = 'electronic' | 'counter' | 'postal';

const RETURN_MODES: Record<Channel, readonly (readonly [ReturnMode, number])[]> = {
  online: [
    ['electronic', 85],
    ['counter', 12],
    ['postal', 3],
  ],
  counter: [
    ['counter', 88],
    ['electronic', 7],
    ['postal', 5],
  ],
  postal: [
    ['postal', 80],
    ['counter', 20],
  ],
};

const PAYMENT_METHODS: Record<Channel, readonly (readonly [string, number])[]> = {
  online: [
    ['online', 55],
    ['qr', 25],
    ['card', 10],
    ['cash', 10],
  ],
  counter: [
    ['cash', 45],
    ['qr', 25],
    ['card', 15],
    ['kiosk', 15],
  ],
  postal: [
    ['cash', 60],
    ['online', 40],
  ],
};

/** Means per calendar day at scale 1: about 70% of dossiers arrive online, some on weekends. */
const DAILY_MEAN: Record<Channel, { working: number; weekend: number }> = {
  online: { working: 25, weekend: 9 },
  counter: { working: 10, weekend: 0 },
  postal: { working: 0.6, weekend: 0 },
};
const OVERDUE_SHARE = 0.1;

function submissionTime(channel: Channel, day: number, rng: Prng): number | undefined {
  if (channel === 'online') return onlineMomentOf(day, rng);
  return isWorkingDay(day) ? officeMomentOf(day, rng.next()) : undefined;
}

function receptionTime(channel: Channel, submitted: number, rng: Prng): number {
  switch (channel) {
    case 'online':
      return addOfficeTime(submitted, rng.between(5, 180) * MINUTE_MS);
    case 'counter':
      return addOfficeTime(submitted, rng.between(2, 15) * MINUTE_MS);
    case 'postal':
      return addOfficeTime(submitted, rng.between(30, 240) * MINUTE_MS);
  }
}

/**
 * Procedure dossiers from submission to rating: submitted → received → 1-4 steps → resolved →
 * result returned → digitized (most approved) → fee paid (fee-bearing) → rated (some). Desk work
 * happens in office hours; online submissions, online payments and ratings whenever citizens are awake.
 */
export function simulateOneStop(ctx: SimulationContext): void {
  for (const day of ctx.days) {
    const rng = ctx.rng('onestop', day);
    let seq = 0;
    for (const channel of ['online', 'counter', 'postal'] as const) {
      const mean = isWorkingDay(day) ? DAILY_MEAN[channel].working : DAILY_MEAN[channel].weekend;
      const count = rng.poisson(mean * ctx.scale);
      for (let i = 0; i < count; i++) {
        const submitted = submissionTime(channel, day, rng);
        if (submitted === undefined) continue;
        seq++;
        dossier(
          ctx,
          rng,
          channel,
          submitted,
          `${localStamp(localMidnight(day))}-${String(seq).padStart(4, '0')}`,
        );
      }
    }
  }
}

function dossier(
  ctx: SimulationContext,
  rng: Prng,
  channel: Channel,
  submitted: number,
  serial: string,
): void {
  const dossierId = `${ctx.unitCode}-${serial}`;
  const procedure = rng.weighted(PROCEDURES.map((p) => [p, p.weight] as const));
  const procedureCode = procedure.code;
  const eidAuthenticated = channel === 'online' ? rng.chance(0.88) : rng.chance(0.2);
  const onCentralOneStop = rng.chance(0.96);
  const received = receptionTime(channel, submitted, rng);
  const due = dueAfterWorkingDays(received, procedure.workingDays);
  const dueAt = toLocalIso(due);

  const receivedIdx = officeIndexOf(received);
  const dueIdx = officeIndexOf(due);
  const resolvedIdx = rng.chance(OVERDUE_SHARE)
    ? dueIdx + rng.between(0.1, 3) * OFFICE_DAY_MS
    : receivedIdx + rng.between(0.2, 0.97) * (dueIdx - receivedIdx);
  const resolved = instantOfOfficeIndex(resolvedIdx);
  const outcome = rng.weighted([
    ['approved', 90],
    ['rejected', 7],
    ['withdrawn', 3],
  ] as const);
  const workflowConformant = rng.chance(0.95);
  const stepCount = rng.int(1, 4);
  const nonConformingStep = workflowConformant ? -1 : rng.int(1, stepCount);
  const returnMode = rng.weighted(RETURN_MODES[channel]);
  const processedFullyOnline = channel === 'online' && returnMode === 'electronic' && rng.chance(0.95);

  const id = (verb: string) => ({ id: dossierId, verb });
  ctx.emit(submitted, 'onestop', 'onestop.dossier.submitted', id('submitted'), {
    dossierId,
    procedureCode,
    channel,
    eidAuthenticated,
  });
  ctx.emit(received, 'onestop', 'onestop.dossier.received', id('received'), {
    dossierId,
    procedureCode,
    channel,
    onCentralOneStop,
    dueAt,
    eidAuthenticated,
  });
  for (let step = 1; step <= stepCount; step++) {
    const at = instantOfOfficeIndex(receivedIdx + ((resolvedIdx - receivedIdx) * step) / (stepCount + 1));
    const stepId = `S${step}`;
    ctx.emit(at, 'onestop', 'onestop.dossier-step.completed', id(`step-${step}-completed`), {
      dossierId,
      stepId,
      ...(rng.chance(0.85) ? { stepName: STEP_NAMES[step - 1] } : {}),
      conformsToConfiguredWorkflow: step !== nonConformingStep,
    });
  }
  ctx.emit(resolved, 'onestop', 'onestop.dossier.resolved', id('resolved'), {
    dossierId,
    procedureCode,
    dueAt,
    outcome,
    processedFullyOnline,
    workflowConformant,
  });
  if (outcome === 'withdrawn') return;

  const returned =
    returnMode === 'electronic'
      ? addOfficeTime(resolved, rng.between(1, 30) * MINUTE_MS)
      : addOfficeTime(resolved, rng.between(10, 8 * 60) * MINUTE_MS);
  ctx.emit(returned, 'onestop', 'onestop.result.returned', id('result-returned'), {
    dossierId,
    mode: returnMode,
  });
  let last = returned;
  if (outcome === 'approved' && rng.chance(0.8)) {
    last = addOfficeTime(returned, rng.between(1, 30) * MINUTE_MS);
    ctx.emit(last, 'onestop', 'onestop.result.digitized', id('result-digitized'), { dossierId });
  }
  if (outcome === 'approved' && procedure.feeVnd > 0 && rng.chance(0.95)) {
    const method = rng.weighted(PAYMENT_METHODS[channel]);
    const atDesk = method === 'cash' || method === 'kiosk';
    last = atDesk
      ? addOfficeTime(last, rng.between(1, 10) * MINUTE_MS)
      : citizenTime(last + rng.between(10 * MINUTE_MS, 36 * HOUR_MS), rng);
    ctx.emit(last, 'onestop', 'onestop.fee.paid', id('fee-paid'), {
      dossierId,
      amountVnd: procedure.feeVnd * (procedure.perCopy ? rng.int(1, 10) : 1),
      method,
    });
  }
  if (rng.chance(0.35)) {
    const satisfied = rng.chance(0.93);
    const scored = rng.chance(0.75);
    const rated = citizenTime(last + rng.between(5 * MINUTE_MS, 48 * HOUR_MS), rng);
    ctx.emit(rated, 'onestop', 'onestop.dossier.rated', id('rated'), {
      dossierId,
      satisfied,
      ...(scored ? { score: satisfied ? rng.int(4, 5) : rng.int(1, 3) } : {}),
    });
  }
}

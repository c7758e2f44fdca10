import { DAY_MS, HOUR_MS, MINUTE_MS, isWorkingDay, localMidnight, localStamp } from './local-time';
import type { Prng } from './prng';
import type { SimulationContext } from './simulation-context';

type RoadClass = 'national' | 'provincial' | 'district' | 'commune' | 'none';

interface CameraSite {
  name: string;
  roadClass: RoadClass;
  ai: boolean;
  keyPoint: boolean;
}

/** A typical commune's camera sites; larger scales repeat them along other roads. */
const SITES: readonly CameraSite[] = [
  { name: 'Ngã tư trung tâm xã', roadClass: 'provincial', ai: true, keyPoint: true },
  { name: 'Cổng trụ sở UBND xã', roadClass: 'commune', ai: true, keyPoint: true },
  { name: 'Chợ trung tâm', roadClass: 'none', ai: true, keyPoint: true },
  { name: 'Quốc lộ, đoạn qua khu dân cư', roadClass: 'national', ai: true, keyPoint: true },
  { name: 'Cầu qua sông', roadClass: 'district', ai: true, keyPoint: true },
  { name: 'Cổng trường THCS', roadClass: 'commune', ai: false, keyPoint: false },
  { name: 'Trạm y tế xã', roadClass: 'none', ai: false, keyPoint: false },
  { name: 'Đường huyện qua thôn 2', roadClass: 'district', ai: false, keyPoint: false },
  { name: 'Đường liên thôn 3', roadClass: 'commune', ai: false, keyPoint: false },
  { name: 'Nhà văn hóa thôn 1', roadClass: 'none', ai: false, keyPoint: false },
];

/** Vehicles per 15 minutes at the busiest hour, by road class. */
const PEAK_VEHICLES: Record<RoadClass, number> = {
  national: 260,
  provincial: 140,
  district: 70,
  commune: 25,
  none: 0,
};
const FREE_FLOW_KMH: Record<RoadClass, number> = {
  national: 60,
  provincial: 50,
  district: 40,
  commune: 30,
  none: 0,
};

/** Share of the peak by local hour: quiet nights, rush hours around 07:00 and 17:00. */
const HOURLY_PROFILE = [
  0.08, 0.05, 0.04, 0.04, 0.08, 0.25, 0.7, 1.0, 0.9, 0.6, 0.5, 0.55, 0.6, 0.5, 0.5, 0.55, 0.75, 1.0, 0.85,
  0.6, 0.45, 0.35, 0.22, 0.12,
];
const SLOT_MS = 15 * MINUTE_MS;
const CONGESTION_SPEED_FACTOR = { slow: 0.5, heavy: 0.3, standstill: 0.1 } as const;
type CongestionLevel = keyof typeof CONGESTION_SPEED_FACTOR;

interface Camera extends CameraSite {
  cameraId: string;
  index: number;
  latitude: number;
  longitude: number;
}

interface Span {
  start: number;
  end: number;
}

interface Congestion extends Span {
  congestionId: string;
  level: CongestionLevel;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function cameras(ctx: SimulationContext): Camera[] {
  const rng = ctx.rng('camera-sites');
  // Somewhere inside Vietnam's latitude and longitude span; each unit gets its own spot.
  const lat = rng.between(9, 22);
  const lon = rng.between(104, 108.5);
  const count = Math.max(1, Math.round(SITES.length * ctx.scale));
  return Array.from({ length: count }, (_, index) => {
    const site = SITES[index % SITES.length];
    const round_ = Math.floor(index / SITES.length);
    return {
      ...site,
      name: round_ === 0 ? site.name : `${site.name} (${round_ + 1})`,
      cameraId: `CAM-${ctx.unitCode}-${String(index + 1).padStart(3, '0')}`,
      index,
      latitude: round(lat + rng.between(-0.02, 0.02), 6),
      longitude: round(lon + rng.between(-0.02, 0.02), 6),
    };
  });
}

/**
 * Cameras: registered at the window start, then per day outages (some flapping), AI alerts with
 * acknowledgements, traffic counts every 15 minutes around the clock while up, and rush-hour
 * congestion on the larger roads.
 */
export function simulateCameras(ctx: SimulationContext): void {
  const all = cameras(ctx);
  const registeredAt = ctx.fromMs;
  for (const camera of all) {
    ctx.emit(
      registeredAt,
      'camera',
      'camera.device.registered',
      { id: camera.cameraId, verb: 'registered' },
      {
        cameraId: camera.cameraId,
        name: camera.name,
        latitude: camera.latitude,
        longitude: camera.longitude,
        ai: camera.ai,
        roadClass: camera.roadClass,
        keyPoint: camera.keyPoint,
      },
    );
  }
  for (const day of ctx.days) {
    for (const camera of all) {
      const rng = ctx.rng('camera', camera.cameraId, day);
      const midnight = localMidnight(day);
      const outages = outagesOf(rng, midnight);
      const congestions = congestionsOf(rng, camera, day);
      // Nothing a camera reports can precede its registration.
      const emit: SimulationContext['emit'] = (at, ...rest) => {
        if (at > registeredAt) ctx.emit(at, ...rest);
      };
      const down = (at: number) => outages.some((o) => at >= o.start && at < o.end);

      for (const o of outages) {
        const reason = rng.weighted([
          ['power_outage', 35],
          ['network_lost', 45],
          ['device_fault', 12],
          ['maintenance', 8],
        ] as const);
        const stamp = (ms: number) =>
          `${camera.cameraId}-${localStamp(ms, true)}${String(Math.floor((ms / 1000) % 60)).padStart(2, '0')}`;
        emit(
          o.start,
          'camera',
          'camera.status.changed',
          { id: stamp(o.start), verb: 'down' },
          { cameraId: camera.cameraId, status: 'down', reason },
        );
        emit(
          o.end,
          'camera',
          'camera.status.changed',
          { id: stamp(o.end), verb: 'up' },
          { cameraId: camera.cameraId, status: 'up' },
        );
      }
      for (const c of congestions) {
        const ids = { cameraId: camera.cameraId, congestionId: c.congestionId };
        emit(
          c.start,
          'camera',
          'camera.congestion.started',
          { id: c.congestionId, verb: 'started' },
          { ...ids, level: c.level },
        );
        emit(c.end, 'camera', 'camera.congestion.ended', { id: c.congestionId, verb: 'ended' }, ids);
      }
      if (camera.roadClass !== 'none') {
        trafficCounts(rng, camera, day, (at, payload) => {
          if (at - SLOT_MS < registeredAt || down(at)) return;
          const congestion = congestions.find((c) => at > c.start && at <= c.end);
          if (congestion && payload.averageSpeedKmh !== undefined) {
            payload.averageSpeedKmh = round(
              payload.averageSpeedKmh * CONGESTION_SPEED_FACTOR[congestion.level],
              1,
            );
          }
          emit(
            at,
            'camera',
            'camera.traffic.counted',
            { id: `${camera.cameraId}-${localStamp(at, true)}`, verb: 'counted' },
            { ...payload },
          );
        });
      }
      if (camera.ai) alerts(ctx, rng, camera, midnight, down, emit);
    }
  }
}

/** Most days a camera stays up; some days it drops once, and some drops come as a burst of flaps. */
function outagesOf(rng: Prng, midnight: number): Span[] {
  const spans: Span[] = [];
  if (rng.chance(0.12)) {
    const start = midnight + rng.between(0, DAY_MS - 6 * HOUR_MS);
    const minutes = rng.weighted([
      [rng.between(3, 30), 70],
      [rng.between(30, 240), 25],
      [rng.between(240, 330), 5],
    ] as const);
    spans.push({ start, end: start + minutes * MINUTE_MS });
  }
  if (rng.chance(0.04)) {
    let at = midnight + rng.between(0, DAY_MS - 2 * HOUR_MS);
    for (let flap = rng.int(2, 4); flap > 0; flap--) {
      const end = at + rng.between(1, 4) * MINUTE_MS;
      spans.push({ start: at, end });
      at = end + rng.between(2, 10) * MINUTE_MS;
    }
  }
  return mergeSpans(spans);
}

/** Overlapping or touching (under a minute apart) outages are one outage. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end + MINUTE_MS) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

function congestionsOf(rng: Prng, camera: Camera, day: number): Congestion[] {
  if (!['national', 'provincial', 'district'].includes(camera.roadClass) || !isWorkingDay(day)) return [];
  const midnight = localMidnight(day);
  const result: Congestion[] = [];
  for (const [label, windowStart, chance] of [
    ['am', 6.75, 0.2],
    ['pm', 16.75, 0.25],
  ] as const) {
    if (!rng.chance(chance)) continue;
    const start = midnight + windowStart * HOUR_MS + rng.between(0, 90) * MINUTE_MS;
    result.push({
      congestionId: `${camera.cameraId}-${localStamp(midnight)}-${label}`,
      level: rng.weighted([
        ['slow', 55],
        ['heavy', 35],
        ['standstill', 10],
      ] as const),
      start,
      end: start + rng.between(10, 75) * MINUTE_MS,
    });
  }
  return result;
}

function trafficCounts(
  rng: Prng,
  camera: Camera,
  day: number,
  report: (
    at: number,
    payload: { cameraId: string; intervalSeconds: number; vehicles: number; averageSpeedKmh?: number },
  ) => void,
): void {
  const midnight = localMidnight(day);
  const weekend = isWorkingDay(day) ? 1 : 0.8;
  for (let slot = 1; slot <= 96; slot++) {
    const at = midnight + slot * SLOT_MS;
    const load = HOURLY_PROFILE[Math.floor(((slot - 1) * 15) / 60)] * weekend;
    const vehicles = Math.max(
      0,
      Math.round(PEAK_VEHICLES[camera.roadClass] * load * rng.between(0.75, 1.25)),
    );
    const speed = FREE_FLOW_KMH[camera.roadClass] * (1 - 0.35 * load) * rng.between(0.9, 1.1);
    report(at, {
      cameraId: camera.cameraId,
      intervalSeconds: SLOT_MS / 1000,
      vehicles,
      ...(camera.ai ? { averageSpeedKmh: round(speed, 1) } : {}),
    });
  }
}

type AlertType =
  'intrusion' | 'crowd' | 'fire_smoke' | 'traffic_violation' | 'wrong_way' | 'accident' | 'other';

const SITE_ALERTS: readonly (readonly [AlertType, number])[] = [
  ['intrusion', 35],
  ['crowd', 45],
  ['fire_smoke', 5],
  ['other', 15],
];
const ROAD_ALERTS: readonly (readonly [AlertType, number])[] = [
  ['traffic_violation', 55],
  ['wrong_way', 15],
  ['accident', 5],
  ['crowd', 10],
  ['fire_smoke', 5],
  ['other', 10],
];

function severityOf(type: AlertType, rng: Prng): 'info' | 'warning' | 'critical' {
  switch (type) {
    case 'accident':
    case 'fire_smoke':
      return 'critical';
    case 'intrusion':
      return rng.chance(0.7) ? 'warning' : 'critical';
    case 'traffic_violation':
    case 'wrong_way':
      return rng.chance(0.6) ? 'info' : 'warning';
    case 'crowd':
      return rng.chance(0.5) ? 'info' : 'warning';
    case 'other':
      return 'info';
  }
}

const ACK_SHARE = { info: 0.7, warning: 0.9, critical: 1 } as const;

function alerts(
  ctx: SimulationContext,
  rng: Prng,
  camera: Camera,
  midnight: number,
  down: (at: number) => boolean,
  emit: SimulationContext['emit'],
): void {
  const count = rng.poisson(camera.roadClass === 'none' ? 2.5 : camera.roadClass === 'commune' ? 1.2 : 1.8);
  for (let k = 1; k <= count; k++) {
    const alertType = rng.weighted(camera.roadClass === 'none' ? SITE_ALERTS : ROAD_ALERTS);
    // Intrusions are what night watch is for: 22:00-05:00.
    const raised =
      alertType === 'intrusion'
        ? midnight + 22 * HOUR_MS + rng.between(0, 7 * HOUR_MS)
        : midnight + rng.between(5 * HOUR_MS, 22 * HOUR_MS);
    const severity = severityOf(alertType, rng);
    const alertId = `AL-${camera.cameraId}-${localStamp(midnight)}-${k}`;
    const ids = { alertId, cameraId: camera.cameraId };
    // A camera that is down detects nothing.
    if (down(raised)) continue;
    emit(
      raised,
      'camera',
      'camera.alert.raised',
      { id: alertId, verb: 'raised' },
      { ...ids, alertType, severity },
    );
    if (!rng.chance(ACK_SHARE[severity])) continue;
    const delay = severity === 'critical' ? rng.between(20, 300) : rng.between(30, 1200);
    emit(
      raised + delay * 1000,
      'camera',
      'camera.alert.acknowledged',
      { id: alertId, verb: 'acknowledged' },
      {
        ...ids,
        acknowledgedBy: `op-${ctx.unitCode}-${rng.int(1, 3)}`,
      },
    );
  }
}

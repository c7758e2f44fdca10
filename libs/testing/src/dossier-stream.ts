import { DossierReceived, DOSSIER_CHANNELS, exampleEnvelope } from '@libs/contracts';
import { localDateOf, localDayRange } from '@libs/admin-units';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same stream on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GeneratedEvent {
  /** Position in the distinct list; the event id ends with it (`<idPrefix>-<index>`). */
  index: number;
  eventId: string;
  unitCode: string;
  /** Local calendar day the event occurred on, computed here, not by the code under test. */
  localDate: string;
  /** The exact bytes a connector publishes; a duplicate re-publishes the same bytes. */
  value: string;
}

export interface DossierStream {
  /** Every event once. */
  events: GeneratedEvent[];
  /** Publish order: every event, plus exact re-publications of earlier ones (connector retries). */
  messages: GeneratedEvent[];
}

export interface DossierStreamOptions {
  idPrefix: string;
  count: number;
  units: readonly string[];
  /** Local dates (YYYY-MM-DD) the events are spread over. */
  days: readonly string[];
  /** Share of extra, duplicate publications, e.g. 0.05. */
  duplicateRatio: number;
  seed: number;
}

/** `count` consecutive local dates starting on the first day of the month before `now`'s month. */
export function previousMonthDays(count: number, now: Date = new Date()): string[] {
  const [year, month] = localDateOf(now).split('-').map(Number);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 2, 1 + i)).toISOString().slice(0, 10),
  );
}

/** Deterministic valid `onestop.dossier.received` events for a few units over a few local days. */
export function dossierStream(o: DossierStreamOptions): DossierStream {
  const random = seededRandom(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const events: GeneratedEvent[] = [];
  const messages: GeneratedEvent[] = [];
  for (let index = 0; index < o.count; index++) {
    const unitCode = pick(o.units);
    const localDate = pick(o.days);
    const occurredAt = new Date(
      localDayRange(localDate).start.getTime() + Math.floor(random() * 86_400) * 1000,
    );
    const eventId = `${o.idPrefix}-${index}`;
    const envelope = exampleEnvelope(DossierReceived, {
      eventId,
      unitCode,
      occurredAt: occurredAt.toISOString(),
      producedAt: new Date(occurredAt.getTime() + 2000).toISOString(),
      payload: {
        dossierId: `HS${index}`,
        procedureCode: '1.001234',
        channel: pick(DOSSIER_CHANNELS),
        onCentralOneStop: random() < 0.8,
        dueAt: new Date(occurredAt.getTime() + 3 * 86_400_000).toISOString(),
      },
    });
    const event = { index, eventId, unitCode, localDate, value: JSON.stringify(envelope) };
    events.push(event);
    messages.push(event);
    if (random() < o.duplicateRatio) messages.push(events[Math.floor(random() * events.length)]);
  }
  return { events, messages };
}

/** Distinct event ids per `unitCode|localDate`: what every count must show, however often an event arrived. */
export function expectedDailyCounts(events: readonly GeneratedEvent[]): Map<string, number> {
  const ids = new Map<string, Set<string>>();
  for (const e of events) {
    const key = `${e.unitCode}|${e.localDate}`;
    const set = ids.get(key) ?? new Set<string>();
    set.add(e.eventId);
    ids.set(key, set);
  }
  return new Map([...ids].map(([key, set]) => [key, set.size]));
}

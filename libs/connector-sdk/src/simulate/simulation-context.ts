import type { EventEnvelope, SourceId } from '@libs/contracts';
import { eventIdFor } from '../ids/event-id';
import { Prng, hashSeed } from './prng';
import { localDayOf, toLocalIso } from './local-time';

/** What every source simulator gets: the window, seeded random streams and one way to emit. */
export interface SimulationContext {
  unitCode: string;
  scale: number;
  /** Inclusive window; nothing is emitted outside it. */
  fromMs: number;
  toMs: number;
  /** The local day numbers the window touches, in order. */
  days: number[];
  /**
   * A generator of its own for one stream (and day, entity…): a simulator draws from it the same
   * numbers whatever the window, so a shorter window yields a prefix of a longer one.
   */
  rng(...parts: (string | number)[]): Prng;
  emit(
    at: number,
    source: SourceId,
    type: string,
    entity: { id: string; verb: string },
    payload: Record<string, unknown>,
  ): void;
}

interface Pending {
  at: number;
  seq: number;
  envelope: EventEnvelope;
}

/** Collects emitted events and hands them out in time order (emission order breaks ties). */
export class EventCollector {
  private readonly pending: Pending[] = [];
  private seq = 0;

  constructor(
    private readonly window: { unitCode: string; seed: number; fromMs: number; toMs: number; nowMs: number },
  ) {}

  context(scale: number): SimulationContext {
    const { unitCode, seed, fromMs, toMs } = this.window;
    const days: number[] = [];
    for (let d = localDayOf(fromMs); d <= localDayOf(toMs); d++) days.push(d);
    return {
      unitCode,
      scale,
      fromMs,
      toMs,
      days,
      rng: (...parts) => new Prng(hashSeed(seed, unitCode, ...parts)),
      emit: (at, source, type, entity, payload) => this.add(at, source, type, entity, payload),
    };
  }

  private add(
    rawAt: number,
    source: SourceId,
    type: string,
    entity: { id: string; verb: string },
    payload: Record<string, unknown>,
  ): void {
    const at = Math.floor(rawAt / 1000) * 1000;
    const seq = this.seq++;
    if (at < this.window.fromMs || at > this.window.toMs) return;
    // A delay derived from the time itself keeps producedAt reproducible; never later than now.
    const producedAt = Math.min(at + 1000 * (1 + ((at / 1000) % 7)), Math.max(at, this.window.nowMs));
    this.pending.push({
      at,
      seq,
      envelope: {
        eventId: eventIdFor(source, this.window.unitCode, entity.id, entity.verb),
        source,
        type,
        unitCode: this.window.unitCode,
        occurredAt: toLocalIso(at),
        producedAt: toLocalIso(producedAt),
        schemaVersion: 1,
        payload,
      },
    });
  }

  events(): EventEnvelope[] {
    return this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq).map((p) => p.envelope);
  }
}

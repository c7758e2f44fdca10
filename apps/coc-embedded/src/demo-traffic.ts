import { Logger } from '@nestjs/common';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDateOf, localDayRange } from '@libs/admin-units';
import type { EventEnvelope } from '@libs/contracts';
import { HttpTransport, publishAll, simulateCommune } from '@libs/connector-sdk';

export interface DemoTrafficOptions {
  dataDir: string;
  unitCode: string;
  historyDays: number;
  tickMs: number;
  ingestUrl: string;
  connectorKey: string;
}

const DAY_MS = 86_400_000;
const SEED = 1;
/** A dossier or document can end weeks after it began: the plan starts this far before the first event it publishes. */
const LIFECYCLE_DAYS = 60;

interface DayPlan {
  day: string;
  fromMs: number;
  /** The simulated events up to the end of the local day, in the order their systems produce them. */
  events: EventEnvelope[];
}

/**
 * The demo commune's source systems, simulated: on the first start a few weeks of history, then every
 * tick the events that happened since the last one. It is an ordinary connector: it publishes through
 * ingest's HTTP API with its own key, so every number on the screen went through validation. The
 * cursor is saved only after ingest acknowledged, and a republished event is the same event (stable
 * ids), so a crash repeats at most one tick and counts nothing twice.
 */
export class DemoTraffic {
  private readonly logger = new Logger('demo-traffic');
  private readonly transport: HttpTransport;
  private readonly cursorFile: string;
  private plan?: DayPlan;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: DemoTrafficOptions) {
    this.transport = new HttpTransport({ url: options.ingestUrl, apiKey: options.connectorKey });
    this.cursorFile = join(options.dataDir, 'demo-cursor.json');
  }

  /** Publishes the history (first start) or what was missed while stopped, then keeps up with the clock. */
  async start(): Promise<void> {
    const since = this.cursor() ?? new Date(Date.now() - this.options.historyDays * DAY_MS);
    this.logger.log(`catching up from ${since.toISOString()}`);
    const published = await this.publishSince(since);
    this.logger.log(`published ${published} events; live every ${this.options.tickMs} ms`);
    this.timer = setInterval(() => {
      this.running ??= this.publishSince(this.cursor() ?? new Date())
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`tick failed, retried next tick: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.options.tickMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async publishSince(since: Date): Promise<number> {
    const now = Date.now();
    const events = this.planFor(since.getTime(), now).events.filter((event) => {
      const produced = Date.parse(event.producedAt);
      return produced > since.getTime() && produced <= now;
    });
    const report = await publishAll(events, this.transport);
    if (report.rejected.length > 0)
      throw new Error(`ingest refused ${report.rejected.length} demo events: ${report.rejected[0].reason}`);
    writeFileSync(this.cursorFile, JSON.stringify({ until: new Date(now).toISOString() }));
    return report.sent;
  }

  /**
   * Whole lifecycles are simulated once per local day (the simulator only emits what falls in its
   * window, so a window starting mid-lifecycle would drop a dossier's later steps); each tick then
   * publishes the part the clock has reached.
   */
  private planFor(sinceMs: number, nowMs: number): DayPlan {
    const day = localDateOf(new Date(nowMs));
    const fromMs = sinceMs - LIFECYCLE_DAYS * DAY_MS;
    if (this.plan?.day === day && this.plan.fromMs <= fromMs) return this.plan;
    const end = new Date(localDayRange(day).end.getTime() - 1);
    const events = simulateCommune({
      unitCode: this.options.unitCode,
      from: new Date(fromMs),
      to: end,
      seed: SEED,
      now: end,
    }).sort((a, b) => Date.parse(a.producedAt) - Date.parse(b.producedAt));
    this.plan = { day, fromMs, events };
    return this.plan;
  }

  private cursor(): Date | undefined {
    if (!existsSync(this.cursorFile)) return undefined;
    return new Date((JSON.parse(readFileSync(this.cursorFile, 'utf8')) as { until: string }).until);
  }
}

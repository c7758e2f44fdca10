import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AdministrativeHierarchy, localDateOf, localDayRange } from '@libs/admin-units';
import { mapConcurrently } from '@libs/platform';
import type { KpiDefinition } from '@libs/kpi';
import { KPI_ENGINE, type KpiEngine } from '@libs/kpi-store';
import { ReferenceDataSource } from '@libs/reference-data';
import { changePageOf, daysMoved, unitsByDay } from '../domain/change-pages';
import {
  assessFeed,
  childStateOf,
  type ChildState,
  type FeedCompleteness,
  type FeedFigures,
} from '../domain/completeness';
import { subtreeCommunes } from '../domain/subtree';
import type { SyncMark } from '../domain/sync-batch';
import { IocSyncEnv } from '../ioc-sync.env';
import { OUTBOX, type Outbox } from '../outbox/outbox.port';
import { LEVEL_READER, type LevelReader } from './pull.port';

export interface RollupRow {
  unitCode: string;
  date: string;
  kpiId: string;
  combine: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  noData: string | null;
}

export interface RollupPage {
  unitCode: string;
  kpis: string[];
  since: number;
  cursor: number;
  more: boolean;
  rows: RollupRow[];
}

export interface ChildCompleteness {
  unitCode: string;
  state: ChildState;
  feeds: FeedCompleteness[];
}

/** Day measurements in flight per pull: enough to hide round trips, few enough to spare ClickHouse. */
const CONCURRENCY = 4;

/** What the IOC pull API answers, over this level's own store and the same KPI engine as the gateway. */
@Injectable()
export class IocReadService {
  constructor(
    private readonly hierarchy: AdministrativeHierarchy,
    @Inject(KPI_ENGINE) private readonly engine: KpiEngine,
    @Inject(LEVEL_READER) private readonly reader: LevelReader,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    private readonly env: IocSyncEnv,
    @Inject(ReferenceDataSource) private readonly reference: Pick<ReferenceDataSource, 'current'>,
  ) {}

  communesOf(unitCode: string, now: Date): string[] {
    const communes = subtreeCommunes(this.hierarchy, unitCode, localDateOf(now));
    if (communes.length === 0)
      throw new NotFoundException(`unit ${unitCode} is not in the administrative hierarchy`);
    return communes;
  }

  /**
   * Daily figures (numerator, denominator, value: never a percentage to be averaged) of each commune
   * in the unit's subtree whose day changed after `since` (an event occurred on it or placed a KPI
   * input on it): the caller stores them by (unit, day, KPI), replacing what it had, and passes
   * `cursor` back for the next page.
   */
  async rollups(
    unitCode: string,
    kpiIds: readonly string[],
    days: { from: string; to: string },
    since: number,
    limit: number,
    now: Date = new Date(),
  ): Promise<RollupPage> {
    // built-in KPIs and the run-time indicators loaded as reference data, as the gateway resolves them
    const definitions = kpiIds.map((id) => {
      const definition = this.reference.current().findKpi(id);
      if (!definition) throw new NotFoundException(`unknown KPI ${id}`);
      return definition;
    });
    if (days.from > days.to) throw new BadRequestException('from must not be after to');
    const communes = this.communesOf(unitCode, now);
    const batches = await this.reader.changesSince(since, communes, days, limit);
    const page = changePageOf(batches, since, limit);
    // A state or reported KPI's later days move with an earlier change, up to today.
    const lastDay = [days.to, localDateOf(now)].sort()[0];
    const measurements = definitions.flatMap((definition) =>
      unitsByDay(daysMoved(page.changes, definition.mode, lastDay)).map((day) => ({ definition, ...day })),
    );
    const figures = await mapConcurrently(measurements, CONCURRENCY, (m) =>
      this.dailyFigures(m.definition, m, days, now),
    );
    const rows = figures.flat();
    rows.sort((a, b) =>
      a.date === b.date
        ? a.unitCode === b.unitCode
          ? 0
          : a.unitCode < b.unitCode
            ? -1
            : 1
        : a.date < b.date
          ? -1
          : 1,
    );
    return {
      unitCode,
      kpis: definitions.map((d) => d.id),
      since,
      cursor: page.cursor,
      more: batches.some((b) => b.seq > page.cursor) || batches.length === limit,
      rows,
    };
  }

  /**
   * A day's figures of each unit, measured together; for a reported indicator (a yearly budget
   * revenue, a rate per head), the report standing that day: the unit's latest period lying inside
   * [from, that day], not an increment.
   */
  private async dailyFigures(
    definition: KpiDefinition,
    day: { date: string; unitCodes: string[] },
    days: { from: string },
    asOf: Date,
  ): Promise<RollupRow[]> {
    const dayRange = localDayRange(day.date);
    const range =
      definition.mode === 'reported'
        ? { start: localDayRange(days.from).start, end: dayRange.end }
        : dayRange;
    const evaluations = await this.engine.evaluateEach(definition, { unitCodes: day.unitCodes, range, asOf });
    return day.unitCodes.map((unitCode) => {
      const evaluation = evaluations.get(unitCode);
      if (!evaluation) throw new Error(`KPI ${definition.id}: no figures for ${unitCode} on ${day.date}`);
      return {
        unitCode,
        date: day.date,
        kpiId: definition.id,
        combine: evaluation.combine,
        numerator: evaluation.numerator,
        denominator: evaluation.denominator,
        value: evaluation.value,
        noData: evaluation.noData,
      };
    });
  }

  /** Every commune of the subtree and source: live, complete, clean, within expected volume. */
  async completeness(unitCode: string, now: Date = new Date()): Promise<ChildCompleteness[]> {
    const communes = this.communesOf(unitCode, now);
    const nowS = Math.floor(now.getTime() / 1000);
    const activity = await this.reader.feedActivity(communes, nowS);
    const marks = await this.marksAt(nowS);
    const thresholds = {
      liveWithinS: this.env.IOC_SYNC_LIVE_WITHIN_S,
      completeWithinS: this.env.IOC_SYNC_COMPLETE_WITHIN_S,
      cleanMaxRejectPermille: this.env.IOC_SYNC_CLEAN_MAX_REJECT_PERMILLE,
      volumeMinPct: this.env.IOC_SYNC_VOLUME_MIN_PCT,
      volumeMaxPct: this.env.IOC_SYNC_VOLUME_MAX_PCT,
    };
    return communes.map((commune) => {
      const feeds: FeedFigures[] = [];
      const keys = new Set([
        ...activity.filter((a) => a.unitCode === commune).map((a) => a.source),
        ...marks.filter((m) => m.unitCode === commune).map((m) => m.source),
      ]);
      for (const source of [...keys].sort()) {
        const a = activity.find((x) => x.unitCode === commune && x.source === source);
        const m = marks.find((x) => x.unitCode === commune && x.source === source);
        feeds.push({
          unitCode: commune,
          source,
          lastEventAt: a?.lastEventAt ?? null,
          lastStoredAt: a?.lastStoredAt ?? null,
          completeThrough: m?.completeThrough ?? null,
          rejected: m?.rejected ?? 0,
          accepted: m?.accepted ?? 0,
          last24h: a?.last24h ?? 0,
          previous7d: a?.previous7d ?? 0,
        });
      }
      const assessed = feeds.map((f) => assessFeed(f, nowS, thresholds));
      return { unitCode: commune, state: childStateOf(assessed), feeds: assessed };
    });
  }

  /** A commune COC vouches for its own store now; upper levels for what their children vouched for. */
  private async marksAt(now: number): Promise<SyncMark[]> {
    if (this.env.IOC_SYNC_ROLE !== 'commune') return this.outbox.receivedMarks();
    const counts = await this.outbox.ownCounts(now, this.env.IOC_SYNC_UNIT_CODE);
    const feeds = await this.outbox.storedFeeds();
    return feeds.map((f) => {
      const c = counts.find((x) => x.unitCode === f.unitCode && x.source === f.source);
      return { ...f, completeThrough: now, rejected: c?.rejected ?? 0, accepted: c?.accepted ?? 0 };
    });
  }
}

import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Subject } from 'rxjs';
import type { CommuneRow, LiveTile, ScreenAudience, ScreenDelta, SourceId } from '@libs/contracts';
import { AdministrativeHierarchy, localDateOf, localDayRange } from '@libs/admin-units';
import type { KpiDefinition } from '@libs/kpi';
import { ReferenceDataSource } from '@libs/reference-data';
import { GatewayEnv } from '../gateway.env';
import { FEED_FRESHNESS, type FeedFreshness } from '../kpi/feed-freshness.port';
import type { UnitKpisDto } from '../kpi/kpi-responses.dto';
import { mapConcurrently } from '@libs/platform';
import { GetKpiSeriesQuery } from '../kpi/queries/get-kpi-series.query';
import { GetUnitKpisQuery } from '../kpi/queries/get-unit-kpis.query';
import { kpisAffectedBy } from './affected-kpis';
import { CAMERA_ALERTS, type CameraAlerts } from './camera-alerts.port';
import { Coalescer } from './coalescer';
import { LiveScreenEnv } from './live-screen.env';
import { alertsOf, communeRowOf, sortCommunes, tileOf, MAX_ALERT_LINES } from './screen-content';
import { ScreenState, type ScreenChange } from './screen-state';
import { sourceHealth, type SourceCadences } from './source-cadence';
import { TREND_POINTS, tilePeriodOf, trendSpan, type TilePeriod } from './tile-period';

/** What a change to a screen can touch, besides tiles named by KPI id. */
const SOURCES = 'part:sources';
const ALERTS = 'part:alerts';
const COMMUNE = 'commune:';
const TRENDS = 'part:trends';

interface Screen {
  key: string;
  unitCode: string;
  audience: ScreenAudience;
  level: string;
  /** The communes its figures cover (itself for a commune). */
  communes: Set<string>;
  state: ScreenState;
  viewers: number;
  /** Earlier periods per KPI for the sparklines, for `trendsDate`. */
  trends: Map<string, (number | null)[]>;
  trendsDate: string;
}

export interface PublishedDelta {
  unitCode: string;
  audience: ScreenAudience;
  delta: ScreenDelta;
  /** When ingest stored the oldest facts this delta shows (the notices' storedAt), for the notice-to-emit latency. */
  noticeStoredAt?: number;
}

export const SOURCE_CADENCES = Symbol('SOURCE_CADENCES');

function byPeriod(definitions: readonly KpiDefinition[]): Map<TilePeriod, KpiDefinition[]> {
  const groups = new Map<TilePeriod, KpiDefinition[]>();
  for (const d of definitions) groups.set(tilePeriodOf(d), [...(groups.get(tilePeriodOf(d)) ?? []), d]);
  return groups;
}

/**
 * The screens this instance serves, one numbered state per unit and audience. Figures come from
 * the same CQRS queries as the REST API; a change notice marks the tiles it can move, and the
 * coalescer recomputes each screen's marked tiles at most once per interval. A periodic tick
 * re-judges source freshness and state KPIs (time passes without events), and local midnight
 * moves every screen to the new day.
 */
@Injectable()
export class LiveScreens implements OnModuleDestroy {
  private readonly logger = new Logger(LiveScreens.name);
  private readonly screens = new Map<string, Screen>();
  private readonly opening = new Map<string, Promise<Screen>>();
  private readonly coalescer: Coalescer<string>;
  /** Per screen, the oldest storedAt of the notices marked since its last recomputation. */
  private readonly noticesSince = new Map<string, number>();
  private readonly tick: NodeJS.Timeout;
  private midnight?: NodeJS.Timeout;
  private streams = 0;
  readonly deltas = new Subject<PublishedDelta>();

  constructor(
    private readonly queries: QueryBus,
    @Inject(FEED_FRESHNESS) private readonly freshness: FeedFreshness,
    @Inject(CAMERA_ALERTS) private readonly camera: CameraAlerts,
    @Inject(SOURCE_CADENCES) private readonly cadences: SourceCadences,
    private readonly hierarchy: AdministrativeHierarchy,
    private readonly env: LiveScreenEnv,
    private readonly gateway: GatewayEnv,
    private readonly reference: ReferenceDataSource,
  ) {
    this.coalescer = new Coalescer<string>(
      env.COC_SCREEN_COALESCE_MS,
      (key, items) => this.refresh(key, items),
      (key, error) =>
        this.logger.error(
          `screen ${key}: recomputation failed, retrying: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    );
    this.tick = setInterval(() => this.onTick(), env.COC_SCREEN_TICK_MS);
    this.scheduleMidnight();
  }

  /** A screen of this unit joins; the first one builds the state (full snapshot). */
  async join(unitCode: string, audience: ScreenAudience): Promise<ScreenState> {
    const key = `${unitCode}:${audience}`;
    let screen = this.screens.get(key);
    if (!screen) {
      let opening = this.opening.get(key);
      if (!opening) {
        opening = this.open(key, unitCode, audience).finally(() => this.opening.delete(key));
        this.opening.set(key, opening);
      }
      screen = await opening;
    }
    screen.viewers += 1;
    return screen.state;
  }

  /** The state a joined screen already follows (a resync after a gap). */
  async state(unitCode: string, audience: ScreenAudience): Promise<ScreenState> {
    const screen = this.screens.get(`${unitCode}:${audience}`);
    if (screen) return screen.state;
    const state = await this.join(unitCode, audience);
    return state;
  }

  leave(unitCode: string, audience: ScreenAudience): void {
    const key = `${unitCode}:${audience}`;
    const screen = this.screens.get(key);
    if (!screen) return;
    screen.viewers -= 1;
    if (screen.viewers <= 0) {
      this.screens.delete(key);
      this.coalescer.drop(key);
      this.noticesSince.delete(key);
    }
  }

  /** A change notice: marks, on every screen covering the unit, the tiles and parts it can move. */
  onChange(unitCode: string, source: SourceId, types: readonly string[], storedAt = Number.NaN): void {
    const kpis = kpisAffectedBy(this.catalog(), types).map((k) => k.id);
    for (const screen of this.screens.values()) {
      if (!screen.communes.has(unitCode) && screen.unitCode !== unitCode) continue;
      if (Number.isFinite(storedAt))
        this.noticesSince.set(screen.key, Math.min(storedAt, this.noticesSince.get(screen.key) ?? storedAt));
      const items = [...kpis, SOURCES];
      if (source === 'camera') items.push(ALERTS);
      if (screen.level !== 'commune') items.push(`${COMMUNE}${unitCode}`);
      this.coalescer.mark(screen.key, items);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.tick);
    clearTimeout(this.midnight);
    this.coalescer.stop();
    this.deltas.complete();
  }

  private async open(key: string, unitCode: string, audience: ScreenAudience): Promise<Screen> {
    const now = new Date();
    const tiles = await this.computeTiles(unitCode, this.catalog(), now, new Map());
    const first = tiles.scope;
    const screenUnit = { code: first.unit.code, name: first.unit.name, level: first.unit.level };
    const communes = new Set(first.communes);
    const [sources, camera, communeRows] = await Promise.all([
      this.sources(unitCode, [...communes], now),
      this.cameraSituation([...communes], now),
      first.unit.level === 'commune'
        ? Promise.resolve([])
        : this.communeRows([...communes], now).then((rows) => sortCommunes(rows, this.headline().direction)),
    ]);
    this.streams += 1;
    const stream = `${this.gateway.COC_GATEWAY_INSTANCE_ID}:${unitCode}:${audience}:${now.getTime()}:${this.streams}`;
    const screen: Screen = {
      key,
      unitCode,
      audience,
      level: first.unit.level,
      communes,
      viewers: 0,
      trends: new Map(),
      trendsDate: '',
      state: new ScreenState(stream, {
        unit: screenUnit,
        audience,
        date: localDateOf(now),
        asOf: now.toISOString(),
        tiles: tiles.tiles,
        sources,
        alerts: alertsOf(tiles.tiles, camera, audience, now.toISOString()),
        communeKpiIds: first.unit.level === 'commune' ? [] : [...this.env.COC_SCREEN_COMMUNE_KPIS],
        communes: communeRows,
      }),
    };
    this.screens.set(key, screen);
    this.loadTrends(screen, now);
    return screen;
  }

  private async refresh(key: string, items: ReadonlySet<string>): Promise<void> {
    const screen = this.screens.get(key);
    if (!screen) return;
    const noticeStoredAt = this.noticesSince.get(key);
    this.noticesSince.delete(key);
    const now = new Date();
    const change: ScreenChange = { asOf: now.toISOString() };
    const date = localDateOf(now);
    const rollover = date !== screen.state.snapshot().date;
    this.loadTrends(screen, now);
    const kpis = rollover ? this.catalog() : this.catalog().filter((k) => items.has(k.id));
    const communes = [...screen.communes];
    const changedCommunes = rollover
      ? communes
      : [...items].filter((i) => i.startsWith(COMMUNE)).map((i) => i.slice(COMMUNE.length));
    const wantsAlerts = items.has(ALERTS) || kpis.some((k) => k.mode === 'state') || rollover;
    // Independent reads run together: the slowest one, not their sum, is the screen's latency.
    const [tiles, sources, camera, rows] = await Promise.all([
      kpis.length > 0 ? this.computeTiles(screen.unitCode, kpis, now, screen.trends) : undefined,
      items.has(SOURCES) || rollover ? this.sources(screen.unitCode, communes, now) : undefined,
      wantsAlerts ? this.cameraSituation(communes, now) : undefined,
      screen.level !== 'commune' && changedCommunes.length > 0
        ? this.communeRows(changedCommunes, now)
        : undefined,
    ]);
    if (tiles) change.tiles = tiles.tiles;
    if (items.has(TRENDS)) {
      const base = change.tiles ? mergeTiles(screen.state.tiles, change.tiles) : screen.state.tiles;
      change.tiles = base.map((t) => ({ ...t, trend: screen.trends.get(t.kpiId) ?? [] }));
    }
    if (rollover) change.date = date;
    change.sources = sources;
    if (camera) {
      const all = change.tiles ? mergeTiles(screen.state.tiles, change.tiles) : screen.state.tiles;
      change.alerts = alertsOf(all, camera, screen.audience, now.toISOString());
    }
    if (rows) {
      const merged = new Map<string, CommuneRow>(
        screen.state.snapshot().communes.map((r) => [r.unitCode, r]),
      );
      rows.forEach((r) => merged.set(r.unitCode, r));
      change.communes = sortCommunes([...merged.values()], this.headline().direction);
    }
    const delta = screen.state.apply(change);
    if (delta)
      this.deltas.next({ unitCode: screen.unitCode, audience: screen.audience, delta, noticeStoredAt });
  }

  /** Time passes without events: freshness, open-and-overdue states and the alerts window move. */
  private onTick(): void {
    const stateKpis = this.catalog()
      .filter((k) => k.mode === 'state')
      .map((k) => k.id);
    for (const screen of this.screens.values())
      this.coalescer.mark(screen.key, [SOURCES, ALERTS, ...stateKpis]);
  }

  private scheduleMidnight(): void {
    const now = new Date();
    const next = localDayRange(localDateOf(now)).end.getTime() + 1_000;
    this.midnight = setTimeout(
      () => {
        for (const screen of this.screens.values()) this.coalescer.mark(screen.key, ['part:day']);
        this.scheduleMidnight();
      },
      Math.min(next - now.getTime(), 2 ** 31 - 1),
    );
  }

  /** The KPIs a screen shows: the built-in catalog and the run-time indicators loaded as reference data. */
  private catalog(): readonly KpiDefinition[] {
    return this.reference.current().kpis;
  }

  private definition(kpiId: string): KpiDefinition {
    const definition = this.reference.current().findKpi(kpiId);
    if (!definition) throw new Error(`no KPI ${kpiId} in the catalog`);
    return definition;
  }

  /** The communes table's first KPI: it ranks the communes. */
  private headline(): KpiDefinition {
    return this.definition(this.env.COC_SCREEN_COMMUNE_KPIS[0]);
  }

  private async computeTiles(
    unitCode: string,
    definitions: readonly KpiDefinition[],
    now: Date,
    trends: ReadonlyMap<string, (number | null)[]>,
  ): Promise<{ scope: UnitKpisDto; tiles: LiveTile[] }> {
    const answers = await Promise.all(
      [...byPeriod(definitions)].map(([period, group]) =>
        this.queries.execute(
          new GetUnitKpisQuery(
            { unitCode, requestedAt: now },
            { period },
            group.map((d) => d.id),
          ),
        ),
      ),
    );
    const tiles = answers.flatMap((answer) =>
      answer.kpis.map((dto) =>
        tileOf(this.definition(dto.kpiId), dto, answer.period, trends.get(dto.kpiId) ?? []),
      ),
    );
    const order = new Map(this.catalog().map((k, i) => [k.id, i]));
    tiles.sort((a, b) => (order.get(a.kpiId) ?? 0) - (order.get(b.kpiId) ?? 0));
    return { scope: answers[0], tiles };
  }

  /**
   * Sparklines cost one evaluation per point, so they follow the snapshot instead of delaying it;
   * past periods do not move, so they are computed once per local day.
   */
  private loadTrends(screen: Screen, now: Date): void {
    const date = localDateOf(now);
    if (screen.trendsDate === date) return;
    screen.trendsDate = date;
    this.trends(screen.unitCode, now).then(
      (trends) => {
        screen.trends = trends;
        this.coalescer.mark(screen.key, [TRENDS]);
      },
      (error: unknown) => {
        screen.trendsDate = '';
        this.logger.error(
          `screen ${screen.key}: sparklines failed, the next recomputation retries: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  }

  private async trends(unitCode: string, now: Date): Promise<Map<string, (number | null)[]>> {
    const result = new Map<string, (number | null)[]>();
    for (const definition of this.catalog()) {
      const period = tilePeriodOf(definition);
      const span = trendSpan(period, TREND_POINTS[period], now);
      if (!span || period === 'quarter' || period === 'year') continue;
      const series = await this.queries.execute(
        new GetKpiSeriesQuery({ unitCode, requestedAt: now }, definition.id, period, span),
      );
      result.set(
        definition.id,
        series.points.map((p) => p.value),
      );
    }
    return result;
  }

  private async sources(unitCode: string, communes: string[], now: Date) {
    const latest = await this.freshness.latestBySource(communes, now);
    const lastEvents = new Map([...latest].map(([source, f]) => [source, f.lastEventAt]));
    return sourceHealth(this.cadences, unitCode, lastEvents, now);
  }

  private cameraSituation(communes: string[], now: Date) {
    const since = new Date(now.getTime() - this.env.COC_SCREEN_ALERT_WINDOW_HOURS * 3_600_000);
    return this.camera.situation(communes, since, now, MAX_ALERT_LINES);
  }

  private async communeRows(codes: string[], now: Date): Promise<CommuneRow[]> {
    const date = localDateOf(now);
    const ids = this.env.COC_SCREEN_COMMUNE_KPIS;
    const groups = [...byPeriod(ids.map((id) => this.definition(id)))];
    return mapConcurrently(codes, 4, async (code) => {
      const answers = await Promise.all(
        groups.map(([period, group]) =>
          this.queries.execute(
            new GetUnitKpisQuery(
              { unitCode: code, requestedAt: now },
              { period },
              group.map((d) => d.id),
            ),
          ),
        ),
      );
      const byId = new Map(answers.flatMap((a) => a.kpis).map((k) => [k.kpiId, k]));
      const unit = this.hierarchy.unitAt(code, date);
      return communeRowOf(
        { code, name: unit?.name ?? code },
        ids.map((id) => {
          const answer = byId.get(id);
          if (!answer) throw new Error(`no answer for KPI ${id} of commune ${code}`);
          return answer;
        }),
        await this.sources(code, [code], now),
      );
    });
  }
}

function mergeTiles(before: readonly LiveTile[], changed: readonly LiveTile[]): LiveTile[] {
  const byId = new Map(changed.map((t) => [t.kpiId, t]));
  return before.map((t) => byId.get(t.kpiId) ?? t);
}

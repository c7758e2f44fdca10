import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Subject } from 'rxjs';
import type {
  CommuneRow,
  LiveTile,
  ScreenAudience,
  ScreenDelta,
  SourceHealth,
  SourceId,
} from '@libs/contracts';
import { AdministrativeHierarchy, localDateOf, localDayRange } from '@libs/admin-units';
import type { KpiDefinition } from '@libs/kpi';
import { ReferenceDataSource } from '@libs/reference-data';
import { GatewayEnv } from '../gateway.env';
import { FEED_FRESHNESS, type FeedFreshness, type SourceFreshness } from '../kpi/feed-freshness.port';
import type { KpiFiguresDto } from '../kpi/kpi-reader.service';
import type { PeriodDto } from '../kpi/kpi-responses.dto';
import { mapConcurrently } from '@libs/platform';
import { GetKpiSeriesOfEachUnitQuery } from '../kpi/queries/get-kpi-series-of-each-unit.query';
import { GetKpisOfEachUnitQuery, type UnitFiguresDto } from '../kpi/queries/get-kpis-of-each-unit.query';
import { kpisAffectedBy } from './affected-kpis';
import { CAMERA_ALERTS, type CameraAlerts, type CameraSituation } from './camera-alerts.port';
import { Coalescer } from './coalescer';
import { GroupBatcher } from './group-batcher';
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
  communes: readonly string[];
  state: ScreenState;
  viewers: number;
  /** Earlier periods per KPI for the sparklines, for `trendsDate`. */
  trends: ReadonlyMap<string, (number | null)[]>;
  trendsDate: string;
}

/** What to recompute of one screen; parts left out are not read. */
interface Recompute {
  unitCode: string;
  communes: readonly string[];
  kpis: readonly KpiDefinition[];
  sources: boolean;
  camera: boolean;
  /** Communes whose rows of the communes table change. */
  rows: readonly string[];
}

interface Recomputed {
  /** Without sparklines: the screen's own are added. */
  tiles?: LiveTile[];
  sources?: SourceHealth[];
  camera?: CameraSituation;
  rows?: CommuneRow[];
}

/** A unit's figures for some KPIs, with the period each was read over. */
interface UnitFigures {
  scope: UnitFiguresDto;
  figures: Map<string, { dto: KpiFiguresDto; period: PeriodDto }>;
}

/** Screens read in parallel for the parts that are not shared (units above communes). */
const SCREEN_READS = 8;

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

const screenKey = (unitCode: string, audience: ScreenAudience) => `${unitCode}:${audience}`;

function keyParts(key: string): { unitCode: string; audience: ScreenAudience } {
  const [unitCode, audience] = key.split(':');
  return { unitCode, audience: audience as ScreenAudience };
}

/** A commune's screen: its own reads are the same as its share of a batched read. */
const alone = (s: { unitCode: string; communes: readonly string[] }) =>
  s.communes.length === 1 && s.communes[0] === s.unitCode;

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * The screens this instance serves, one numbered state per unit and audience. Figures come from
 * the same CQRS queries as the REST API; a change notice marks the tiles it can move, and the
 * coalescer recomputes the marked screens at most once per interval, together: each KPI is read
 * once for all the communes' screens of a batch (and freshness, camera alerts and the communes
 * table likewise), so a national wave of notices costs a few queries per KPI, not a few per screen.
 * Screens opened together are read together the same way, and their sparklines too. A periodic
 * tick re-judges source freshness and state KPIs (time passes without events), and local midnight
 * moves every screen to the new day.
 */
@Injectable()
export class LiveScreens implements OnModuleDestroy {
  private readonly logger = new Logger(LiveScreens.name);
  private readonly screens = new Map<string, Screen>();
  /** The screens covering each commune (and each unit's own), for the notices. */
  private readonly byUnit = new Map<string, Set<Screen>>();
  private readonly openings: GroupBatcher<string, Screen>;
  private readonly trendLoads: GroupBatcher<string, Map<string, (number | null)[]>>;
  private readonly coalescer: Coalescer<string>;
  /** Per screen, the oldest storedAt of the notices marked since its last recomputation. */
  private readonly noticesSince = new Map<string, number>();
  /** Each unit's sparklines of the day, shared by its screens (either audience, opened at any time). */
  private readonly trendsOfDay = new Map<string, { date: string; trends: Map<string, (number | null)[]> }>();
  /** The recomputation running, if any: sparkline loads wait for it so they never delay a notice's. */
  private recomputing: Promise<unknown> = Promise.resolve();
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
      (batch) => {
        const run = this.refreshAll(batch);
        this.recomputing = run.catch(() => undefined);
        return run;
      },
      (keys, error) =>
        this.logger.error(
          `${keys.length} screen(s) (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}): recomputation failed, retrying: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    );
    this.openings = new GroupBatcher((keys) => this.openAll(keys));
    this.trendLoads = new GroupBatcher((units) => this.trendsEach(units));
    this.tick = setInterval(() => this.onTick(), env.COC_SCREEN_TICK_MS);
    this.scheduleMidnight();
  }

  /** A screen of this unit joins; the first one builds the state (full snapshot). */
  async join(unitCode: string, audience: ScreenAudience): Promise<ScreenState> {
    const key = screenKey(unitCode, audience);
    const screen = this.screens.get(key) ?? (await this.openings.load(key));
    screen.viewers += 1;
    return screen.state;
  }

  /** The state a joined screen already follows (a resync after a gap). */
  async state(unitCode: string, audience: ScreenAudience): Promise<ScreenState> {
    const screen = this.screens.get(screenKey(unitCode, audience));
    if (screen) return screen.state;
    const state = await this.join(unitCode, audience);
    return state;
  }

  leave(unitCode: string, audience: ScreenAudience): void {
    const key = screenKey(unitCode, audience);
    const screen = this.screens.get(key);
    if (!screen) return;
    screen.viewers -= 1;
    if (screen.viewers <= 0) {
      this.screens.delete(key);
      for (const unit of [screen.unitCode, ...screen.communes]) {
        const covering = this.byUnit.get(unit);
        covering?.delete(screen);
        if (covering?.size === 0) {
          this.byUnit.delete(unit);
          this.trendsOfDay.delete(unit);
        }
      }
      this.coalescer.drop(key);
      this.noticesSince.delete(key);
    }
  }

  /** A change notice: marks, on every screen covering the unit, the tiles and parts it can move. */
  onChange(unitCode: string, source: SourceId, types: readonly string[], storedAt = Number.NaN): void {
    const screens = this.byUnit.get(unitCode);
    if (!screens) return;
    const kpis = kpisAffectedBy(this.catalog(), types).map((k) => k.id);
    for (const screen of screens) {
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

  /** The screens asked together: every unit's tiles first (they name its communes), then the rest. */
  private async openAll(keys: readonly string[]): Promise<Map<string, Screen | Error>> {
    const now = new Date();
    const wanted = keys.map(keyParts);
    const units = [...new Set(wanted.map((w) => w.unitCode))];
    const tiles = await this.tilesEach(new Map(units.map((u) => [u, this.catalog()])), now);
    const opened = new Map<string, Screen | Error>();
    const shaped: { key: string; audience: ScreenAudience; unit: UnitFigures['scope']; tiles: LiveTile[] }[] =
      [];
    for (const [i, { unitCode, audience }] of wanted.entries()) {
      const read = tiles.get(unitCode);
      if (!read || read instanceof Error) opened.set(keys[i], read ?? new Error(`no tiles for ${unitCode}`));
      else shaped.push({ key: keys[i], audience, unit: read.scope, tiles: read.tiles });
    }
    const rest = await this.recomputeAll(
      shaped.map(({ unit }) => ({
        unitCode: unit.unit.code,
        communes: unit.communes,
        kpis: [],
        sources: true,
        camera: true,
        rows: unit.unit.level === 'commune' ? [] : unit.communes,
      })),
      now,
    );
    for (const [i, { key, audience, unit, tiles: screenTiles }] of shaped.entries()) {
      const read = rest[i];
      if (read instanceof Error) {
        opened.set(key, read);
        continue;
      }
      const screen = this.screenOf(key, audience, unit, screenTiles, read, now);
      this.screens.set(key, screen);
      for (const code of new Set([screen.unitCode, ...screen.communes]))
        this.byUnit.set(code, (this.byUnit.get(code) ?? new Set()).add(screen));
      this.loadTrends(screen, now);
      opened.set(key, screen);
    }
    return opened;
  }

  private screenOf(
    key: string,
    audience: ScreenAudience,
    scope: UnitFigures['scope'],
    tiles: LiveTile[],
    read: Recomputed,
    now: Date,
  ): Screen {
    const { code, name, level } = scope.unit;
    const commune = level === 'commune';
    this.streams += 1;
    return {
      key,
      unitCode: code,
      audience,
      level,
      communes: scope.communes,
      viewers: 0,
      trends: new Map(),
      trendsDate: '',
      state: new ScreenState(
        `${this.gateway.COC_GATEWAY_INSTANCE_ID}:${code}:${audience}:${now.getTime()}:${this.streams}`,
        {
          unit: { code, name, level },
          audience,
          date: localDateOf(now),
          asOf: now.toISOString(),
          tiles,
          sources: read.sources ?? [],
          alerts: alertsOf(tiles, this.noCameraIfMissing(read.camera), audience, now.toISOString()),
          communeKpiIds: commune ? [] : [...this.env.COC_SCREEN_COMMUNE_KPIS],
          communes: commune ? [] : sortCommunes(read.rows ?? [], this.headline().direction),
        },
      ),
    };
  }

  private noCameraIfMissing(camera: CameraSituation | undefined): CameraSituation {
    return camera ?? { alerts: [], alertsRaised: 0, alertsUnacknowledged: 0, congestions: [] };
  }

  /** The marked screens of a flush window, read together; answers the screens that failed. */
  private async refreshAll(batch: ReadonlyMap<string, ReadonlySet<string>>): Promise<Map<string, unknown>> {
    const now = new Date();
    const date = localDateOf(now);
    const plans: { screen: Screen; items: ReadonlySet<string>; rollover: boolean; request: Recompute }[] = [];
    for (const [key, items] of batch) {
      const screen = this.screens.get(key);
      if (!screen) continue;
      const rollover = date !== screen.state.snapshot().date;
      this.loadTrends(screen, now);
      const kpis = rollover ? this.catalog() : this.catalog().filter((k) => items.has(k.id));
      const rows = rollover
        ? screen.communes
        : [...items].filter((i) => i.startsWith(COMMUNE)).map((i) => i.slice(COMMUNE.length));
      plans.push({
        screen,
        items,
        rollover,
        request: {
          unitCode: screen.unitCode,
          communes: screen.communes,
          kpis,
          sources: items.has(SOURCES) || rollover,
          camera: items.has(ALERTS) || kpis.some((k) => k.mode === 'state') || rollover,
          rows: screen.level === 'commune' ? [] : rows,
        },
      });
    }
    const reads = await this.recomputeAll(
      plans.map((p) => p.request),
      now,
    );
    const failed = new Map<string, unknown>();
    for (const [i, { screen, items, rollover }] of plans.entries()) {
      const read = reads[i];
      if (read instanceof Error) failed.set(screen.key, read);
      else this.apply(screen, items, rollover, read, now);
    }
    return failed;
  }

  private apply(
    screen: Screen,
    items: ReadonlySet<string>,
    rollover: boolean,
    read: Recomputed,
    now: Date,
  ): void {
    const noticeStoredAt = this.noticesSince.get(screen.key);
    this.noticesSince.delete(screen.key);
    const change: ScreenChange = { asOf: now.toISOString() };
    if (read.tiles) change.tiles = this.withTrends(screen, read.tiles);
    if (items.has(TRENDS)) {
      const base = change.tiles ? mergeTiles(screen.state.tiles, change.tiles) : screen.state.tiles;
      change.tiles = this.withTrends(screen, base);
    }
    if (rollover) change.date = localDateOf(now);
    change.sources = read.sources;
    if (read.camera) {
      const all = change.tiles ? mergeTiles(screen.state.tiles, change.tiles) : screen.state.tiles;
      change.alerts = alertsOf(all, read.camera, screen.audience, now.toISOString());
    }
    if (read.rows) {
      const merged = new Map<string, CommuneRow>(
        screen.state.snapshot().communes.map((r) => [r.unitCode, r]),
      );
      read.rows.forEach((r) => merged.set(r.unitCode, r));
      change.communes = sortCommunes([...merged.values()], this.headline().direction);
    }
    const delta = screen.state.apply(change);
    if (delta)
      this.deltas.next({ unitCode: screen.unitCode, audience: screen.audience, delta, noticeStoredAt });
  }

  private withTrends(screen: Screen, tiles: readonly LiveTile[]): LiveTile[] {
    return tiles.map((t) => ({ ...t, trend: screen.trends.get(t.kpiId) ?? [] }));
  }

  /**
   * The parts asked of many screens, each read once for all of them: tiles by KPI over every unit
   * that needs it, freshness and camera alerts of the communes' screens and of the communes table
   * rows; a screen above the communes reads its own freshness and alerts (few such screens).
   * Each screen gets its parts or the error that kept them from it.
   */
  private async recomputeAll(requests: readonly Recompute[], now: Date): Promise<(Recomputed | Error)[]> {
    const tileNeeds = new Map<string, Set<KpiDefinition>>();
    for (const r of requests)
      if (r.kpis.length > 0) {
        const needs = tileNeeds.get(r.unitCode) ?? new Set<KpiDefinition>();
        r.kpis.forEach((k) => needs.add(k));
        tileNeeds.set(r.unitCode, needs);
      }
    const rowCodes = [...new Set(requests.flatMap((r) => r.rows))];
    const freshCodes = new Set(rowCodes);
    const cameraCodes = new Set<string>();
    for (const r of requests) {
      if (r.sources && alone(r)) freshCodes.add(r.unitCode);
      if (r.camera && alone(r)) cameraCodes.add(r.unitCode);
    }
    const rowKpis = this.env.COC_SCREEN_COMMUNE_KPIS.map((id) => this.definition(id));
    const [tiles, latest, camera, rowFigures] = await Promise.all([
      this.tilesEach(tileNeeds, now),
      this.freshness.latestBySourceEach([...freshCodes], now),
      this.camera.situationEach([...cameraCodes], this.alertsSince(now), now, MAX_ALERT_LINES),
      this.figuresEach(new Map(rowCodes.map((code) => [code, rowKpis])), now),
    ]);
    const health = (code: string) => this.health(code, latest.get(code), now);
    return mapConcurrently(requests, SCREEN_READS, async (r): Promise<Recomputed | Error> => {
      try {
        const unitTiles = tiles.get(r.unitCode);
        if (unitTiles instanceof Error) return unitTiles;
        const wanted = new Set(r.kpis.map((k) => k.id));
        const [sources, situation] = await Promise.all([
          !r.sources ? undefined : alone(r) ? health(r.unitCode) : this.sources(r.unitCode, r.communes, now),
          !r.camera
            ? undefined
            : alone(r)
              ? camera.get(r.unitCode)
              : this.camera.situation(r.communes, this.alertsSince(now), now, MAX_ALERT_LINES),
        ]);
        const rows = r.rows.map((code) => {
          const read = rowFigures.get(code);
          if (!read || read instanceof Error) throw read ?? new Error(`no figures for commune ${code}`);
          const unit = this.hierarchy.unitAt(code, localDateOf(now));
          return communeRowOf(
            { code, name: unit?.name ?? code },
            rowKpis.map((k) => {
              const figure = read.figures.get(k.id);
              if (!figure) throw new Error(`no answer for KPI ${k.id} of commune ${code}`);
              return figure.dto;
            }),
            health(code),
          );
        });
        return {
          ...(wanted.size > 0 && unitTiles
            ? { tiles: unitTiles.tiles.filter((t) => wanted.has(t.kpiId)) }
            : {}),
          ...(sources ? { sources } : {}),
          ...(situation ? { camera: situation } : {}),
          ...(r.rows.length > 0 ? { rows } : {}),
        };
      } catch (error) {
        return asError(error);
      }
    });
  }

  /** Each unit's tiles for the KPIs it needs, in catalog order (sparklines left empty). */
  private async tilesEach(
    needs: ReadonlyMap<string, Iterable<KpiDefinition>>,
    now: Date,
  ): Promise<Map<string, { scope: UnitFiguresDto; tiles: LiveTile[] } | Error>> {
    const figures = await this.figuresEach(needs, now);
    const order = new Map(this.catalog().map((k, i) => [k.id, i]));
    const result = new Map<string, { scope: UnitFiguresDto; tiles: LiveTile[] } | Error>();
    for (const [unitCode, read] of figures) {
      if (read instanceof Error) {
        result.set(unitCode, read);
        continue;
      }
      const tiles = [...read.figures.values()].map(({ dto, period }) =>
        tileOf(this.definition(dto.kpiId), dto, period, []),
      );
      tiles.sort((a, b) => (order.get(a.kpiId) ?? 0) - (order.get(b.kpiId) ?? 0));
      result.set(unitCode, { scope: read.scope, tiles });
    }
    return result;
  }

  /**
   * The units' figures, one batched query per tile period and set of KPIs: units needing the same
   * KPIs (every commune of a wave of notices) are read together.
   */
  private async figuresEach(
    needs: ReadonlyMap<string, Iterable<KpiDefinition>>,
    now: Date,
  ): Promise<Map<string, UnitFigures | Error>> {
    const groups = new Map<string, { period: TilePeriod; ids: string[]; units: string[] }>();
    for (const [unitCode, definitions] of needs)
      for (const [period, group] of byPeriod([...definitions])) {
        const ids = group.map((d) => d.id).sort();
        const signature = `${period}|${ids.join(',')}`;
        const known = groups.get(signature) ?? { period, ids, units: [] };
        known.units.push(unitCode);
        groups.set(signature, known);
      }
    const answers = await Promise.all(
      [...groups.values()].map(({ period, ids, units }) =>
        this.queries.execute(new GetKpisOfEachUnitQuery(units, now, { period }, ids)),
      ),
    );
    const result = new Map<string, UnitFigures | Error>();
    for (const each of answers)
      for (const [unitCode, answer] of each) {
        const known = result.get(unitCode);
        if (known instanceof Error) continue;
        if (answer instanceof Error) {
          result.set(unitCode, answer);
          continue;
        }
        const figures = known?.figures ?? new Map<string, { dto: KpiFiguresDto; period: PeriodDto }>();
        for (const dto of answer.kpis) figures.set(dto.kpiId, { dto, period: answer.period });
        result.set(unitCode, { scope: known?.scope ?? answer, figures });
      }
    return result;
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

  /**
   * Sparklines cost one evaluation per point, so they follow the snapshot instead of delaying it;
   * past periods do not move, so they are computed once per local day, for all the screens that
   * ask at once.
   */
  private loadTrends(screen: Screen, now: Date): void {
    const date = localDateOf(now);
    if (screen.trendsDate === date) return;
    screen.trendsDate = date;
    const known = this.trendsOfDay.get(screen.unitCode);
    const trends =
      known?.date === date ? Promise.resolve(known.trends) : this.trendLoads.load(screen.unitCode);
    trends.then(
      (loaded) => {
        if (this.byUnit.has(screen.unitCode)) this.trendsOfDay.set(screen.unitCode, { date, trends: loaded });
        screen.trends = loaded;
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

  /**
   * Each unit's sparklines: one batched series per KPI, one KPI after the other to spare ClickHouse,
   * each after the recomputation running (notices first).
   */
  private async trendsEach(
    unitCodes: readonly string[],
  ): Promise<Map<string, Map<string, (number | null)[]> | Error>> {
    const now = new Date();
    const result = new Map<string, Map<string, (number | null)[]> | Error>(
      unitCodes.map((u) => [u, new Map<string, (number | null)[]>()]),
    );
    for (const definition of this.catalog()) {
      const period = tilePeriodOf(definition);
      const span = trendSpan(period, TREND_POINTS[period], now);
      if (!span || period === 'quarter' || period === 'year') continue;
      await this.recomputing;
      const series = await this.queries.execute(
        new GetKpiSeriesOfEachUnitQuery(unitCodes, now, definition.id, period, span),
      );
      for (const [unitCode, points] of series) {
        const trends = result.get(unitCode);
        if (trends instanceof Map)
          result.set(
            unitCode,
            points instanceof Error
              ? points
              : trends.set(
                  definition.id,
                  points.map((p) => p.value),
                ),
          );
      }
    }
    return result;
  }

  private health(unitCode: string, latest: ReadonlyMap<SourceId, SourceFreshness> | undefined, now: Date) {
    const lastEvents = new Map([...(latest ?? [])].map(([source, f]) => [source, f.lastEventAt]));
    return sourceHealth(this.cadences, unitCode, lastEvents, now);
  }

  private async sources(unitCode: string, communes: readonly string[], now: Date) {
    return this.health(unitCode, await this.freshness.latestBySource(communes, now), now);
  }

  private alertsSince(now: Date): Date {
    return new Date(now.getTime() - this.env.COC_SCREEN_ALERT_WINDOW_HOURS * 3_600_000);
  }
}

function mergeTiles(before: readonly LiveTile[], changed: readonly LiveTile[]): LiveTile[] {
  const byId = new Map(changed.map((t) => [t.kpiId, t]));
  return before.map((t) => byId.get(t.kpiId) ?? t);
}

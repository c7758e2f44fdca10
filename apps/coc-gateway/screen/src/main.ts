import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-600.css';
import '@fontsource/be-vietnam-pro/vietnamese-700.css';
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/latin-600.css';
import '@fontsource/be-vietnam-pro/latin-700.css';
import 'uplot/dist/uPlot.min.css';
import './screen.css';
import uPlot from 'uplot';
import { io, type Socket } from 'socket.io-client';
import {
  PILLARS,
  Reconnector,
  WALL_SCREEN_NAMESPACE,
  type ClientToServerEvents,
  type LiveTile,
  type Pillar,
  type ScreenAlert,
  type ServerToClientEvents,
  type SourceHealth,
  type SubscribeReply,
} from '@libs/contracts/wall-screen';
import { communesTable } from './communes-table';
import { el, setText } from './dom';
import {
  SHAPE,
  formatDate,
  formatTime,
  formatValue,
  formatValueParts,
  formatWhen,
  shortCitation,
  toneOf,
  type Lang,
} from './format';
import { TEXTS } from './i18n';
import { isPillarView, parseOptions, type ScreenOptions } from './playlist';
import { ScreenCredential, renewDelay, type IssuedToken } from './screen-credential';
import { receiveDelta, receiveReply, type ScreenModel } from './screen-model';
import {
  COMMUNE_PAGE_ROWS,
  DISTRICT_OVERVIEW_SLOTS,
  OVERVIEW_COMMUNE_ROWS,
  OVERVIEW_SLOTS,
  currentStep,
  nextStep,
  overviewTiles,
  pillarCounts,
  pillarPage,
  stepsOf,
  worstFirst,
  type Step,
} from './screen-pages';

declare const SCREEN_BUILD: string;

/** POST /api/v1/access/token with a key or a still-valid token (libs/access). */
async function issueToken(bearer: string): Promise<IssuedToken> {
  const res = await fetch('/api/v1/access/token', {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}` },
  });
  if (!res.ok) throw new Error(`token refused (${res.status})`);
  return (await res.json()) as IssuedToken;
}

type Connection = 'connected' | 'connecting' | 'disconnected';

/** KPI columns of the narrow communes table beside the overview's tiles (the communes view shows them all). */
const OVERVIEW_TABLE_KPIS = 1;

/** One tile's nodes, kept for the page's life and updated in place (flat DOM over days). */
class TileView {
  readonly root = el('article', 'tile');
  private readonly name = el('h3', 'tile-name');
  private readonly value = el('div', 'tile-value');
  private readonly number = el('span', 'value-number');
  private readonly unitLabel = el('span', 'value-unit');
  private readonly status = el('div', 'tile-status');
  private readonly main = el('div', 'tile-main');
  private readonly target = el('div', 'tile-target');
  private readonly plan = el('div', 'tile-plan');
  private readonly planShort = el('span', 'plan-short');
  private readonly planFull = el('span', 'plan-full');
  private readonly note = el('div', 'tile-note');
  private readonly spark = el('div', 'tile-spark');
  private chart?: uPlot;
  private last?: LiveTile;

  constructor(private readonly lang: Lang) {
    this.value.append(this.number, this.unitLabel);
    this.main.append(this.value, this.spark);
    this.plan.append(this.planShort, this.planFull);
    this.root.append(this.name, this.main, this.status, this.target, this.plan, this.note);
  }

  update(tile: LiveTile, staleSource: SourceHealth | undefined, now: Date): void {
    const t = TEXTS[this.lang];
    const tone = toneOf(tile);
    const moved = this.last !== undefined && this.last.value !== tile.value;
    this.root.dataset.kpi = tile.kpiId;
    this.root.dataset.sources = tile.sources.join(' ');
    this.root.dataset.tone = tone;
    this.root.dataset.stale = staleSource ? 'true' : 'false';
    this.root.dataset.value = tile.value === null ? '' : String(tile.value);
    setText(this.name, this.lang === 'vi' ? tile.nameVi : tile.nameEn);
    const shown = formatValueParts(tile.value, tile.unit, this.lang, tile.unitLabel);
    setText(this.number, shown.number);
    setText(this.unitLabel, shown.unit);
    const label = this.lang === 'vi' ? tile.statusLabelVi : tile.statusLabelEn;
    setText(this.status, `${SHAPE[tone]} ${label}`);
    if (tile.target) {
      setText(
        this.target,
        `${t.target} ${tile.target.comparator === 'aspirational' ? '≥' : tile.target.comparator} ${formatValue(tile.target.value, tile.unit, this.lang, tile.unitLabel)} · ${tile.target.year}`,
      );
      setText(this.planShort, shortCitation(tile.target.citation));
      setText(this.planFull, tile.target.citation);
    } else {
      setText(this.target, t.noTargetPlan);
      setText(this.planShort, '');
      setText(this.planFull, '');
    }
    const notes: string[] = [];
    if (tile.noData) notes.push(t.noData[tile.noData] ?? tile.noData);
    else if (tile.unitsWithoutData > 0) notes.push(t.communesWithoutData(tile.unitsWithoutData));
    // A tile without data has nothing stale to warn about: its reason is the news.
    if (staleSource && tile.value !== null)
      notes.push(
        `${t.updatedAt} ${staleSource.lastEventAt ? formatWhen(new Date(staleSource.lastEventAt), now, this.lang) : t.never}`,
      );
    setText(this.note, notes.join(' · '));
    this.note.dataset.stale = staleSource && tile.value !== null ? 'true' : 'false';
    if (moved) {
      this.root.dataset.changedAt = String(Date.now());
      this.root.classList.remove('moved');
      // Re-adding the class restarts the one short highlight animation.
      void this.root.offsetWidth;
      this.root.classList.add('moved');
    }
    this.drawTrend(tile);
    this.last = tile;
  }

  private drawTrend(tile: LiveTile): void {
    const values = [...tile.trend, tile.value];
    const same =
      this.last && JSON.stringify([...this.last.trend, this.last.value]) === JSON.stringify(values);
    if (tile.trend.length === 0) {
      this.chart?.destroy();
      this.chart = undefined;
      this.spark.hidden = true;
      return;
    }
    this.spark.hidden = false;
    if (same && this.chart) return;
    const data: uPlot.AlignedData = [values.map((_, i) => i), values.map((v) => v ?? null)];
    if (this.chart) {
      this.chart.setData(data);
      return;
    }
    this.chart = new uPlot(
      {
        width: Math.max(1, this.spark.clientWidth),
        height: Math.max(1, this.spark.clientHeight),
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false } },
        series: [{}, { stroke: '#8fc6ff', width: 2, points: { show: false }, spanGaps: false }],
      },
      data,
      this.spark,
    );
  }

  /** Sizes the sparkline to the room its line leaves, once placed (a tile moves between views of other sizes). */
  fit(): void {
    if (!this.chart) return;
    const width = Math.max(1, this.spark.clientWidth);
    const height = Math.max(1, this.spark.clientHeight);
    if (width !== this.chart.width || height !== this.chart.height) this.chart.setSize({ width, height });
  }
}

class WallScreen {
  private model?: ScreenModel;
  private connection: Connection = 'connecting';
  private step: Step;
  private readonly tiles = new Map<string, TileView>();
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private resyncs = 0;
  private readonly reconnector: Reconnector;
  private readonly header = {
    unit: el('div', 'unit-name'),
    date: el('div', 'date'),
    clock: el('div', 'clock'),
    connection: el('div', 'connection'),
    asOf: el('div', 'as-of'),
  };
  private readonly main = el('main', 'main');
  private readonly strip = el('footer', 'sources');
  private readonly credential: ScreenCredential;

  constructor(private readonly options: ScreenOptions) {
    this.credential = new ScreenCredential(window.localStorage, issueToken, options);
    if (options.key) {
      // The installation key leaves the address bar once stored on the device.
      const url = new URL(window.location.href);
      url.searchParams.delete('key');
      window.history.replaceState(null, '', url);
    }
    this.step = stepsOf(options.playlist, options.sorts, undefined)[0];
    document.documentElement.lang = options.lang;
    const header = el('header', 'header');
    const left = el('div', 'header-left');
    left.append(this.header.unit);
    if (options.audience === 'public') left.append(el('div', 'public-badge', TEXTS[options.lang].publicView));
    const middle = el('div', 'header-middle');
    middle.append(this.header.date, this.header.clock);
    const right = el('div', 'header-right');
    right.append(this.header.connection, this.header.asOf);
    header.append(left, middle, right);
    document.body.append(header, this.main, this.strip);
    this.socket = io(WALL_SCREEN_NAMESPACE, {
      transports: ['websocket'],
      reconnection: false,
      // Read at every (re)connection, so a renewed token is the one presented.
      auth: (give) => give(this.credential.token ? { token: this.credential.token } : {}),
    });
    this.reconnector = new Reconnector(() => {
      this.setConnection('connecting');
      this.socket.connect();
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', () => this.onDisconnect());
    this.socket.on('connect_error', (error: Error & { data?: { retryAfterMs?: number } }) =>
      this.onDisconnect(error.data?.retryAfterMs),
    );
    this.socket.on('screen:delta', (delta) => {
      const outcome = receiveDelta(this.model, delta);
      if (outcome.kind === 'applied') {
        this.model = outcome.model;
        this.render();
      } else if (outcome.kind === 'gap') {
        this.resyncs += 1;
        this.subscribe(outcome.resume);
      }
    });
    window.setInterval(() => this.tick(), 1_000);
    // Also with one view: a view with more than one page shows them in turn.
    window.setInterval(() => this.rotate(), options.dwellMs);
    window.setInterval(() => void this.checkRelease(), 5 * 60_000);
    this.tick();
    this.setConnection('connecting');
    if (this.credential.configured) void this.keepTokenFresh();
  }

  /** Renews the token before it expires, for as long as the page runs; retries after failures. */
  private async keepTokenFresh(): Promise<void> {
    let delay: number;
    try {
      const issued = await this.credential.renew();
      delay = renewDelay(issued.expiresAt, Date.now());
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
      delay = 30_000;
    }
    window.setTimeout(() => void this.keepTokenFresh(), delay);
  }

  private onConnect(): void {
    this.reconnector.connected();
    this.setConnection('connected');
    this.subscribe(this.model ? { stream: this.model.stream, seq: this.model.seq } : undefined);
  }

  /** Keeps the last values on screen, marked stale, and tries again after a jittered delay. */
  private onDisconnect(retryAfterMs?: number): void {
    this.setConnection(this.reconnector.attempts === 0 ? 'disconnected' : 'connecting');
    this.reconnector.lost(retryAfterMs);
  }

  private subscribe(resume?: { stream: string; seq: number }): void {
    const { unitCode, audience } = this.options;
    this.socket.emit('subscribe', { unitCode, audience, resume }, (reply: SubscribeReply) => {
      if (!reply.ok) {
        this.showError(reply.error);
        return;
      }
      this.model = receiveReply(this.model, reply);
      this.render();
    });
  }

  private setConnection(state: Connection): void {
    this.connection = state;
    document.body.dataset.connection = state;
    const t = TEXTS[this.options.lang];
    const word = { connected: t.connected, connecting: t.connecting, disconnected: t.disconnected }[state];
    setText(this.header.connection, `${state === 'connected' ? '●' : '○'} ${word}`);
    this.renderAsOf();
  }

  private showError(message: string): void {
    setText(this.header.asOf, message);
    document.body.dataset.error = message;
  }

  private tick(): void {
    const now = new Date();
    setText(this.header.date, formatDate(now, this.options.lang));
    setText(this.header.clock, formatTime(now, this.options.lang, true));
  }

  private rotate(): void {
    const next = nextStep(this.steps(), this.step);
    if (next === this.step) return;
    this.step = next;
    this.render();
  }

  private steps(): Step[] {
    return stepsOf(this.options.playlist, this.options.sorts, this.model);
  }

  /** A new release of the gateway serves a new page: reload to run it. */
  private async checkRelease(): Promise<void> {
    if (this.connection !== 'connected') return;
    const res = await fetch('build.json', { cache: 'no-store' });
    if (!res.ok) return;
    const { build } = (await res.json()) as { build: string };
    if (build && build !== SCREEN_BUILD) window.location.reload();
  }

  private renderAsOf(): void {
    const t = TEXTS[this.options.lang];
    if (!this.model) return;
    const asOf = formatWhen(new Date(this.model.asOf), new Date(), this.options.lang);
    setText(
      this.header.asOf,
      this.connection === 'connected' ? `${t.asOf} ${asOf}` : `${t.staleSince} ${asOf}`,
    );
  }

  private render(): void {
    const model = this.model;
    if (!model) return;
    const lang = this.options.lang;
    const t = TEXTS[lang];
    this.step = currentStep(this.steps(), this.step);
    const step = this.step;
    document.body.dataset.seq = String(model.seq);
    document.body.dataset.stream = model.stream;
    document.body.dataset.resyncs = String(this.resyncs);
    document.body.dataset.view = step.view;
    document.body.dataset.page = `${step.page + 1}/${step.pages}`;
    document.body.dataset.level = model.unit.level;
    setText(this.header.unit, model.unit.name);
    this.renderAsOf();
    this.renderSources(model.sources);
    const layout = this.layoutFor(model);
    if (this.main.dataset.layout !== layout) {
      this.main.replaceChildren();
      this.main.dataset.layout = layout;
    }
    const now = new Date();
    const staleBySource = new Map(model.sources.filter((s) => s.stale).map((s) => [s.source, s]));
    const tileNode = (tile: LiveTile): HTMLElement => {
      let view = this.tiles.get(tile.kpiId);
      if (!view) {
        view = new TileView(lang);
        this.tiles.set(tile.kpiId, view);
      }
      view.update(tile, tile.sources.map((s) => staleBySource.get(s)).find(Boolean), now);
      return view.root;
    };
    const table = (large: boolean) =>
      communesTable(model, lang, {
        sort: step.sort,
        page: large ? step.page : 0,
        pages: large ? step.pages : 1,
        rowsPerPage: large ? COMMUNE_PAGE_ROWS : OVERVIEW_COMMUNE_ROWS,
        maxKpis: large ? model.communeKpiIds.length : OVERVIEW_TABLE_KPIS,
        large,
      });
    if (layout === 'alerts') {
      this.fill('alerts-full', () => this.alertsPanel(model.alerts, true));
    } else if (layout === 'communes') {
      this.fill('communes-full', () => table(true));
    } else if (layout === 'district') {
      const shown = worstFirst(model.tiles).slice(0, DISTRICT_OVERVIEW_SLOTS);
      const grid = this.column('district-tiles', t.attention, t.worstOf(shown.length, model.tiles.length));
      this.placeTiles(grid, shown.map(tileNode));
      this.fill('district-communes', () => table(false));
    } else if (isPillarView(step.view)) {
      const pillar: Pillar = step.view;
      const page = step.pages > 1 ? ` · ${t.page(step.page + 1, step.pages)}` : '';
      const grid = this.column(`pillar-${pillar}`, `${t.pillars[pillar]}${page}`, '');
      this.placeTiles(grid, pillarPage(model.tiles, pillar, step.page).map(tileNode));
    } else {
      const counts = pillarCounts(model.tiles);
      for (const pillar of PILLARS) {
        const shown = overviewTiles(model.tiles, pillar);
        const summary =
          counts[pillar] > OVERVIEW_SLOTS[pillar] ? t.worstOf(shown.length, counts[pillar]) : '';
        const grid = this.column(`pillar-${pillar}`, t.pillars[pillar], summary);
        this.placeTiles(grid, shown.map(tileNode));
      }
      this.fill('alerts', () => this.alertsPanel(model.alerts, false));
    }
    for (const view of this.tiles.values()) if (view.root.isConnected) view.fit();
  }

  private layoutFor(model: ScreenModel): string {
    const view = this.step.view;
    if (view === 'alerts') return 'alerts';
    if (isPillarView(view)) return `pillar-${view}`;
    if (model.unit.level === 'commune') return 'commune';
    return view === 'communes' ? 'communes' : 'district';
  }

  /** A column of tiles with its title and an optional line under it; returns its grid. */
  private column(id: string, title: string, summary: string): HTMLElement {
    const column = this.region(id, `pillar ${id}`);
    if (!column.firstChild) {
      column.append(el('h2', 'pillar-title'), el('div', 'pillar-summary'), el('div', 'tiles-grid'));
    }
    const [heading, line, grid] = [...column.children] as HTMLElement[];
    setText(heading, title);
    setText(line, summary);
    return grid;
  }

  /** A region of the current layout, created once. */
  private region(id: string, className: string): HTMLElement {
    let node = this.main.querySelector<HTMLElement>(`[data-region="${id}"]`);
    if (!node) {
      node = el('section', className);
      node.dataset.region = id;
      this.main.append(node);
    }
    return node;
  }

  /** Small regions are rebuilt whole: their size is bounded. */
  private fill(id: string, build: () => HTMLElement): void {
    const region = this.region(id, id);
    region.replaceChildren(build());
  }

  private placeTiles(grid: HTMLElement, nodes: HTMLElement[]): void {
    nodes.forEach((node, i) => {
      if (grid.children[i] !== node) grid.insertBefore(node, grid.children[i] ?? null);
    });
    while (grid.children.length > nodes.length) grid.lastElementChild?.remove();
  }

  private renderSources(sources: readonly SourceHealth[]): void {
    const t = TEXTS[this.options.lang];
    const now = new Date();
    const items = sources.map((s) => {
      const item = el('span', 'source');
      item.dataset.source = s.source;
      item.dataset.stale = String(s.stale);
      const when = s.lastEventAt ? formatWhen(new Date(s.lastEventAt), now, this.options.lang) : t.never;
      item.textContent = `${t.sources[s.source]} ${s.stale ? '○' : '●'} ${when}`;
      return item;
    });
    this.strip.replaceChildren(...items);
  }

  private alertsPanel(alerts: readonly ScreenAlert[], large: boolean): HTMLElement {
    const t = TEXTS[this.options.lang];
    const panel = el('div', large ? 'alerts-panel large' : 'alerts-panel');
    panel.append(el('h2', 'pillar-title', t.alerts));
    if (alerts.length === 0) panel.append(el('div', 'alert-none', `✓ ${t.noAlerts}`));
    const now = new Date();
    for (const alert of alerts) {
      const line = el('div', `alert alert-${alert.severity}`);
      line.dataset.kind = alert.kind;
      line.dataset.acknowledged = String(alert.acknowledged);
      const title =
        alert.count !== undefined
          ? `${t.alertKinds[alert.kind]}: ${formatValue(alert.count, 'count', this.options.lang)}`
          : `${t.alertKinds[alert.kind]} · ${t.cameraAlertTypes[alert.detail] ?? alert.detail}`;
      const state =
        alert.kind === 'congestion'
          ? t.ongoing
          : alert.kind === 'camera_alert'
            ? alert.acknowledged
              ? `✓ ${t.acknowledged}`
              : `! ${t.unacknowledged}`
            : '';
      line.append(
        el('div', 'alert-title', `${alert.severity === 'critical' ? '▲ ' : ''}${title}`),
        el(
          'div',
          'alert-meta',
          [formatWhen(new Date(alert.since), now, this.options.lang), state].filter(Boolean).join(' · '),
        ),
      );
      panel.append(line);
    }
    return panel;
  }
}

const options = parseOptions(window.location.search);
if (typeof options === 'string') {
  document.body.append(el('div', 'fatal', options));
} else {
  new WallScreen(options);
}

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
  WALL_SCREEN_NAMESPACE,
  type ClientToServerEvents,
  type CommuneRow,
  type LiveTile,
  type ScreenAlert,
  type ServerToClientEvents,
  type SourceHealth,
  type SubscribeReply,
} from '@libs/contracts/wall-screen';
import {
  SHAPE,
  formatDate,
  formatTime,
  formatValue,
  formatWhen,
  shortCitation,
  toneOf,
  type Lang,
} from './format';
import { TEXTS } from './i18n';
import { isPillarView, nextView, parseOptions, type ScreenOptions, type View } from './playlist';
import { ScreenCredential, renewDelay, type IssuedToken } from './screen-credential';
import { reconnectDelay, receiveDelta, receiveReply, type ScreenModel } from './screen-model';

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

/** Rows of the communes table on one screen: the rest is summarised in one line. */
const MAX_COMMUNE_ROWS = 14;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** One tile's nodes, kept for the page's life and updated in place (flat DOM over days). */
class TileView {
  readonly root = el('article', 'tile');
  private readonly name = el('h3', 'tile-name');
  private readonly value = el('div', 'tile-value');
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
    this.main.append(this.value, this.status);
    this.plan.append(this.planShort, this.planFull);
    this.root.append(this.name, this.main, this.target, this.plan, this.note, this.spark);
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
    setText(this.value, formatValue(tile.value, tile.unit, this.lang, tile.unitLabel));
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
    const width = Math.max(60, this.spark.clientWidth || 180);
    const height = Math.max(16, Math.min(60, this.spark.clientHeight || 28));
    this.chart = new uPlot(
      {
        width,
        height,
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

  destroy(): void {
    this.chart?.destroy();
    this.root.remove();
  }
}

class WallScreen {
  private model?: ScreenModel;
  private connection: Connection = 'connecting';
  private view: View;
  private readonly tiles = new Map<string, TileView>();
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private attempt = 0;
  private resyncs = 0;
  private reconnectTimer?: number;
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
    this.view = options.playlist[0];
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
    if (options.playlist.length > 1) window.setInterval(() => this.rotate(), options.dwellMs);
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
    this.attempt = 0;
    this.setConnection('connected');
    this.subscribe(this.model ? { stream: this.model.stream, seq: this.model.seq } : undefined);
  }

  /** Keeps the last values on screen, marked stale, and tries again after a jittered delay. */
  private onDisconnect(retryAfterMs?: number): void {
    this.setConnection(this.attempt === 0 ? 'disconnected' : 'connecting');
    if (this.reconnectTimer !== undefined) return;
    const delay = reconnectDelay(this.attempt, Math.random(), { retryAfterMs });
    this.attempt += 1;
    this.reconnectTimer = window.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.setConnection('connecting');
      this.socket.connect();
    }, delay);
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
    this.view = nextView(this.options.playlist, this.view, (this.model?.communes.length ?? 0) > 0);
    this.render();
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
    document.body.dataset.seq = String(model.seq);
    document.body.dataset.stream = model.stream;
    document.body.dataset.resyncs = String(this.resyncs);
    document.body.dataset.view = this.view;
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
    if (layout === 'alerts') {
      this.fill('alerts-full', () => this.alertsPanel(model.alerts, true));
    } else if (layout === 'communes') {
      this.fill('communes-full', () => this.communesTable(model, true));
    } else if (layout === 'district') {
      const grid = this.region('district-tiles', 'district-tiles tiles-grid');
      this.placeTiles(grid, model.tiles.map(tileNode));
      this.fill('district-communes', () => this.communesTable(model, false));
    } else {
      const pillars = isPillarView(this.view) ? [this.view] : PILLARS;
      for (const pillar of pillars) {
        const column = this.region(`pillar-${pillar}`, `pillar pillar-${pillar}`);
        if (!column.firstChild) {
          column.append(el('h2', 'pillar-title', TEXTS[lang].pillars[pillar]), el('div', 'tiles-grid'));
        }
        const grid = column.lastElementChild as HTMLElement;
        this.placeTiles(grid, model.tiles.filter((t) => t.pillar === pillar).map(tileNode));
      }
      if (!isPillarView(this.view)) this.fill('alerts', () => this.alertsPanel(model.alerts, false));
    }
  }

  private layoutFor(model: ScreenModel): string {
    if (this.view === 'alerts') return 'alerts';
    if (this.view === 'communes') return model.unit.level === 'commune' ? 'commune' : 'communes';
    if (isPillarView(this.view)) return `pillar-${this.view}`;
    return model.unit.level === 'commune' ? 'commune' : 'district';
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

  private communesTable(model: ScreenModel, large: boolean): HTMLElement {
    const t = TEXTS[this.options.lang];
    const lang = this.options.lang;
    const wrap = el('div', large ? 'communes large' : 'communes');
    const headline = model.tiles.find((x) => x.kpiId === model.headlineKpiId);
    wrap.append(
      el(
        'h2',
        'pillar-title',
        `${t.communes}${headline ? ` · ${lang === 'vi' ? headline.nameVi : headline.nameEn}` : ''}`,
      ),
    );
    const table = el('table', 'communes-table');
    const head = el('tr');
    [t.commune, t.value, t.status, t.completeness].forEach((h) => head.append(el('th', undefined, h)));
    table.append(head);
    const rows: readonly CommuneRow[] = model.communes.slice(0, MAX_COMMUNE_ROWS);
    const now = new Date();
    for (const row of rows) {
      const tr = el('tr');
      tr.dataset.unit = row.unitCode;
      tr.dataset.silent = String(row.silent);
      const tone = row.silent
        ? 'none'
        : toneOf({
            ...row,
            target: headline?.target ?? null,
            direction: headline?.direction ?? 'higher_is_better',
          });
      tr.dataset.tone = tone;
      const status = row.silent
        ? `∅ ${t.silent}${row.lastEventAt ? ` · ${formatWhen(new Date(row.lastEventAt), now, lang)}` : ''}`
        : `${SHAPE[tone]} ${lang === 'vi' ? row.statusLabelVi : row.statusLabelEn}`;
      tr.append(
        el('td', 'commune-name', row.name),
        el('td', 'commune-value', formatValue(row.value, headline?.unit ?? '%', lang)),
        el('td', 'commune-status', status),
        el('td', 'commune-completeness', `${Math.round(row.completeness * 100)} %`),
      );
      table.append(tr);
    }
    wrap.append(table);
    if (model.communes.length > rows.length)
      wrap.append(el('div', 'communes-more', t.moreCommunes(model.communes.length - rows.length)));
    return wrap;
  }
}

const options = parseOptions(window.location.search);
if (typeof options === 'string') {
  document.body.append(el('div', 'fatal', options));
} else {
  new WallScreen(options);
}

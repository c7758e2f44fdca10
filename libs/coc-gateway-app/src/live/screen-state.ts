import type {
  CommuneRow,
  LiveTile,
  ScreenAlert,
  ScreenDelta,
  ScreenSnapshot,
  SourceHealth,
} from '@libs/contracts';
import equal from 'fast-deep-equal';

/** Everything a screen shows, without the stream's numbering. */
export type ScreenContent = Omit<ScreenSnapshot, 'stream' | 'seq'>;

/** A recomputed part of a screen; parts left out were not recomputed. */
export interface ScreenChange {
  asOf: string;
  date?: string;
  tiles?: LiveTile[];
  sources?: SourceHealth[];
  alerts?: ScreenAlert[];
  communes?: CommuneRow[];
}

/**
 * asOf moves on every computation; a tile changed only when its figures did. Compared field by field
 * (a recomputation compares every changed tile of every screen: five times faster than comparing
 * their JSON texts).
 */
function sameTile(a: LiveTile, b: LiveTile): boolean {
  return equal({ ...a, asOf: '' }, { ...b, asOf: '' });
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * One unit's screen content on one gateway instance, numbered: every change that alters what a
 * screen shows becomes the next delta. The last `keep` deltas, up to `keepBytes` of them, are held
 * so a screen that missed some gets exactly those; older gaps get a fresh snapshot. They are held as
 * UTF-8 JSON: a national gateway holds thousands of screens, and the bytes cost a fraction of the
 * objects they describe (and keep no replaced tile alive), half of a JavaScript string once one
 * Vietnamese letter makes it two bytes a character; a resync, rare, parses them back. The byte bound
 * keeps a busy room's history near the size of a snapshot or two (a catch-up longer than that costs
 * more than the snapshot it replaces): 64 deltas of a few tiles each would otherwise hold over 100 KB
 * per room, 3,321 rooms several hundred MB.
 */
export class ScreenState {
  private seq = 0;
  /** Each in its own buffer (TextEncoder's): a slice of a shared pool would keep the whole pool alive. */
  private readonly recent: { seq: number; json: Uint8Array }[] = [];
  private recentBytes = 0;

  constructor(
    readonly stream: string,
    private content: ScreenContent,
    private readonly keep = 64,
    private readonly keepBytes = 32 * 1024,
  ) {}

  snapshot(): ScreenSnapshot {
    return { stream: this.stream, seq: this.seq, ...this.content };
  }

  get tiles(): readonly LiveTile[] {
    return this.content.tiles;
  }

  /** The next delta when the change alters the screen, else nothing (asOf alone is not news). */
  apply(change: ScreenChange): ScreenDelta | undefined {
    const delta: ScreenDelta = { stream: this.stream, seq: this.seq + 1, asOf: change.asOf };
    const next: ScreenContent = { ...this.content, asOf: change.asOf };
    if (change.date !== undefined && change.date !== this.content.date) {
      next.date = change.date;
      delta.date = change.date;
    }
    if (change.tiles) {
      const known = new Map(this.content.tiles.map((t) => [t.kpiId, t]));
      const changed = change.tiles.filter((t) => {
        const before = known.get(t.kpiId);
        return !before || !sameTile(before, t);
      });
      const byId = new Map(change.tiles.map((t) => [t.kpiId, t]));
      next.tiles = this.content.tiles.map((t) => byId.get(t.kpiId) ?? t);
      if (changed.length > 0) delta.tiles = changed;
    }
    if (change.sources && !equal(change.sources, this.content.sources)) {
      next.sources = change.sources;
      delta.sources = change.sources;
    }
    if (change.alerts && !equal(change.alerts, this.content.alerts)) {
      next.alerts = change.alerts;
      delta.alerts = change.alerts;
    }
    if (change.communes && !equal(change.communes, this.content.communes)) {
      next.communes = change.communes;
      delta.communes = change.communes;
    }
    this.content = next;
    if (!delta.date && !delta.tiles && !delta.sources && !delta.alerts && !delta.communes) return undefined;
    this.seq = delta.seq;
    const json = utf8.encode(JSON.stringify(delta));
    this.recent.push({ seq: delta.seq, json });
    this.recentBytes += json.byteLength;
    // The newest delta stays whatever its size: a screen that missed only it catches up with it.
    while (this.recent.length > 1 && (this.recent.length > this.keep || this.recentBytes > this.keepBytes)) {
      this.recentBytes -= this.recent.shift()?.json.byteLength ?? 0;
    }
    return delta;
  }

  /** The deltas after `seq` of this stream, or undefined when only a snapshot can catch up. */
  since(stream: string, seq: number): ScreenDelta[] | undefined {
    if (stream !== this.stream || seq > this.seq) return undefined;
    if (seq === this.seq) return [];
    const first = this.recent[0];
    if (!first || first.seq > seq + 1) return undefined;
    return this.recent
      .filter((d) => d.seq > seq)
      .map((d) => JSON.parse(fromUtf8.decode(d.json)) as ScreenDelta);
  }
}

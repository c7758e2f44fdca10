import {
  PILLARS,
  type CommuneKpi,
  type CommuneRow,
  type LiveTile,
  type Pillar,
} from '@libs/contracts/wall-screen';
import type { ScreenModel } from './screen-model';
import { isPillarView, type View } from './playlist';

/*
 * What fits a 1920×1080 TV read from 3–6 m (values ≥ 64 px, names ≥ 28 px, nothing cut): a view shows
 * a bounded number of tiles or rows, and a view with more has pages, shown in turn like playlist views.
 */

/** Tiles per pillar on a commune's overview (government has most KPIs, so the widest column). */
export const OVERVIEW_SLOTS: Record<Pillar, number> = {
  digital_government: 4,
  digital_economy: 2,
  digital_society: 2,
};
/** Tiles beside the communes table on a district or province overview. */
export const DISTRICT_OVERVIEW_SLOTS = 6;
/** Tiles on one page of a pillar view (4 × 2). */
export const PILLAR_PAGE_TILES = 8;
/** Communes on the overview's table, and on one page of the communes view. */
export const OVERVIEW_COMMUNE_ROWS = 13;
export const COMMUNE_PAGE_ROWS = 12;

/**
 * How bad a tile is, lowest first: below target (the further away, the worse), a figure without a
 * target, a met target, then no data (a reason, not a figure: the pillar view shows it).
 */
function tileRank(tile: LiveTile): [number, number] {
  if (tile.value === null) return [3, 0];
  if (tile.status === 'below') {
    const target = tile.target?.value ?? 0;
    const gap = target === 0 ? 1 : Math.abs(target - tile.value) / Math.abs(target);
    return [0, -gap];
  }
  if (tile.status === 'meets') return [2, 0];
  return [1, 0];
}

/** Worst first, the catalog's order between equals (so tiles only move when a status does). */
export function worstFirst(tiles: readonly LiveTile[]): LiveTile[] {
  const order = new Map(tiles.map((t, i) => [t.kpiId, i]));
  return [...tiles].sort((a, b) => {
    const [ga, da] = tileRank(a);
    const [gb, db] = tileRank(b);
    return ga - gb || da - db || (order.get(a.kpiId) ?? 0) - (order.get(b.kpiId) ?? 0);
  });
}

/** How a communes table is ordered: worst first by its first KPI or by a named one, data completeness, name. */
export type CommuneSort = 'worst' | 'completeness' | 'name' | `kpi:${string}`;

export function parseCommuneSorts(text: string | null): CommuneSort[] | string {
  const keys = (text ?? 'worst').split(',').filter(Boolean);
  const bad = keys.filter((k) => !/^(worst|completeness|name|kpi:[a-z][a-z0-9_]*)$/.test(k));
  if (bad.length > 0) return `Unknown sort ${bad.join(', ')}; use worst, completeness, name or kpi:<KPI id>`;
  return keys.length > 0 ? (keys as CommuneSort[]) : ['worst'];
}

const STATUS_RANK: Record<string, number> = { below: 0, no_data: 1, no_target: 2, meets: 3 };

/** The KPI a sort ranks by, as an index into the rows' `kpis` (worst: the first one). */
export function sortKpiIndex(sort: CommuneSort, kpiIds: readonly string[]): number | null {
  if (sort === 'worst') return kpiIds.length > 0 ? 0 : null;
  if (!sort.startsWith('kpi:')) return null;
  const at = kpiIds.indexOf(sort.slice(4));
  return at >= 0 ? at : null;
}

/** A sort naming a KPI the screen does not list falls back to worst first: the title says which applies. */
export function effectiveSort(sort: CommuneSort, kpiIds: readonly string[]): CommuneSort {
  return sort.startsWith('kpi:') && sortKpiIndex(sort, kpiIds) === null ? 'worst' : sort;
}

export function sortCommuneRows(
  rows: readonly CommuneRow[],
  sort: CommuneSort,
  kpiIds: readonly string[],
  directions: ReadonlyMap<string, LiveTile['direction']>,
): CommuneRow[] {
  const byName = (a: CommuneRow, b: CommuneRow) =>
    a.name.localeCompare(b.name, 'vi') || a.unitCode.localeCompare(b.unitCode);
  const applied = effectiveSort(sort, kpiIds);
  if (applied === 'name') return [...rows].sort(byName);
  if (applied === 'completeness')
    return [...rows].sort(
      (a, b) => a.completeness - b.completeness || Number(b.silent) - Number(a.silent) || byName(a, b),
    );
  const at = sortKpiIndex(applied, kpiIds);
  if (at === null) return [...rows].sort(byName);
  const sign = directions.get(kpiIds[at]) === 'lower_is_better' ? -1 : 1;
  const rank = (k: CommuneKpi | undefined) => STATUS_RANK[k?.status ?? ''] ?? 9;
  return [...rows].sort(
    (a, b) =>
      Number(b.silent) - Number(a.silent) ||
      rank(a.kpis[at]) - rank(b.kpis[at]) ||
      sign * ((a.kpis[at]?.value ?? Infinity) - (b.kpis[at]?.value ?? Infinity)) ||
      byName(a, b),
  );
}

/** One screenful of a view: its page number and, for the communes view, the order shown. */
export interface Step {
  view: View;
  page: number;
  pages: number;
  sort: CommuneSort;
}

function pagesOf(count: number, perPage: number): number {
  return Math.max(1, Math.ceil(count / perPage));
}

/**
 * The screenfuls a playlist goes through for this model, in order: each view once, a pillar view
 * once per page of its tiles, the communes view once per page and per order (a unit without
 * communes skips that view).
 */
export function stepsOf(
  playlist: readonly View[],
  sorts: readonly CommuneSort[],
  model: ScreenModel | undefined,
): Step[] {
  const steps: Step[] = [];
  const hasCommunes = (model?.communes.length ?? 0) > 0;
  for (const view of playlist) {
    if (view === 'communes' && model && !hasCommunes) continue;
    if (isPillarView(view)) {
      const count = model?.tiles.filter((t) => t.pillar === view).length ?? 0;
      const pages = pagesOf(count, PILLAR_PAGE_TILES);
      for (let page = 0; page < pages; page += 1) steps.push({ view, page, pages, sort: sorts[0] });
    } else if (view === 'communes' && hasCommunes) {
      const pages = pagesOf(model?.communes.length ?? 0, COMMUNE_PAGE_ROWS);
      for (const sort of sorts)
        for (let page = 0; page < pages; page += 1) steps.push({ view, page, pages, sort });
    } else {
      steps.push({ view, page: 0, pages: 1, sort: sorts[0] });
    }
  }
  return steps.length > 0 ? steps : [{ view: 'overview', page: 0, pages: 1, sort: sorts[0] }];
}

/** The screenful after `current` (or the first one when `current` no longer exists, e.g. fewer pages). */
export function nextStep(steps: readonly Step[], current: Step): Step {
  const at = steps.findIndex(
    (s) => s.view === current.view && s.page === current.page && s.sort === current.sort,
  );
  return steps[(at + 1) % steps.length];
}

/** The same screenful in a newer model, or the view's last page when it has fewer pages now. */
export function currentStep(steps: readonly Step[], current: Step): Step {
  const same = steps.filter((s) => s.view === current.view && s.sort === current.sort);
  if (same.length === 0) return steps[0];
  return same[Math.min(current.page, same.length - 1)];
}

/** The tiles a commune overview shows in a pillar's column: the worst ones. */
export function overviewTiles(tiles: readonly LiveTile[], pillar: Pillar): LiveTile[] {
  return worstFirst(tiles.filter((t) => t.pillar === pillar)).slice(0, OVERVIEW_SLOTS[pillar]);
}

/** A pillar view's page of tiles, in the catalog's order (a detail view: each tile stays in its place). */
export function pillarPage(tiles: readonly LiveTile[], pillar: Pillar, page: number): LiveTile[] {
  const all = tiles.filter((t) => t.pillar === pillar);
  return all.slice(page * PILLAR_PAGE_TILES, (page + 1) * PILLAR_PAGE_TILES);
}

/** Per pillar, how many tiles it has: the overview says how many it leaves for the pillar view. */
export function pillarCounts(tiles: readonly LiveTile[]): Record<Pillar, number> {
  const counts = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>;
  for (const t of tiles) counts[t.pillar] += 1;
  return counts;
}

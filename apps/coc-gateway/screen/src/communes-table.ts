import type { CommuneKpi, CommuneRow, LiveTile } from '@libs/contracts/wall-screen';
import { el } from './dom';
import { SHAPE, formatShortWhen, formatValue, toneOf, type Lang, type Tone } from './format';
import { TEXTS } from './i18n';
import type { ScreenModel } from './screen-model';
import { effectiveSort, sortCommuneRows, sortKpiIndex, type CommuneSort } from './screen-pages';

/** Column marks: a KPI's full name is too long for a column head, so the head names it by a mark and a legend spells it out. */
const MARKS = ['①', '②', '③', '④'];

export interface CommunesTableLayout {
  sort: CommuneSort;
  page: number;
  pages: number;
  rowsPerPage: number;
  /** KPI columns shown (the overview's narrow table shows fewer than the communes view). */
  maxKpis: number;
  large: boolean;
}

function kpiTone(kpi: CommuneKpi, tile: LiveTile | undefined): Tone {
  return toneOf({
    status: kpi.status,
    value: kpi.value,
    direction: tile?.direction ?? 'higher_is_better',
    target:
      kpi.target === null
        ? null
        : { plan: '', issuer: '', year: 0, comparator: '', value: kpi.target, citation: '' },
  });
}

/**
 * The table of a district's or province's communes: per commune its figures for the screen's
 * commune KPIs (shape, colour, value), the status word of the KPI it is ranked by, and the share
 * of its sources heard within their cadence; silent communes say so, with their last event.
 */
export function communesTable(model: ScreenModel, lang: Lang, layout: CommunesTableLayout): HTMLElement {
  const t = TEXTS[lang];
  const tiles = new Map(model.tiles.map((x) => [x.kpiId, x]));
  const kpiIds = model.communeKpiIds.slice(0, layout.maxKpis);
  const sort = effectiveSort(layout.sort, model.communeKpiIds);
  const statusAt = sortKpiIndex(sort, model.communeKpiIds) ?? 0;
  const directions = new Map(model.tiles.map((x) => [x.kpiId, x.direction]));
  const sorted = sortCommuneRows(model.communes, sort, model.communeKpiIds, directions);
  const from = layout.page * layout.rowsPerPage;
  const rows = sorted.slice(from, from + layout.rowsPerPage);

  const wrap = el('div', layout.large ? 'communes large' : 'communes');
  wrap.dataset.sort = sort;
  const sortText =
    sort === 'completeness'
      ? t.sortCompleteness
      : sort === 'name'
        ? t.sortName
        : t.sortWorst(MARKS[statusAt]);
  const pageText = layout.pages > 1 ? ` · ${t.page(layout.page + 1, layout.pages)}` : '';
  wrap.append(el('h2', 'pillar-title', `${t.communes} · ${sortText}${pageText}`));

  const table = el('table', 'communes-table');
  const head = el('tr');
  head.append(el('th', 'commune-name', t.commune));
  kpiIds.forEach((_, i) => head.append(el('th', 'commune-value', MARKS[i])));
  head.append(
    el('th', 'commune-status', `${t.status} ${MARKS[statusAt]}`),
    el('th', 'commune-completeness', t.completeness),
  );
  table.append(head);
  const now = new Date();
  for (const row of rows) table.append(communeLine(row, kpiIds, statusAt, tiles, lang, now));
  wrap.append(table);

  const legend = el('div', 'communes-legend');
  model.communeKpiIds.forEach((id, i) => {
    if (i >= kpiIds.length && i !== statusAt) return;
    const tile = tiles.get(id);
    legend.append(
      el('div', 'legend-line', `${MARKS[i]} ${tile ? (lang === 'vi' ? tile.nameVi : tile.nameEn) : id}`),
    );
  });
  wrap.append(legend);
  const rest = model.communes.length - rows.length;
  if (layout.pages === 1 && rest > 0) wrap.append(el('div', 'communes-more', t.moreCommunes(rest)));
  return wrap;
}

function communeLine(
  row: CommuneRow,
  kpiIds: readonly string[],
  statusAt: number,
  tiles: ReadonlyMap<string, LiveTile>,
  lang: Lang,
  now: Date,
): HTMLElement {
  const t = TEXTS[lang];
  const tr = el('tr');
  tr.dataset.unit = row.unitCode;
  tr.dataset.silent = String(row.silent);
  tr.append(el('td', 'commune-name', row.name));
  kpiIds.forEach((id, i) => {
    const kpi = row.kpis[i];
    const tile = tiles.get(id);
    const tone = row.silent || !kpi ? 'none' : kpiTone(kpi, tile);
    const value = formatValue(kpi?.value ?? null, tile?.unit ?? '%', lang, tile?.unitLabel ?? null);
    // A figure without a target has no shape: a neutral dash beside a number would read as a minus.
    const shaped = kpi && kpi.value !== null && tone !== 'neutral';
    const cell = el('td', 'commune-value', shaped ? `${SHAPE[tone]} ${value}` : value);
    cell.dataset.kpi = id;
    cell.dataset.tone = tone;
    tr.append(cell);
  });
  const ranked = row.kpis[statusAt];
  const tone = row.silent || !ranked ? 'none' : kpiTone(ranked, tiles.get(ranked.kpiId));
  tr.dataset.tone = tone;
  const status = row.silent
    ? `∅ ${t.silent}${row.lastEventAt ? ` · ${formatShortWhen(new Date(row.lastEventAt), now, lang)}` : ''}`
    : `${SHAPE[tone]} ${ranked ? (lang === 'vi' ? ranked.statusLabelVi : ranked.statusLabelEn) : ''}`;
  tr.append(
    el('td', 'commune-status', status),
    el('td', 'commune-completeness', `${Math.round(row.completeness * 100)} %`),
  );
  return tr;
}

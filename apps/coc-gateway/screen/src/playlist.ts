import { PILLARS, type Pillar } from '@libs/contracts/wall-screen';
import { parseCommuneSorts, type CommuneSort } from './screen-pages';

export const VIEWS = ['overview', ...PILLARS, 'alerts', 'communes'] as const;
export type View = (typeof VIEWS)[number];

export function isPillarView(view: View): view is Pillar {
  return (PILLARS as readonly string[]).includes(view);
}

/** The page's settings, from its URL (a kiosk is configured by the address it opens). */
export interface ScreenOptions {
  unitCode: string;
  lang: 'vi' | 'en';
  audience: 'officials' | 'public';
  /** Views shown in turn; one view means no rotation. */
  playlist: View[];
  dwellMs: number;
  /** The orders the communes view shows in turn (its table on the overview takes the first). */
  sorts: CommuneSort[];
  /** A screen token, or the installation key to trade for one (kept on the device). */
  token?: string;
  key?: string;
}

export function parseOptions(search: string): ScreenOptions | string {
  const params = new URLSearchParams(search);
  const unitCode = params.get('unit') ?? '';
  if (!/^(\d{2}|\d{3}|\d{5})$/.test(unitCode))
    return 'Thiếu mã đơn vị: thêm ?unit=<mã xã, huyện hoặc tỉnh> vào địa chỉ';
  const views = (params.get('playlist') ?? params.get('view') ?? 'overview').split(',').filter(Boolean);
  const unknown = views.filter((v) => !(VIEWS as readonly string[]).includes(v));
  if (unknown.length > 0) return `Unknown view ${unknown.join(', ')}; use ${VIEWS.join(', ')}`;
  const dwell = Number(params.get('dwell') ?? '30');
  const sorts = parseCommuneSorts(params.get('sort'));
  if (typeof sorts === 'string') return sorts;
  return {
    unitCode,
    lang: params.get('lang') === 'en' ? 'en' : 'vi',
    audience: params.get('audience') === 'public' ? 'public' : 'officials',
    playlist: views as View[],
    dwellMs: Math.max(5, Number.isFinite(dwell) ? dwell : 30) * 1000,
    sorts,
    token: params.get('token') ?? undefined,
    key: params.get('key') ?? undefined,
  };
}

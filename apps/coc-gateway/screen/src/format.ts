import type { LiveTile } from '@libs/contracts/wall-screen';

export type Lang = 'vi' | 'en';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const ZONE = 'Asia/Ho_Chi_Minh';

/**
 * `80,5 %`, `1.234`, `12 phút`, `42,25 tỷ đồng` in Vietnamese; `80.5 %`, `1,234`, `12 min` in English.
 * An amount (a run-time indicator) keeps up to two decimals and its unit as written.
 */
export function formatValue(
  value: number | null,
  unit: LiveTile['unit'],
  lang: Lang,
  unitLabel: string | null = null,
): string {
  const parts = formatValueParts(value, unit, lang, unitLabel);
  return parts.number + parts.unit;
}

/**
 * The same, as the figure and the words after it (` phút`, ` triệu đồng/người/năm`, with their
 * space), so a tile can draw a long unit smaller than the figure.
 */
export function formatValueParts(
  value: number | null,
  unit: LiveTile['unit'],
  lang: Lang,
  unitLabel: string | null = null,
): { number: string; unit: string } {
  if (value === null) return { number: '—', unit: '' };
  if (unit === 'amount') {
    const amount = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 }).format(value);
    return { number: amount, unit: unitLabel ? ` ${unitLabel}` : '' };
  }
  const digits = unit === '%' && !Number.isInteger(value) ? 1 : 0;
  const text = new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
  if (unit === '%') return { number: `${text} %`, unit: '' };
  if (unit === 'minutes') return { number: text, unit: ` ${lang === 'vi' ? 'phút' : 'min'}` };
  return { number: text, unit: '' };
}

/** 02/12/2026 */
export function formatDate(instant: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(instant);
}

/** 09:42 (24-hour clock, local time), with seconds for the clock. */
export function formatTime(instant: Date, lang: Lang, seconds = false): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(instant);
}

/** When, briefly: the clock time today, the date on another day (a silent commune's last event). */
export function formatShortWhen(instant: Date, now: Date, lang: Lang): string {
  const day = formatDate(instant, lang);
  return day === formatDate(now, lang) ? formatTime(instant, lang) : day;
}

/** A time shown on screen: the clock time today, with the date on another day. */
export function formatWhen(instant: Date, now: Date, lang: Lang): string {
  const sameDay = formatDate(instant, lang) === formatDate(now, lang);
  return sameDay ? formatTime(instant, lang) : `${formatTime(instant, lang)} ${formatDate(instant, lang)}`;
}

/** How a tile's status is drawn: a word, a shape and a colour, never colour alone. */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'none';

export function toneOf(tile: Pick<LiveTile, 'status' | 'value' | 'target' | 'direction'>): Tone {
  switch (tile.status) {
    case 'meets':
      return 'good';
    case 'below': {
      // Far from the target (more than a fifth of it away) is red, near it amber.
      if (tile.value === null || !tile.target || tile.target.value === 0) return 'bad';
      const gap = Math.abs(tile.target.value - tile.value) / Math.abs(tile.target.value);
      return gap > 0.2 ? 'bad' : 'warn';
    }
    case 'no_target':
      return 'neutral';
    default:
      return 'none';
  }
}

export const SHAPE: Record<Tone, string> = { good: '✓', warn: '▼', bad: '▼', neutral: '—', none: '∅' };

/**
 * A target's citation cut to what fits a tile: the document's number (or its issuer when it has
 * none) and the section, e.g. "2588/UBND-KGVX, mục I.1.2.1.a". The full citation shows in detail views.
 */
export function shortCitation(citation: string): string {
  const section = /, (mục [^,]+)$/.exec(citation)?.[1];
  const number = /\b(\d+\/\p{Lu}[\p{L}\d-]*)/u.exec(citation)?.[1];
  const issuer = / của (.+?)(, mục|$)/.exec(citation)?.[1];
  const source = number ?? issuer;
  if (!source) return citation;
  return section ? `${source}, ${section}` : source;
}

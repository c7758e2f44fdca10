import {
  formatDate,
  formatShortWhen,
  formatTime,
  formatValue,
  formatValueParts,
  shortCitation,
  toneOf,
} from './format';
import { parseOptions } from './playlist';

describe('Vietnamese formats', () => {
  it('writes numbers, dates and times as Vietnamese readers do', () => {
    expect(formatValue(80.54, '%', 'vi')).toBe('80,5 %');
    expect(formatValue(1234, 'count', 'vi')).toBe('1.234');
    expect(formatValue(12, 'minutes', 'vi')).toBe('12 phút');
    expect(formatValue(null, '%', 'vi')).toBe('—');
    expect(formatValue(42.25, 'amount', 'vi', 'tỷ đồng')).toBe('42,25 tỷ đồng');
    expect(formatValue(1234.5, 'amount', 'en', 'million VND')).toBe('1,234.5 million VND');
    expect(formatValue(80.54, '%', 'en')).toBe('80.5 %');
    expect(formatValueParts(42.25, 'amount', 'vi', 'tỷ đồng')).toEqual({ number: '42,25', unit: ' tỷ đồng' });
    expect(formatValueParts(80.54, '%', 'vi')).toEqual({ number: '80,5 %', unit: '' });
    const instant = new Date('2026-12-01T18:05:00Z');
    expect(formatDate(instant, 'vi')).toBe('02/12/2026');
    expect(formatTime(instant, 'vi')).toBe('01:05');
    expect(formatShortWhen(instant, new Date('2026-12-02T10:00:00Z'), 'vi')).toBe('01:05');
    expect(formatShortWhen(instant, new Date('2026-12-04T10:00:00Z'), 'vi')).toBe('02/12/2026');
  });

  it('turns a status into a tone: red far below target, amber near it', () => {
    const target = { value: 100 } as never;
    expect(toneOf({ status: 'below', value: 95, target, direction: 'higher_is_better' })).toBe('warn');
    expect(toneOf({ status: 'below', value: 50, target, direction: 'higher_is_better' })).toBe('bad');
    expect(toneOf({ status: 'meets', value: 100, target, direction: 'higher_is_better' })).toBe('good');
    expect(toneOf({ status: 'no_data', value: null, target: null, direction: 'higher_is_better' })).toBe(
      'none',
    );
  });
});

describe('shortCitation', () => {
  it('keeps the document number (or the issuer of an unnumbered plan) and the section', () => {
    expect(
      shortCitation('Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai, mục I.1.2.1.a'),
    ).toBe('2588/UBND-KGVX, mục I.1.2.1.a');
    expect(shortCitation('Kế hoạch (chưa ghi số) ngày 26/4/2024 của UBND xã Tịnh Trà, mục I.1.a')).toBe(
      'UBND xã Tịnh Trà, mục I.1.a',
    );
  });
});

describe('screen options and playlist', () => {
  it('reads the kiosk address', () => {
    expect(parseOptions('?unit=26734&playlist=overview,alerts&dwell=20&lang=en')).toMatchObject({
      unitCode: '26734',
      lang: 'en',
      playlist: ['overview', 'alerts'],
      dwellMs: 20_000,
      audience: 'officials',
      sorts: ['worst'],
    });
    expect(parseOptions('?unit=25&sort=worst,completeness,kpi:docs_exchanged_online_pct')).toMatchObject({
      sorts: ['worst', 'completeness', 'kpi:docs_exchanged_online_pct'],
    });
    expect(parseOptions('?unit=abc')).toMatch(/Thiếu mã đơn vị/);
    expect(parseOptions('?unit=25&view=map')).toMatch(/Unknown view map/);
    expect(parseOptions('?unit=25&sort=best')).toMatch(/Unknown sort best/);
  });
});

import { formatDate, formatTime, formatValue, shortCitation, toneOf } from './format';
import { nextView, parseOptions } from './playlist';

describe('Vietnamese formats', () => {
  it('writes numbers, dates and times as Vietnamese readers do', () => {
    expect(formatValue(80.54, '%', 'vi')).toBe('80,5 %');
    expect(formatValue(1234, 'count', 'vi')).toBe('1.234');
    expect(formatValue(12, 'minutes', 'vi')).toBe('12 phút');
    expect(formatValue(null, '%', 'vi')).toBe('—');
    expect(formatValue(42.25, 'amount', 'vi', 'tỷ đồng')).toBe('42,25 tỷ đồng');
    expect(formatValue(1234.5, 'amount', 'en', 'million VND')).toBe('1,234.5 million VND');
    expect(formatValue(80.54, '%', 'en')).toBe('80.5 %');
    const instant = new Date('2026-12-01T18:05:00Z');
    expect(formatDate(instant, 'vi')).toBe('02/12/2026');
    expect(formatTime(instant, 'vi')).toBe('01:05');
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
    });
    expect(parseOptions('?unit=abc')).toMatch(/Thiếu mã đơn vị/);
    expect(parseOptions('?unit=25&view=map')).toMatch(/Unknown view map/);
  });

  it('rotates through the views, skipping the communes table on a commune', () => {
    const playlist = ['overview', 'communes', 'alerts'] as const;
    expect(nextView(playlist, 'overview', false)).toBe('alerts');
    expect(nextView(playlist, 'overview', true)).toBe('communes');
    expect(nextView(playlist, 'alerts', true)).toBe('overview');
  });
});

import { parseItem, splitBody, type BodyItem } from './split-body';

function itemsOf(contentType: string, body: unknown): BodyItem[] {
  const split = splitBody(contentType, body);
  if (!split.ok) throw new Error(split.message);
  return split.items;
}

describe(splitBody.name, () => {
  it('takes each element of a JSON array, whatever the charset parameter', () => {
    expect(itemsOf('application/json; charset=utf-8', [{ a: 1 }, 'x'])).toEqual([
      { kind: 'element', value: { a: 1 } },
      { kind: 'element', value: 'x' },
    ]);
  });

  it('refuses a JSON body that is not an array', () => {
    expect(splitBody('application/json', { eventId: 'x' })).toMatchObject({ ok: false, status: 400 });
    expect(splitBody('application/json', undefined)).toMatchObject({ ok: false, status: 400 });
  });

  it('takes each non-blank NDJSON line, keeping line numbers, CRLF or LF', () => {
    expect(itemsOf('Application/X-NDJSON', '{"a":1}\r\n\r\n  \n{"b":2}\n')).toEqual([
      { kind: 'line', line: 1, text: '{"a":1}' },
      { kind: 'line', line: 4, text: '{"b":2}' },
    ]);
  });

  it('reads an empty NDJSON body as no records', () => {
    expect(itemsOf('application/x-ndjson', '')).toEqual([]);
    expect(itemsOf('application/x-ndjson', undefined)).toEqual([]);
  });

  it('refuses other media types with 415, naming the two accepted', () => {
    const split = splitBody('text/csv', 'a,b');
    expect(split).toMatchObject({ ok: false, status: 415 });
    expect(!split.ok && split.message).toContain('application/x-ndjson');
    expect(splitBody(undefined, undefined)).toMatchObject({ ok: false, status: 415 });
  });
});

describe(parseItem.name, () => {
  it('parses a line and keeps the byte length of its text for the size limit', () => {
    expect(parseItem({ kind: 'line', line: 1, text: '{"a": "é"}' })).toEqual({
      ok: true,
      value: { a: 'é' },
      bytes: 11,
    });
  });

  it('takes an array element as the body parser left it', () => {
    expect(parseItem({ kind: 'element', value: { a: [1] } })).toEqual({ ok: true, value: { a: [1] } });
  });

  it('rejects a line that is not JSON on its own, naming the line', () => {
    const parsed = parseItem({ kind: 'line', line: 7, text: '{"eventId": "trunc' });
    expect(parsed).toMatchObject({ ok: false, rejection: { code: 'invalid_json' } });
    expect(!parsed.ok && parsed.rejection.reason).toContain('line 7 is not JSON');
  });
});

import { InvalidRecord } from '../publish/invalid-record';
import { parseNdjson, toNdjson } from './ndjson';

describe(parseNdjson.name, () => {
  it('parses each non-blank line, keeps line numbers and turns broken lines into reasons', () => {
    const { records, lines } = parseNdjson('{"a":1}\n\n  {"b":2}\r\n{"c":\n');
    expect(lines).toEqual([1, 3, 4]);
    expect(records.slice(0, 2)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(records[2]).toBeInstanceOf(InvalidRecord);
    expect((records[2] as InvalidRecord).reason).toMatch(/^invalid_json: line 4 is not JSON/);
  });

  it('round-trips what toNdjson writes', () => {
    const values = [{ a: 1 }, { b: 'x\ny' }];
    expect(parseNdjson(toNdjson(values)).records).toEqual(values);
  });
});

import { eq, notBeforeOccurrence, notEq, oneOf } from '@libs/kpi';
import { conditionSql, filterWhere, keyOf, tableOf } from './event-sql';

describe('event SQL', () => {
  it('compares a payload field as its raw JSON text, so types never mix and a missing field equals nothing', () => {
    expect(conditionSql(eq('online', true)).text).toBe(`visitParamExtractRaw(payload, 'online') = 'true'`);
    expect(conditionSql(eq('channel', 'online')).text).toBe(
      `visitParamExtractRaw(payload, 'channel') = '"online"'`,
    );
    expect(conditionSql(notEq('outcome', 'withdrawn')).text).toBe(
      `visitParamExtractRaw(payload, 'outcome') != '"withdrawn"'`,
    );
    expect(conditionSql(oneOf('via', ['interlink', 'lgsp'])).text).toBe(
      `visitParamExtractRaw(payload, 'via') IN ('"interlink"', '"lgsp"')`,
    );
    expect(conditionSql(notBeforeOccurrence('dueAt')).text).toBe(
      `ifNull(parseDateTimeBestEffortOrNull(nullIf(visitParamExtractString(payload, 'dueAt'), '')) >= occurred_at, 0)`,
    );
  });

  it('escapes values through the one SQL helper', () => {
    expect(conditionSql(eq('note', `it's "x"\\`)).text).toBe(
      `visitParamExtractRaw(payload, 'note') = '"it\\'s \\\\"x\\\\"\\\\\\\\"'`,
    );
  });

  it('refuses field names that are not plain identifiers', () => {
    expect(() => keyOf(`a', 'b`)).toThrow('not a payload field name');
    expect(() => conditionSql(eq('a.b', 1))).toThrow('not a payload field name');
  });

  it('reads a key as String(value) of a string or a number', () => {
    expect(keyOf('dossierId').text).toBe(
      `if(substring(visitParamExtractRaw(payload, 'dossierId'), 1, 1) = '"', visitParamExtractString(payload, 'dossierId'), visitParamExtractRaw(payload, 'dossierId'))`,
    );
  });

  it('selects known events of a filter in the scope, from its source table', () => {
    expect(tableOf('onestop.dossier.resolved').text).toBe('onestop_events');
    expect(() => tableOf('nowhere.thing')).toThrow('names no known source');
    expect(
      filterWhere({ type: 'qlvb.workfile.closed', where: [eq('secret', false)] }, ['26734'], 100).text,
    ).toBe(
      `type = 'qlvb.workfile.closed' AND unit_code IN ('26734') AND occurred_at < toDateTime(100) AND visitParamExtractRaw(payload, 'secret') = 'false'`,
    );
  });
});

import {
  correlatedInputsOf,
  findKpi,
  isReferenceCount,
  KPI_CATALOG,
  type KpiDefinition,
  type KpiFormula,
  mainInputOf,
} from '@libs/kpi';
import {
  eventSetCountSql,
  eventSetsSql,
  fedUnitsSql,
  medianDelaySql,
  openOverdueSql,
  referenceCountsSql,
  reportedSql,
  rollupDayCountSql,
  rollupSetSql,
  timeWeightedUpSql,
  type SetScope,
  type SetSource,
} from './kpi-query.sql';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const HOUR = 3600;
// 2026-11-01T00:00+07:00 … 2026-12-01T00:00+07:00 (local month boundaries are whole hours).
const NOV = { start: 1_793_466_000, end: 1_796_058_000 };
const scope: SetScope = { unitCodes: ['26734', '26737'], window: NOV, asOf: NOV.end };

/** Every query of a formula, over the raw tables and (event sets) over the rollup. */
function queriesOf(formula: KpiFormula, split?: string): string[] {
  const s = { ...scope, ...(split ? { split } : {}) };
  switch (formula.kind) {
    case 'ratio':
    case 'count': {
      const sets =
        formula.kind === 'count'
          ? [formula.of]
          : [formula.numerator, ...(isReferenceCount(formula.denominator) ? [] : [formula.denominator])];
      const rollup = (set: (typeof sets)[number]): SetSource[] => {
        const correlated = correlatedInputsOf(set);
        return split || !correlated ? [] : [{ kind: 'rollup', main: mainInputOf(set), correlated }];
      };
      return sets.flatMap((set) =>
        [{ kind: 'raw' } as SetSource, ...rollup(set)].map((source) => eventSetCountSql(set, s, source).text),
      );
    }
    case 'open_overdue':
      return [openOverdueSql(formula, s.unitCodes, NOV.end, split).text];
    case 'time_weighted_up':
      return [timeWeightedUpSql(formula, s).text];
    case 'median_delay':
      return [medianDelaySql(formula, s).text];
    case 'reported':
      return [reportedSql(formula, s.unitCodes, NOV, NOV.end).text];
  }
}

/** The text of each parenthesised level, nested levels cut out, then split into UNION ALL branches. */
function selectLevels(query: string): string[] {
  const levels: string[] = [];
  const stack: string[] = [''];
  for (const ch of query) {
    if (ch === '(') stack.push('');
    else if (ch === ')') levels.push(stack.pop() ?? '');
    else stack[stack.length - 1] += ch;
  }
  levels.push(...stack);
  return levels.flatMap((level) => level.split('UNION ALL'));
}

const ALL_FORMULAS = KPI_CATALOG.flatMap((d) => [
  { label: d.id, formula: d.formula, breakdowns: d.breakdowns ?? [] },
  ...(d.measures ?? []).map((m) => ({ label: `${d.id}/${m.id}`, formula: m.formula, breakdowns: [] })),
]);

describe('KPI queries keep to the ClickHouse 18.16 dialect floor', () => {
  it.each(ALL_FORMULAS.map((f) => [f.label, f] as const))('%s', (_, { formula, breakdowns }) => {
    const queries = [...queriesOf(formula), ...breakdowns.flatMap((field) => queriesOf(formula, field))];
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect(query).not.toMatch(/\bWITH\b|\bOVER\s*\(|JSONExtract|\{\w+:|DateTime64|\bFINAL\b/);
      for (const level of selectLevels(query))
        expect(level.match(/\bJOIN\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
      const joins = query.match(/\bJOIN\b/g)?.length ?? 0;
      expect(query.match(/\) AS \w+\s+ANY (INNER|LEFT) JOIN \(/g)?.length ?? 0).toBe(joins);
      expect(query.match(/\) AS \w+ USING \(unit_code, (member|key)\)/g)?.length ?? 0).toBe(joins);
    }
  });
});

describe('event-set counts', () => {
  it('count distinct entities per unit, with the key guarded and the window on occurredAt', () => {
    const formula = kpi('work_files_processed_online_pct').formula;
    if (formula.kind !== 'ratio') throw new Error('ratio expected');
    const text = eventSetCountSql(formula.numerator, scope).text;
    expect(text).toContain('uniqExact(member) AS n');
    expect(text).toContain('GROUP BY unit_code, split');
    expect(text).toContain(`match(visitParamExtractRaw(payload, 'workFileId'), '^["0-9-]')`);
    expect(text).toContain(
      `occurred_at >= toDateTime(${NOV.start}) AND occurred_at < toDateTime(${NOV.end})`,
    );
    expect(text).toContain(`FROM qlvb_events`);
  });

  it('place an event by a payload date when the set says so, and test a deadline per event with one JOIN', () => {
    const formula = kpi('reports_submitted_on_time_pct').formula;
    if (formula.kind !== 'ratio') throw new Error('ratio expected');
    const text = eventSetCountSql(formula.numerator, scope).text;
    expect(text).toContain(
      `ifNull(parseDateTimeBestEffortOrNull(nullIf(visitParamExtractString(payload, 'dueAt'), '')) >= toDateTime(${NOV.start})`,
    );
    expect(text).toContain('min(occurred_at) AS first_0');
    expect(text).toContain('WHERE ifNull(first_0 <= deadline_0, 0)');
    expect(text.match(/JOIN/g)).toHaveLength(1);
  });

  it('require an entity in every correlated set at any known time, without a JOIN', () => {
    const formula = kpi('tthc_dossiers_fully_online_pct').formula;
    if (formula.kind !== 'ratio') throw new Error('ratio expected');
    const text = eventSetCountSql(formula.numerator, scope).text;
    expect(text.match(/AND \(unit_code, if\(/g)).toHaveLength(2);
    expect(text).toContain(`type = 'onestop.result.returned'`);
    expect(text).not.toContain('JOIN');
  });

  it('read the rollup: whole hours from the hourly sets, partial hours from the member rows', () => {
    const formula = kpi('ai_camera_alerts_count').formula;
    if (formula.kind !== 'count') throw new Error('count expected');
    const input = mainInputOf(formula.of);
    const aligned = rollupSetSql(input, ['26734'], NOV, NOV.end).text;
    expect(aligned).toContain('groupUniqArrayMerge(members) AS ms');
    expect(aligned).toContain(`hour >= toDateTime(${NOV.start}) AND hour < toDateTime(${NOV.end})`);
    expect(aligned).not.toContain('kpi_input_members');
    const ragged = rollupSetSql(input, ['26734'], { start: NOV.start + 10, end: NOV.end - 10 }, NOV.end).text;
    expect(ragged).toContain(
      `hour >= toDateTime(${NOV.start + HOUR}) AND hour < toDateTime(${NOV.end - HOUR})`,
    );
    expect(ragged).toContain(
      `(bucket >= toDateTime(${NOV.start + 10}) AND bucket < toDateTime(${NOV.start + HOUR})) OR (bucket >= toDateTime(${NOV.end - HOUR}) AND bucket < toDateTime(${NOV.end - 10}))`,
    );
    const withinAnHour = rollupSetSql(
      input,
      ['26734'],
      { start: NOV.start + 10, end: NOV.start + 20 },
      NOV.end,
    ).text;
    expect(withinAnHour).not.toContain('kpi_input_hourly');
    const withinADay = { ...scope, window: { start: NOV.start, end: NOV.start + 20 * HOUR } };
    expect(
      eventSetCountSql(formula.of, withinADay, { kind: 'rollup', main: input, correlated: [] }).text,
    ).toContain('length(ms) AS n');
  });

  it('count a rollup input over whole local days from the daily states, partial days from the member rows', () => {
    const formula = kpi('ai_camera_alerts_count').formula;
    if (formula.kind !== 'count') throw new Error('count expected');
    const input = mainInputOf(formula.of);
    const month = eventSetCountSql(formula.of, scope, { kind: 'rollup', main: input, correlated: [] }).text;
    expect(month).toContain('uniqExactMerge(members) AS n');
    expect(month).toContain(`day >= toDateTime(${NOV.start}) AND day < toDateTime(${NOV.end})`);
    expect(month).not.toContain('kpi_input_members');
    expect(month).not.toContain('kpi_input_hourly');
    const DAY = 24 * HOUR;
    const ragged = rollupDayCountSql(input, ['26734'], {
      start: NOV.start - 5 * HOUR,
      end: NOV.end + 90,
    })?.text;
    expect(ragged).toContain(`day >= toDateTime(${NOV.start}) AND day < toDateTime(${NOV.end})`);
    expect(ragged).toContain(
      `(bucket >= toDateTime(${NOV.start - 5 * HOUR}) AND bucket < toDateTime(${NOV.start})) OR (bucket >= toDateTime(${NOV.end}) AND bucket < toDateTime(${NOV.end + 90}))`,
    );
    expect(
      rollupDayCountSql(input, ['26734'], { start: NOV.start + 1, end: NOV.start + DAY }),
    ).toBeUndefined();
    expect(rollupDayCountSql(input, ['26734'], { start: NOV.start, end: NOV.start + DAY })?.text).toContain(
      `day >= toDateTime(${NOV.start}) AND day < toDateTime(${NOV.start + DAY})`,
    );
  });

  it('read a rollup input placed by a payload date from the member rows, known before asOf', () => {
    const formula = kpi('reports_submitted_on_time_pct').formula;
    if (formula.kind !== 'ratio' || isReferenceCount(formula.denominator)) throw new Error('ratio expected');
    const text = rollupSetSql(mainInputOf(formula.denominator), ['26734'], NOV, NOV.end - 5).text;
    expect(text).not.toContain('kpi_input_hourly');
    expect(rollupDayCountSql(mainInputOf(formula.denominator), ['26734'], NOV)).toBeUndefined();
    expect(text).toContain(`AND occurred_at < toDateTime(${NOV.end - 5})`);
  });

  it('refuse to break a rollup down (member rows do not keep payload fields)', () => {
    const formula = kpi('ai_camera_alerts_count').formula;
    if (formula.kind !== 'count') throw new Error('count expected');
    const source: SetSource = { kind: 'rollup', main: mainInputOf(formula.of), correlated: [] };
    expect(() => eventSetCountSql(formula.of, { ...scope, split: 'alertType' }, source)).toThrow(
      'raw tables',
    );
  });

  it('come back for N and D in one round trip', () => {
    const formula = kpi('tthc_satisfaction_pct').formula;
    if (formula.kind !== 'ratio' || isReferenceCount(formula.denominator)) throw new Error('ratio expected');
    const text = eventSetsSql(
      [
        { part: 'n', set: formula.numerator, source: { kind: 'raw' } },
        { part: 'd', set: formula.denominator, source: { kind: 'raw' } },
      ],
      scope,
    ).text;
    expect(text).toMatch(/^SELECT 'n' AS part[\s\S]*UNION ALL\nSELECT 'd' AS part/);
  });
});

describe('state and reported queries', () => {
  it('find units with a feed from any of the sources, before asOf', () => {
    const text = fedUnitsSql(['qlvb', 'onestop'], ['26734'], 99).text;
    expect(text).toContain(
      "FROM qlvb_events WHERE unit_code IN ('26734') AND occurred_at < toDateTime(99) LIMIT 1 BY unit_code",
    );
    expect(text).toContain('UNION ALL');
  });

  it('take the latest opening per entity (ties: larger eventId) and leave out closed ones', () => {
    const formula = kpi('docs_overdue_count').formula;
    if (formula.kind !== 'open_overdue') throw new Error('open_overdue expected');
    const text = openOverdueSql(formula, ['26734'], 500).text;
    expect(text).toContain('argMax(due_text, (occurred_at, event_id)) AS due');
    expect(text).toContain('WHERE (unit_code, key_0, key_1) NOT IN');
    expect(text).toContain("ifNull(parseDateTimeBestEffortOrNull(nullIf(due, '')) < toDateTime(500), 0)");
  });

  it('weigh time by the sorted statuses of each registered entity', () => {
    const formula = kpi('camera_online_pct').formula;
    if (formula.kind !== 'time_weighted_up') throw new Error('time_weighted_up expected');
    const text = timeWeightedUpSql(formula, scope).text;
    expect(text).toContain('arraySort(groupUniqArray((toInt64(toUInt32(occurred_at)), event_id,');
    expect(text).toContain('least(nx, t_s) - greatest(a, f_s)');
    expect(text).toContain('min(occurred_at) AS registered_at');
  });

  it('take the exact median of the delays', () => {
    const formula = kpi('ai_camera_alerts_count').measures?.[0].formula;
    if (formula?.kind !== 'median_delay') throw new Error('median_delay expected');
    const text = medianDelaySql(formula, scope).text;
    expect(text).toContain('arraySort(groupArray(minutes)) AS sorted');
    expect(text).toContain('(sorted[intDiv(samples, 2)] + sorted[intDiv(samples, 2) + 1]) / 2');
    expect(text).toContain(`HAVING s_at >= ${NOV.start} AND s_at < ${NOV.end}`);
  });

  it('choose one report per unit: latest period inside the range, highest revision, later time, larger id', () => {
    const text = reportedSql({ kind: 'reported', indicatorId: 'x_pct' }, ['26734'], NOV, NOV.end).text;
    expect(text).toContain(`visitParamExtractRaw(payload, 'indicatorId') = '"x_pct"'`);
    expect(text).toContain(`p_start >= ${NOV.start} AND p_end <= ${NOV.end}`);
    expect(text).toContain(
      'ORDER BY unit_code, p_end DESC, p_start DESC, revision DESC, occurred_at DESC, event_id DESC\nLIMIT 1 BY unit_code',
    );
  });

  it('read the latest recorded import’s version of a roster valid on a date', () => {
    const text = referenceCountsSql('qlvb_officials', ['26734'], '2026-11-30').text;
    expect(text).toContain('argMax(count, import_id)');
    expect(text).toContain('import_id IN (SELECT import_id FROM reference_imports)');
    expect(text).toContain("valid_from <= toDate('2026-11-30')");
  });
});

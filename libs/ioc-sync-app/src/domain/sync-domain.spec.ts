import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import { decideApply } from './apply-decision';
import { changePageOf, daysMoved, unionOfBatchChanges, unitsByDay } from './change-pages';
import { assessFeed, childStateOf, type FeedFigures } from './completeness';
import { LinkRotation } from './link-rotation';
import { memberRowsOf, splitByMembers, type StoredCandidate } from './member-readiness';
import { subtreeCommunes, unitOutsideScope } from './subtree';
import type { SyncBatch } from './sync-batch';
import { watermarksOf } from './watermarks';

describe('decideApply', () => {
  it('applies the next batch only, acknowledges old ones, refuses a gap', () => {
    expect(decideApply(0, 1)).toBe('apply');
    expect(decideApply(4, 5)).toBe('apply');
    expect(decideApply(4, 4)).toBe('already_applied');
    expect(decideApply(4, 1)).toBe('already_applied');
    expect(decideApply(4, 6)).toBe('gap');
  });

  it('applies a merged delivery that continues the applied ones, even when it overlaps them', () => {
    expect(decideApply(4, 9, 5)).toBe('apply');
    expect(decideApply(4, 9, 2)).toBe('apply');
    expect(decideApply(9, 9, 5)).toBe('already_applied');
    expect(decideApply(4, 9, 6)).toBe('gap');
    expect(() => decideApply(4, 5, 6)).toThrow(RangeError);
  });
});

describe('LinkRotation', () => {
  const now = new Date('2026-11-23T08:00:00Z');

  it('stays on a working link and switches to the next one when it fails', () => {
    const links = new LinkRotation(['http://a', 'http://b']);
    links.succeeded(now);
    expect(links.url).toBe('http://a');
    expect(links.failed(now, 'refused')).toBe(false);
    expect(links.url).toBe('http://b');
    links.succeeded(now);
    expect(links.url).toBe('http://b');
    expect(links.status().map((l) => [l.url, l.active, l.requests, l.failures])).toEqual([
      ['http://a', false, 2, 1],
      ['http://b', true, 1, 0],
    ]);
  });

  it('asks for a back-off once every link failed in a row', () => {
    const links = new LinkRotation(['http://a', 'http://b']);
    expect(links.failed(now, 'x')).toBe(false);
    expect(links.failed(now, 'y')).toBe(true);
    expect(links.url).toBe('http://a');
    expect(links.failed(now, 'z')).toBe(false);
  });

  it('needs a link', () => {
    expect(() => new LinkRotation([])).toThrow('at least one upstream link');
  });
});

describe('watermarksOf', () => {
  const received = [
    { unitCode: '26734', source: 'onestop' as const, completeThrough: 100, rejected: 1, accepted: 9 },
  ];

  it('vouches for own feeds through the snapshot and passes children’s marks on unchanged', () => {
    const marks = watermarksOf({
      stored: [
        { unitCode: '26734', source: 'onestop' },
        { unitCode: '26740', source: 'qlvb' },
      ],
      received,
      ownCounts: [{ unitCode: '26740', source: 'camera', rejected: 2, accepted: 0 }],
      snapshot: 500,
      complete: true,
    });
    expect(marks).toEqual([
      received[0],
      { unitCode: '26740', source: 'camera', completeThrough: 500, rejected: 2, accepted: 0 },
      { unitCode: '26740', source: 'qlvb', completeThrough: 500, rejected: 0, accepted: 0 },
    ]);
  });

  it('vouches for an own feed only through the second before the first event it still waits for', () => {
    const marks = watermarksOf({
      stored: [
        { unitCode: '26734', source: 'onestop' },
        { unitCode: '26734', source: 'qlvb' },
      ],
      received: [],
      ownCounts: [],
      snapshot: 500,
      complete: true,
      waiting: [
        { unitCode: '26734', source: 'onestop', storedAt: 480 },
        { unitCode: '26734', source: 'onestop', storedAt: 470 },
      ],
    });
    expect(marks.map((m) => [m.source, m.completeThrough])).toEqual([
      ['onestop', 469],
      ['qlvb', 500],
    ]);
  });

  it('vouches for nothing while the batch was cut at its size limit', () => {
    expect(watermarksOf({ stored: [], received, ownCounts: [], snapshot: 500, complete: false })).toEqual([]);
  });
});

describe('assessFeed', () => {
  const t = {
    liveWithinS: 3600,
    completeWithinS: 900,
    cleanMaxRejectPermille: 10,
    volumeMinPct: 50,
    volumeMaxPct: 200,
  };
  const now = 1_000_000;
  const feed: FeedFigures = {
    unitCode: '26734',
    source: 'onestop',
    lastEventAt: now - 60,
    lastStoredAt: now - 30,
    completeThrough: now - 10,
    rejected: 1,
    accepted: 199,
    last24h: 100,
    previous7d: 700,
  };

  it('reads live, complete, clean and within volume from the figures', () => {
    expect(assessFeed(feed, now, t)).toEqual({
      unitCode: '26734',
      source: 'onestop',
      live: {
        state: 'live',
        lastEventAt: new Date((now - 60) * 1000).toISOString(),
        lastStoredAt: new Date((now - 30) * 1000).toISOString(),
      },
      complete: {
        state: 'complete',
        completeThrough: new Date((now - 10) * 1000).toISOString(),
        lagSeconds: 10,
      },
      clean: { state: 'clean', rejected: 1, accepted: 199, rejectRate: 0.005 },
      volume: { state: 'within', last24h: 100, dailyMean7d: 100 },
    });
  });

  it('tells silent, late, dirty and off-volume feeds apart, and unknown when there is nothing to judge', () => {
    const bad = assessFeed(
      {
        ...feed,
        lastEventAt: now - 7200,
        completeThrough: now - 1000,
        rejected: 5,
        accepted: 95,
        last24h: 10,
      },
      now,
      t,
    );
    expect([bad.live.state, bad.complete.state, bad.clean.state, bad.volume.state]).toEqual([
      'silent',
      'late',
      'dirty',
      'below',
    ]);
    const none = assessFeed(
      { ...feed, lastEventAt: null, completeThrough: null, rejected: 0, accepted: 0, previous7d: 0 },
      now,
      t,
    );
    expect([none.live.state, none.complete.state, none.clean.state, none.volume.state]).toEqual([
      'never',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(assessFeed({ ...feed, last24h: 300 }, now, t).volume.state).toBe('above');
  });

  it('calls a child silent when none of its feeds is live, late when a live one lags', () => {
    const live = assessFeed(feed, now, t);
    const lagging = assessFeed({ ...feed, completeThrough: now - 5000 }, now, t);
    const silent = assessFeed({ ...feed, lastEventAt: now - 90_000 }, now, t);
    expect(childStateOf([])).toBe('silent');
    expect(childStateOf([silent])).toBe('silent');
    expect(childStateOf([live, silent])).toBe('complete');
    expect(childStateOf([live, lagging])).toBe('late');
  });
});

describe('changePageOf', () => {
  const batches = [
    { seq: 3, changes: [{ unitCode: '26740', date: '2026-11-02' }] },
    {
      seq: 1,
      changes: [
        { unitCode: '26734', date: '2026-11-01' },
        { unitCode: '26734', date: '2026-11-02' },
      ],
    },
    { seq: 2, changes: [{ unitCode: '26734', date: '2026-11-01' }] },
  ];

  it('takes whole batches in order until the limit, each change once, and ends on a batch boundary', () => {
    expect(changePageOf(batches, 0, 2)).toEqual({
      changes: [
        { unitCode: '26734', date: '2026-11-01' },
        { unitCode: '26734', date: '2026-11-02' },
      ],
      cursor: 1,
    });
    expect(changePageOf(batches, 1, 2)).toEqual({
      changes: [
        { unitCode: '26734', date: '2026-11-01' },
        { unitCode: '26740', date: '2026-11-02' },
      ],
      cursor: 3,
    });
    expect(changePageOf(batches, 3, 2)).toEqual({ changes: [], cursor: 3 });
  });
});

describe('unitsByDay', () => {
  it('gathers each day’s units once, days and units in order', () => {
    expect(
      unitsByDay([
        { unitCode: '26740', date: '2026-12-01' },
        { unitCode: '26737', date: '2026-11-30' },
        { unitCode: '26734', date: '2026-12-01' },
        { unitCode: '26740', date: '2026-12-01' },
      ]),
    ).toEqual([
      { date: '2026-11-30', unitCodes: ['26737'] },
      { date: '2026-12-01', unitCodes: ['26734', '26740'] },
    ]);
    expect(unitsByDay([])).toEqual([]);
  });
});

describe('daysMoved', () => {
  const changes = [
    { unitCode: '26734', date: '2026-11-29' },
    { unitCode: '26734', date: '2026-11-30' },
    { unitCode: '26740', date: '2026-12-01' },
  ];

  it('moves only the changed days of an event KPI', () => {
    expect(daysMoved(changes, 'event', '2026-12-01')).toEqual(changes);
  });

  it.each(['state', 'reported'] as const)(
    'moves every day from a unit’s earliest change through the last day for a %s KPI',
    (mode) => {
      expect(daysMoved(changes, mode, '2026-12-01')).toEqual(
        expect.arrayContaining([
          { unitCode: '26734', date: '2026-11-29' },
          { unitCode: '26734', date: '2026-11-30' },
          { unitCode: '26734', date: '2026-12-01' },
          { unitCode: '26740', date: '2026-12-01' },
        ]),
      );
      expect(daysMoved(changes, mode, '2026-12-01')).toHaveLength(4);
    },
  );

  it('keeps a change after the last day without adding days before it', () => {
    expect(daysMoved([{ unitCode: '26734', date: '2026-12-03' }], 'state', '2026-12-01')).toEqual([
      { unitCode: '26734', date: '2026-12-03' },
    ]);
  });
});

describe('subtreeCommunes', () => {
  const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);

  it('gives a district its communes of the old map, a province those of both maps and the merged ones', () => {
    expect(subtreeCommunes(hierarchy, '248', '2026-11-23')).toEqual(['26734', '26737']);
    expect(subtreeCommunes(hierarchy, '25', '2026-11-23')).toEqual(['26734', '26737', '26740', '26743']);
    expect(subtreeCommunes(hierarchy, '26740', '2026-11-23')).toEqual(['26740', '26743']);
    expect(subtreeCommunes(hierarchy, '99', '2026-11-23')).toEqual([]);
  });
});

describe('unitOutsideScope', () => {
  const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
  const batch = (origin: string, ...units: string[]) => ({
    origin,
    events: units.map((unitCode) => ({ unitCode })) as SyncBatch['events'],
    marks: [],
  });

  it("accepts a batch within the sender's subtrees and names the first unit outside them", () => {
    expect(
      unitOutsideScope(hierarchy, { units: ['26734'] }, batch('26734', '26734'), '2026-11-23'),
    ).toBeUndefined();
    expect(
      unitOutsideScope(hierarchy, { units: ['248'] }, batch('248', '26734', '26737'), '2026-11-23'),
    ).toBeUndefined();
    expect(unitOutsideScope(hierarchy, { units: 'all' }, batch('26', '26743'), '2026-11-23')).toBeUndefined();
    expect(unitOutsideScope(hierarchy, { units: ['26734'] }, batch('26734', '26740'), '2026-11-23')).toBe(
      '26740',
    );
    expect(unitOutsideScope(hierarchy, { units: ['26734'] }, batch('26740', '26740'), '2026-11-23')).toBe(
      '26740',
    );
  });
});

describe('unionOfBatchChanges', () => {
  const day = (unitCode: string, date: string) => ({ unitCode, date });

  it("joins each batch's views, each pair once, in sequence order", () => {
    const occurred = [
      { seq: 2, changes: [day('26734', '2026-11-02')] },
      { seq: 5, changes: [day('26740', '2026-11-03')] },
    ];
    const placed = [
      { seq: 2, changes: [day('26734', '2026-11-02'), day('26734', '2026-10-20')] },
      { seq: 4, changes: [day('26740', '2026-10-31')] },
    ];
    expect(unionOfBatchChanges([occurred, placed], 10)).toEqual([
      { seq: 2, changes: [day('26734', '2026-11-02'), day('26734', '2026-10-20')] },
      { seq: 4, changes: [day('26740', '2026-10-31')] },
      { seq: 5, changes: [day('26740', '2026-11-03')] },
    ]);
  });

  it('keeps the first maxBatches batches of the union, so a page still ends on a batch boundary', () => {
    const occurred = [
      { seq: 1, changes: [day('26734', '2026-11-01')] },
      { seq: 3, changes: [day('26734', '2026-11-03')] },
    ];
    const placed = [{ seq: 2, changes: [day('26734', '2026-10-01')] }];
    expect(unionOfBatchChanges([occurred, placed], 2).map((b) => b.seq)).toEqual([1, 2]);
    expect(unionOfBatchChanges([[], []], 2)).toEqual([]);
  });
});

describe('splitByMembers', () => {
  const dossier = (id: string): StoredCandidate => ({
    eventId: id,
    type: 'onestop.dossier.received',
    unitCode: '26734',
    occurredAt: 1_795_000_000,
    payload: JSON.stringify({
      dossierId: id,
      procedureCode: '1.001234',
      channel: 'online',
      onCentralOneStop: true,
      dueAt: '2026-11-25T17:00:00+07:00',
      eidAuthenticated: true,
    }),
  });
  const unused: StoredCandidate = { ...dossier('u'), type: 'onestop.test.unused' };

  it('holds back an event until every member row derived from it is stored; one without any goes at once', () => {
    const [a, b] = [dossier('a'), dossier('b')];
    const expected = memberRowsOf([a, b, unused]);
    const ofA = expected.filter((r) => r.event_id === 'a');
    expect(ofA.length).toBeGreaterThan(1);
    expect(expected.filter((r) => r.event_id === 'u')).toEqual([]);
    const stored = [...ofA.slice(1), ...expected.filter((r) => r.event_id === 'b')];
    const split = splitByMembers([a, b, unused], expected, stored);
    expect(split.ready.map((c) => c.eventId)).toEqual(['b', 'u']);
    expect(split.waiting.map((c) => c.eventId)).toEqual(['a']);
    expect(splitByMembers([a, b], expected, expected).waiting).toEqual([]);
  });
});

import { ForbiddenException, UnprocessableEntityException } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import type { Principal } from '@libs/access';
import {
  ReferenceData,
  type ImportRecord,
  type ImportRows,
  type ReferenceDataSource,
  type ReferenceStore,
} from '@libs/reference-data';
import { ReferenceAdminController } from './reference-admin.controller';

const admin: Principal = { id: 'admin-1', role: 'admin', units: 'all', sources: 'all' };
const rosters = 'unit_code,roster,count,valid_from\n26734,qlvb_officials,48,2025-07-01\n';
const body = (text: string, contentType = 'text/csv') =>
  Object.assign(Readable.from([Buffer.from(text)]), {
    headers: { 'content-type': contentType },
  }) as unknown as IncomingMessage;

function setUp() {
  const committed: { record: ImportRecord; rows: ImportRows }[] = [];
  const store: ReferenceStore = {
    latestImportId: () => Promise.resolve(''),
    units: () => Promise.resolve([]),
    mappings: () => Promise.resolve([]),
    rosters: () => Promise.resolve([]),
    targets: () => Promise.resolve([]),
    indicatorCatalog: () => Promise.resolve(undefined),
    imports: () => Promise.resolve(committed.map((c) => c.record)),
    commit: (record, rows) => {
      committed.push({ record, rows });
      return Promise.resolve();
    },
  };
  const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
  let refreshed = 0;
  const source = {
    current: () => new ReferenceData('', hierarchy, 'configuration', [], []),
    refresh: () => Promise.resolve(void (refreshed += 1)),
  } as unknown as ReferenceDataSource;
  return { sut: new ReferenceAdminController(store, source), committed, refreshed: () => refreshed };
}

describe(ReferenceAdminController.name, () => {
  it('stores an import under the admin’s key id and reloads this gateway at once', async () => {
    const { sut, committed, refreshed } = setUp();
    const report = await sut.load(
      'rosters',
      'Danh sách 07/2025',
      undefined,
      undefined,
      undefined,
      body(rosters),
      admin,
    );
    expect(report).toMatchObject({ kind: 'rosters', dryRun: false, counts: { added: 1 } });
    expect(committed[0].record).toMatchObject({ loadedBy: 'admin-1', sourceDocument: 'Danh sách 07/2025' });
    expect(refreshed()).toBe(1);
  });

  it('shows the difference on a dry run and stores nothing', async () => {
    const { sut, committed, refreshed } = setUp();
    const report = await sut.load('rosters', 'x', undefined, undefined, 'true', body(rosters), admin);
    expect(report.changes).toEqual(['+ qlvb_officials of 26734 from 2025-07-01: 48']);
    expect([committed.length, refreshed()]).toEqual([0, 0]);
  });

  it('answers 422 with every problem by line and column, and 403 to an admin of some units only', async () => {
    const { sut, committed } = setUp();
    const refused = await sut
      .load('rosters', 'x', undefined, undefined, undefined, body(rosters.replace('48', '-1')), admin)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnprocessableEntityException);
    expect((refused as UnprocessableEntityException).getResponse()).toMatchObject({
      problems: [{ line: 2, column: 'count', message: 'a roster count is a whole number ≥ 0, got -1' }],
    });
    await expect(
      sut.load('rosters', 'x', undefined, undefined, undefined, body(rosters), { ...admin, units: ['25'] }),
    ).rejects.toBeInstanceOf(ForbiddenException);
    expect(committed).toHaveLength(0);
  });
});

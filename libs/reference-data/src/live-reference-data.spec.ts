import {
  AdministrativeHierarchy,
  DEFAULT_UNIT_MAPPINGS_CSV,
  DEFAULT_UNITS_CSV,
  type AdministrativeUnit,
} from '@libs/admin-units';
import { CurrentHierarchy, LiveReferenceData } from './live-reference-data';
import type { ReferenceStore } from './store/reference-store.port';

const configured = () => AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
const province: AdministrativeUnit = {
  code: '01',
  name: 'Thành phố Hà Nội',
  level: 'province',
  validFrom: '2024-01-01',
};

/** A store whose answers the test changes, as an import would. */
function fakeStore(): ReferenceStore & { version: string; stored: AdministrativeUnit[]; failing: boolean } {
  const store = {
    version: '',
    stored: [] as AdministrativeUnit[],
    failing: false,
    latestImportId: () =>
      store.failing
        ? Promise.reject(new Error('table reference_imports does not exist'))
        : Promise.resolve(store.version),
    units: () => Promise.resolve(store.stored),
    mappings: () => Promise.resolve([]),
    rosters: () => Promise.resolve([]),
    targets: () => Promise.resolve([]),
    indicatorCatalog: () => Promise.resolve(undefined),
    imports: () => Promise.resolve([]),
    commit: () => Promise.reject(new Error('read only')),
  };
  return store;
}

describe(LiveReferenceData.name, () => {
  const logs: string[] = [];
  const log = { log: (m: string) => logs.push(m), error: (m: string) => logs.push(`ERROR ${m}`) };

  it('starts on the configured list, and swaps in stored units once an import is recorded', async () => {
    const store = fakeStore();
    const live = await LiveReferenceData.open(store, configured, { refreshMs: 10, startupWaitMs: 0, log });
    const hierarchy = live.hierarchy();
    expect(hierarchy.isKnownUnit('26734', '2026-01-01')).toBe(true);
    expect(await live.refresh()).toBe(false);

    store.stored = [province];
    store.version = '1800000000000-a';
    expect(await live.refresh()).toBe(true);
    expect(live.current().unitsFrom).toBe('store');
    expect(hierarchy.isKnownUnit('01', '2026-01-01')).toBe(true);
    expect(hierarchy.isKnownUnit('26734', '2026-01-01')).toBe(false);
  });

  it('keeps serving the previous data when a reload fails, and logs why', async () => {
    const store = fakeStore();
    const live = await LiveReferenceData.open(store, configured, { refreshMs: 5, startupWaitMs: 0, log });
    store.failing = true;
    live.start();
    await new Promise((done) => setTimeout(done, 30));
    live.stop();
    expect(live.current().unitsFrom).toBe('configuration');
    expect(logs).toContainEqual(
      'ERROR reference data refresh failed, serving the previous data: table reference_imports does not exist',
    );
  });

  it('waits at start-up for the store, then gives up with its error', async () => {
    const store = fakeStore();
    store.failing = true;
    await expect(
      LiveReferenceData.open(store, configured, { refreshMs: 5, startupWaitMs: 50, log }),
    ).rejects.toThrow('reference_imports does not exist');
  });

  it('answers every question of AdministrativeHierarchy from the current hierarchy', () => {
    const inherited = Object.getOwnPropertyNames(AdministrativeHierarchy.prototype).filter(
      (name) => name !== 'constructor',
    );
    const overridden = Object.getOwnPropertyNames(CurrentHierarchy.prototype);
    const privates = ['require', 'checkParent', 'addMapping'];
    expect(inherited.filter((name) => !privates.includes(name) && !overridden.includes(name))).toEqual([]);
  });
});

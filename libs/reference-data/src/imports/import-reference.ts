import { isLocalDate, type AdministrativeHierarchy, type AdministrativeUnit } from '@libs/admin-units';
import { parseIndicatorCatalog } from '../indicators/indicator-catalog';
import { loadReferenceData, ROSTERS } from '../reference-data';
import { planRostersImport, type RosterCount } from '../rosters/rosters-import';
import {
  newImportId,
  type ImportRecord,
  type ImportRows,
  type ReferenceKind,
  type ReferenceStore,
} from '../store/reference-store.port';
import { InvalidImportError } from '../table/import-problem';
import { readTable, tableFormatOf } from '../table/read-table';
import type { RecordDiff } from '../table/record-diff';
import { planTargetsImport, type LocalTarget } from '../targets/targets-import';
import { planUnitsImport, type UnitChange } from '../units/plan-units-import';
import { statedUnitsOf } from '../units/statistics-office-units';
import { planMappingsImport } from '../units/unit-mappings-import';

export interface ImportRequest {
  kind: ReferenceKind;
  fileName: string;
  bytes: Buffer;
  /** The date a units list takes effect (required for units). */
  effectiveFrom?: string;
  /** The document the data comes from, e.g. the statistics office's release or a resolution's number. */
  sourceDocument: string;
  loadedBy: string;
  /** Plan and report the difference without storing anything. */
  dryRun: boolean;
}

export interface ImportReport {
  kind: ReferenceKind;
  dryRun: boolean;
  /** Set once the import is stored. */
  importId?: string;
  counts: Record<string, number>;
  /** The difference against what is stored, one line per changed row. */
  changes: string[];
}

/**
 * One import: read the file, check it wholly against what is stored, and either report the
 * difference (dry run) or store it as one import. Nothing is written when anything is wrong.
 */
export async function importReference(
  store: ReferenceStore,
  request: ImportRequest,
  configured: () => AdministrativeHierarchy,
  now: Date = new Date(),
): Promise<ImportReport> {
  if (!request.sourceDocument.trim()) {
    throw new InvalidImportError([{ message: 'name the source document (its number and date)' }]);
  }
  if (!request.loadedBy.trim()) throw new InvalidImportError([{ message: 'say who loads it' }]);
  const planned = await plan(store, request, configured);
  const report: ImportReport = {
    kind: request.kind,
    dryRun: request.dryRun,
    counts: planned.counts,
    changes: planned.changes,
  };
  if (request.dryRun) return report;
  const record: ImportRecord = {
    importId: newImportId(now),
    kind: request.kind,
    loadedAt: now,
    loadedBy: request.loadedBy,
    sourceDocument: request.sourceDocument,
    fileName: request.fileName,
    effectiveFrom: request.effectiveFrom ?? '',
    summary: JSON.stringify(planned.counts),
  };
  await store.commit(record, planned.rows);
  return { ...report, importId: record.importId };
}

interface Planned {
  rows: ImportRows;
  counts: Record<string, number>;
  changes: string[];
}

async function plan(
  store: ReferenceStore,
  request: ImportRequest,
  configured: () => AdministrativeHierarchy,
): Promise<Planned> {
  if (request.kind === 'indicators') {
    const catalog = parseIndicatorCatalog(request.bytes.toString('utf8'));
    const before = new Set(((await store.indicatorCatalog())?.indicators ?? []).map((i) => i.id));
    const ids = catalog.indicators.map((i) => i.id);
    return {
      rows: { kind: 'indicators', catalog },
      counts: {
        indicators: ids.length,
        added: ids.filter((id) => !before.has(id)).length,
        removed: [...before].filter((id) => !ids.includes(id)).length,
      },
      changes: [
        ...ids.filter((id) => !before.has(id)).map((id) => `+ indicator ${id}`),
        ...[...before].filter((id) => !ids.includes(id)).map((id) => `- indicator ${id}`),
      ],
    };
  }
  const table = await readTable(request.bytes, tableFormatOf(request.fileName));
  switch (request.kind) {
    case 'units': {
      const effectiveFrom = request.effectiveFrom ?? '';
      if (!isLocalDate(effectiveFrom)) {
        throw new InvalidImportError([
          { message: `a units list needs its effective date YYYY-MM-DD, got "${effectiveFrom}"` },
        ]);
      }
      const stated = statedUnitsOf(table);
      const unitsPlan = planUnitsImport(await store.units(), await store.mappings(), stated, effectiveFrom);
      const count = (change: UnitChange['change']) =>
        unitsPlan.changes.filter((c) => c.change === change).length;
      return {
        rows: {
          kind: 'units',
          units: unitsPlan.changes.map((c) => ({ unit: c.unit, withdrawn: c.change === 'withdrawn' })),
        },
        counts: {
          added: count('added'),
          closed: count('closed'),
          replaced: count('replaced'),
          withdrawn: count('withdrawn'),
          unchanged: unitsPlan.unchanged,
        },
        changes: unitsPlan.changes.map(describeUnitChange),
      };
    }
    case 'mappings': {
      const units = await store.units();
      if (units.length === 0) {
        throw new InvalidImportError([{ message: 'no units are stored yet: load the units lists first' }]);
      }
      const mappingsPlan = planMappingsImport(table, units, await store.mappings());
      return {
        rows: { kind: 'mappings', mappings: mappingsPlan.changes.map((c) => c.record) },
        ...summaryOf(mappingsPlan, (m) => `${m.oldCode} → ${m.newCode} from ${m.validFrom}`),
      };
    }
    case 'rosters': {
      const { hierarchy } = await loadReferenceData(store, configured);
      const diff = planRostersImport(table, ROSTERS, hierarchy, await store.rosters());
      return {
        rows: { kind: 'rosters', rosters: diff.changes.map((c) => c.record) },
        ...summaryOf(diff, describeRoster),
      };
    }
    case 'targets': {
      const data = await loadReferenceData(store, configured);
      const diff = planTargetsImport(table, data.indicators, data.hierarchy, await store.targets());
      return {
        rows: { kind: 'targets', targets: diff.changes.map((c) => c.record) },
        ...summaryOf(diff, describeTarget),
      };
    }
  }
}

function summaryOf<T>(diff: RecordDiff<T>, describe: (record: T) => string): Omit<Planned, 'rows'> {
  return {
    counts: {
      added: diff.changes.filter((c) => c.change === 'added').length,
      changed: diff.changes.filter((c) => c.change === 'changed').length,
      unchanged: diff.unchanged,
    },
    changes: diff.changes.map((c) =>
      c.change === 'added' ? `+ ${describe(c.record)}` : `~ ${describe(c.before)} → ${describe(c.record)}`,
    ),
  };
}

const describeUnit = (u: AdministrativeUnit) =>
  `${u.level} ${u.code} ${u.name}${u.parentCode ? ` under ${u.parentCode}` : ''} ${u.validFrom}…${u.validTo ?? ''}`;

function describeUnitChange(c: UnitChange): string {
  switch (c.change) {
    case 'added':
      return `+ ${describeUnit(c.unit)}`;
    case 'closed':
      return `- ${describeUnit(c.before)} ends ${c.unit.validTo ?? ''}`;
    case 'replaced':
      return `~ ${describeUnit(c.before)} → ${describeUnit(c.unit)}`;
    case 'withdrawn':
      return `x ${describeUnit(c.unit)} withdrawn`;
  }
}

const describeRoster = (r: RosterCount) => `${r.roster} of ${r.unitCode} from ${r.validFrom}: ${r.count}`;

const describeTarget = (t: LocalTarget) =>
  `${t.indicatorId} of ${t.unitCode} in ${t.year}: ${t.comparator} ${t.value} (${t.document}, ${t.documentDate})`;

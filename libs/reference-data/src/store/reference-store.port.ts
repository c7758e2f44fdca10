import type { AdministrativeUnit, UnitMapping } from '@libs/admin-units';
import type { IndicatorCatalog } from '../indicators/indicator-catalog';
import type { RosterCount } from '../rosters/rosters-import';
import type { LocalTarget } from '../targets/targets-import';

export const REFERENCE_KINDS = ['units', 'mappings', 'rosters', 'targets', 'indicators'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Who loaded what, when, from which document: kept with every row an import writes. */
export interface ImportRecord {
  /** Sorts by load time: the latest import's row wins among rows with the same key. */
  importId: string;
  kind: ReferenceKind;
  loadedAt: Date;
  loadedBy: string;
  sourceDocument: string;
  fileName: string;
  /** The date a units list takes effect; '' for the others, whose rows carry their own dates. */
  effectiveFrom: string;
  summary: string;
}

/** The rows one import writes, by kind. */
export type ImportRows =
  | { kind: 'units'; units: { unit: AdministrativeUnit; withdrawn: boolean }[] }
  | { kind: 'mappings'; mappings: UnitMapping[] }
  | { kind: 'rosters'; rosters: RosterCount[] }
  | { kind: 'targets'; targets: LocalTarget[] }
  | { kind: 'indicators'; catalog: IndicatorCatalog };

/** Reference data as stored: the latest import's version of every row, of recorded imports only. */
export interface ReferenceStore {
  /** The latest recorded import's id, '' when there is none: what the apps poll to know they must reload. */
  latestImportId(): Promise<string>;
  units(): Promise<AdministrativeUnit[]>;
  mappings(): Promise<UnitMapping[]>;
  rosters(): Promise<RosterCount[]>;
  targets(): Promise<LocalTarget[]>;
  indicatorCatalog(): Promise<IndicatorCatalog | undefined>;
  imports(): Promise<ImportRecord[]>;
  /** Writes the rows, then the import record that makes them visible. */
  commit(record: ImportRecord, rows: ImportRows): Promise<void>;
}

export const REFERENCE_STORE = Symbol('REFERENCE_STORE');

/** A new import id: the load time in milliseconds (13 digits), then a random part. */
export function newImportId(loadedAt: Date): string {
  return `${String(loadedAt.getTime()).padStart(13, '0')}-${Math.random().toString(36).slice(2, 10)}`;
}

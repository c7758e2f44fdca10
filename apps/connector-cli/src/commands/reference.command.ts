import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { ClickHouseEnv, openAnalyticsStore } from '@libs/clickhouse';
import { HierarchyEnv, isLocalDate, loadHierarchy } from '@libs/admin-units';
import { loadEnv } from '@libs/platform';
import {
  ClickHouseReferenceStore,
  InvalidImportError,
  importReference,
  loadReferenceData,
  type ImportReport,
  type ReferenceKind,
} from '@libs/reference-data';

const IMPORTS: { kind: ReferenceKind; file: string; what: string }[] = [
  {
    kind: 'units',
    file: 'the statistics office’s list (CSV or XLSX: Mã TP, Tỉnh / Thành Phố, Mã QH, Quận Huyện, Mã PX, Phường Xã, Cấp)',
    what: 'load an administrative units list, whole for its provinces from --effective',
  },
  {
    kind: 'mappings',
    file: 'CSV or XLSX: old_code,new_code,valid_from',
    what: 'load merger mappings (old → new unit)',
  },
  {
    kind: 'rosters',
    file: 'CSV or XLSX: unit_code,roster,count,valid_from',
    what: 'load roster counts (KPI denominators)',
  },
  {
    kind: 'targets',
    file: 'CSV or XLSX: unit_code,year,indicator,comparator,value,document,document_date,issuer',
    what: 'load local targets of run-time indicators, with the documents that set them',
  },
  {
    kind: 'indicators',
    file: 'JSON catalog of run-time indicators',
    what: 'load the catalog of run-time indicators',
  },
];

interface ImportFlags {
  document: string;
  effective?: string;
  by: string;
  dryRun?: boolean;
}

/** Exit codes: 0 stored (or dry run shown), 2 refused with every problem listed, 1 failed. */
export function referenceCommand(): Command {
  const command = new Command('reference').description(
    'load and query reference data in ClickHouse (CLICKHOUSE_URL, CLICKHOUSE_DATABASE): units, mappings, rosters, targets, indicators',
  );
  for (const { kind, file, what } of IMPORTS) {
    const sub = new Command(kind)
      .description(what)
      .argument('<file>', file)
      .requiredOption(
        '--document <text>',
        'the source document: its number and date, or the release it comes from',
      )
      .option('--by <name>', 'who loads it', userInfo().username)
      .option('--dry-run', 'show the difference against what is stored, store nothing');
    if (kind === 'units')
      sub.addOption(new Option('--effective <date>', 'the date the list takes effect').makeOptionMandatory());
    sub.action(async (path: string, flags: ImportFlags) => {
      const store = new ClickHouseReferenceStore(openAnalyticsStore(loadEnv(ClickHouseEnv)));
      const report = await refusedAs2(() =>
        importReference(
          store,
          {
            kind,
            fileName: basename(path),
            bytes: Buffer.from(readFileSync(path)),
            effectiveFrom: flags.effective,
            sourceDocument: flags.document,
            loadedBy: flags.by,
            dryRun: flags.dryRun === true,
          },
          configuredHierarchy,
        ),
      );
      if (report) process.stdout.write(describeReport(report));
    });
    command.addCommand(sub);
  }
  command.addCommand(
    new Command('history').description('list the imports, oldest first').action(async () => {
      const store = new ClickHouseReferenceStore(openAnalyticsStore(loadEnv(ClickHouseEnv)));
      for (const r of await store.imports()) {
        process.stdout.write(
          `${r.importId}  ${r.kind.padEnd(10)} ${r.loadedAt.toISOString()}  by ${r.loadedBy}  from "${r.sourceDocument}" (${r.fileName})` +
            `${r.effectiveFrom ? ` effective ${r.effectiveFrom}` : ''}  ${r.summary}\n`,
        );
      }
    }),
  );
  command.addCommand(
    new Command('units-on')
      .description(
        'the units under a unit on a date, as stored ("which communes did province X have on date D")',
      )
      .argument('<unitCode>')
      .requiredOption('--date <date>', 'a local date YYYY-MM-DD')
      .option('--communes', 'list the communes it covers rather than its direct children')
      .action(async (unitCode: string, flags: { date: string; communes?: boolean }) => {
        if (!isLocalDate(flags.date)) throw new Error(`--date must be YYYY-MM-DD, got "${flags.date}"`);
        const store = new ClickHouseReferenceStore(openAnalyticsStore(loadEnv(ClickHouseEnv)));
        const { hierarchy, unitsFrom } = await loadReferenceData(store, configuredHierarchy);
        const unit = hierarchy.unitAt(unitCode, flags.date);
        if (!unit) throw new Error(`no unit ${unitCode} on ${flags.date} (units from the ${unitsFrom})`);
        const units = flags.communes
          ? hierarchy.communesUnder(unitCode, flags.date)
          : hierarchy.childrenOf(unitCode, flags.date);
        process.stdout.write(`${unit.code} ${unit.name} on ${flags.date} (units from the ${unitsFrom}):\n`);
        for (const u of units)
          process.stdout.write(`  ${u.code} ${u.name} (${u.level}, from ${u.validFrom})\n`);
      }),
  );
  return command;
}

function configuredHierarchy() {
  return loadHierarchy(loadEnv(HierarchyEnv), (path) => readFileSync(path, 'utf8'));
}

async function refusedAs2(run: () => Promise<ImportReport>): Promise<ImportReport | undefined> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof InvalidImportError)) throw error;
    process.stderr.write(`refused, nothing stored:\n${error.message}\n`);
    process.exitCode = 2;
    return undefined;
  }
}

export function describeReport(report: ImportReport): string {
  const counts = Object.entries(report.counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
  const head = report.dryRun
    ? `dry run, nothing stored: ${report.kind} would be ${counts}`
    : `stored ${report.kind} as import ${report.importId ?? ''}: ${counts}`;
  return [head, ...report.changes.map((line) => `  ${line}`), ''].join('\n');
}

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Generates each app's `.env.example` from the env classes it loads (`*.env.ts`, validated at
 * start-up by loadEnv): names, defaults and doc comments, so a new variable or class is listed
 * without anyone touching this file. An app's classes are those its main.ts reaches through its
 * imports; a variable without a doc comment takes its meaning from the README's Configuration table.
 */
export const REPO = join(__dirname, '..', '..');
export const REGENERATE = 'npm run env:example';
export const APPS = ['ingest', 'coc-gateway', 'ioc-sync', 'coc-embedded', 'connector-cli'] as const;

/** The env classes are loaded to read their defaults as loadEnv applies them. */
const loadModule = createRequire(__filename);

const { compilerOptions } = JSON.parse(readFileSync(join(REPO, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};

export interface EnvVariable {
  name: string;
  doc: string;
  /** The value to write, '' when unset; undefined when it is computed at start-up. */
  value: string | undefined;
  computed?: string;
  required: boolean;
}

export interface EnvClass {
  name: string;
  file: string;
  variables: EnvVariable[];
}

function resolveImport(specifier: string, from: string): string | undefined {
  const aliased = compilerOptions.paths[specifier]?.[0];
  const base = aliased
    ? join(REPO, aliased)
    : specifier.startsWith('.')
      ? join(dirname(from), specifier)
      : undefined;
  if (!base) return undefined;
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => p.endsWith('.ts') && existsSync(p));
}

/** Every project source file the entry point reaches through its (type and value) imports. */
function reachableFiles(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file; file = queue.pop()) {
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const target = resolveImport(ref.fileName, file);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

const literalInitializers = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.PrefixUnaryExpression,
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PropertyAccessExpression,
]);

function envValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new Error(`a default of type ${typeof value} has no .env form`);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The env classes of one file, defaults read from a real instance (so constants resolve). */
function envClassesOf(file: string, meaningOf: (name: string) => string): EnvClass[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const module = loadModule(file) as Record<string, new () => Record<string, unknown>>;
  return source.statements.filter(ts.isClassDeclaration).flatMap((node) => {
    const name = node.name?.text;
    if (!name || !module[name]) return [];
    const instance = new module[name]();
    const variables = node.members.filter(ts.isPropertyDeclaration).flatMap((member): EnvVariable[] => {
      const variable = member.name.getText(source);
      if (!/^[A-Z][A-Z0-9_]+$/.test(variable)) return [];
      const doc = ts
        .getJSDocCommentsAndTags(member)
        .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
        .join(' ');
      const decorators = (ts.getDecorators(member) ?? []).map((d) => d.expression.getText(source));
      const init = member.initializer;
      const computed = init && !literalInitializers.has(init.kind) ? init.getText(source) : undefined;
      return [
        {
          name: variable,
          doc: oneLine(doc) || sentence(meaningOf(variable)),
          value: computed ? undefined : envValue(instance[variable]),
          computed,
          required: !init && !member.questionToken && !decorators.some((d) => d.startsWith('IsOptional')),
        },
      ];
    });
    return variables.length > 0 ? [{ name, file: relative(REPO, file), variables }] : [];
  });
}

/** The README's Configuration table: each variable's meaning (a row may name several). */
function readmeMeanings(): (name: string) => string {
  const meanings = new Map<string, string>();
  for (const line of readFileSync(join(REPO, 'README.md'), 'utf8').split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 6 || !cells[1].startsWith('`')) continue;
    for (const [, name] of cells[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)) meanings.set(name, cells[4]);
  }
  return (name) => meanings.get(name) ?? '';
}

/** The env classes each app loads, in the order of their files. */
export function envClassesByApp(): Record<(typeof APPS)[number], EnvClass[]> {
  const meaningOf = readmeMeanings();
  return Object.fromEntries(
    APPS.map((app) => [
      app,
      reachableFiles(join(REPO, 'apps', app, 'src', 'main.ts'))
        .filter((f) => f.endsWith('.env.ts'))
        .flatMap((f) => envClassesOf(f, meaningOf)),
    ]),
  ) as Record<(typeof APPS)[number], EnvClass[]>;
}

/** A value dotenv and compose read back unchanged: quoted (single, literal) when it needs it. */
const quoted = (value: string) => (/^[\w.:,/@*+-]*$/.test(value) ? value : `'${value}'`);

function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return line === '#' ? lines : [...lines, line];
}

export function renderEnvExample(app: string, classes: readonly EnvClass[]): string {
  const out = [
    `# Environment of ${app}, generated from its env classes by \`${REGENERATE}\`: do not edit.`,
    '# An empty value is the same as unset: the default applies (or the variable is optional).',
    '# Keys, secrets and passwords belong in a secret store, never in a committed file.',
  ];
  for (const envClass of classes) {
    out.push('', `# --- ${envClass.name} (${envClass.file})`);
    for (const v of envClass.variables) {
      out.push(...wrap(v.doc));
      if (v.required) out.push('# Required.');
      if (v.computed) out.push(...wrap(`Default computed at start-up: ${oneLine(v.computed)}`));
      out.push(`${v.name}=${quoted(v.value ?? '')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Every generated file, by its path in the repository. */
export function envExamples(): Map<string, string> {
  const byApp = envClassesByApp();
  return new Map(APPS.map((app) => [`apps/${app}/.env.example`, renderEnvExample(app, byApp[app])]));
}

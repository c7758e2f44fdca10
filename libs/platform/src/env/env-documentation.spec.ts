import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPO = join(__dirname, '..', '..', '..', '..');

function envFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : envFiles(path);
    return name.endsWith('.env.ts') ? [path] : [];
  });
}

/** Every variable an env class declares (an UPPER_SNAKE class property). */
function declaredVariables(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]+)[?!]?\s*[:=]/gm)].map((m) => m[1]);
}

describe('environment documentation', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const files = [...envFiles(join(REPO, 'apps')), ...envFiles(join(REPO, 'libs'))];

  it('finds the env classes', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files.map((f) => [relative(REPO, f), f]))(
    'README documents every variable of %s',
    (_name, file) => {
      const undocumented = declaredVariables(file).filter((v) => !readme.includes(`\`${v}\``));
      expect(undocumented).toEqual([]);
    },
  );
});

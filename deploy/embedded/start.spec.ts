import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');

// `npm start` must work for an ordinary user with only Node.js: no package manager, no JVM, no servers.
const FORBIDDEN = /\b(apt-get|apt|dpkg|sudo|java|mvn|services\.sh|clickhouse-server)\b/;

describe('the embedded start path', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it('is what npm start runs, and builds and runs only the embedded app', () => {
    expect(scripts.start).toBe('bash deploy/embedded/start.sh');
    expect(scripts['build:embedded']).toBe('nest build coc-embedded && npm run build:screen');
  });

  it.each([
    ['deploy/embedded/start.sh', () => read('deploy/embedded/start.sh')],
    ['npm run build:embedded', () => scripts['build:embedded']],
    ['npm run build:screen', () => scripts['build:screen']],
  ])('%s installs nothing and starts no server', (_, text) => {
    const commands = text()
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    expect(commands.filter((line) => FORBIDDEN.test(line))).toEqual([]);
  });
});

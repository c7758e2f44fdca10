import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, envExamples } from './env-example';

for (const [path, text] of envExamples()) {
  writeFileSync(join(REPO, path), text);
  process.stdout.write(`wrote ${path}\n`);
}

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONTRACT_SCHEMA_DIR, buildContractDocs } from '../src/docs/contract-docs';

/** Writes docs/ from the contract definitions; contract-docs.spec.ts fails until this has been run. */
const repoRoot = resolve(__dirname, '../../..');
const docs = buildContractDocs();

// A removed or renamed event type must not leave its old schema behind.
const schemaDir = join(repoRoot, CONTRACT_SCHEMA_DIR);
const stale = existsSync(schemaDir)
  ? readdirSync(schemaDir).filter(
      (f) => f.endsWith('.schema.json') && !(`${CONTRACT_SCHEMA_DIR}/${f}` in docs),
    )
  : [];
for (const file of stale) rmSync(join(schemaDir, file));

for (const [path, content] of Object.entries(docs)) {
  const target = join(repoRoot, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(content, null, 2)}\n`);
}
process.stdout.write(`wrote ${Object.keys(docs).length} files under docs/, removed ${stale.length} stale\n`);

// Validates every Kubernetes object in deploy/k8s against the API's OpenAPI schema (kubernetes-models,
// an ES module, hence this script); prints one line per object and exits 1 on the first invalid one.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'k8s');
const modules = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
};
let failed = false;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
  for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
    const object = doc.toJS();
    const from = modules[object.apiVersion];
    if (!from) throw new Error(`${file}: no schema for apiVersion ${object.apiVersion}`);
    const Model = (await import(from))[object.kind];
    if (!Model) throw new Error(`${file}: no schema for ${object.apiVersion} ${object.kind}`);
    try {
      new Model(object).validate();
      console.log(`valid ${file} ${object.kind}/${object.metadata.name}`);
    } catch (error) {
      failed = true;
      console.log(`INVALID ${file} ${object.kind}/${object.metadata?.name}: ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);

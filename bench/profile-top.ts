/**
 * `npm run bench:profile -- <file.cpuprofile> [count]`: the functions with the most self time in a
 * CPU profile, e.g. of ingest during the bench (BENCH_INGEST_CPU_PROF_DIR=dir npm run bench).
 */
import { readFileSync } from 'node:fs';
import { topSelfTime, type CpuProfile } from './lib/cpu-profile';

const [file, count = '15'] = process.argv.slice(2);
if (!file) throw new Error('usage: npm run bench:profile -- <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
for (const entry of topSelfTime(profile, Number(count))) {
  process.stdout.write(
    `${entry.selfPercent.toFixed(1).padStart(5)} %  ${String(entry.selfMs).padStart(7)} ms  ${entry.name}\n`,
  );
}

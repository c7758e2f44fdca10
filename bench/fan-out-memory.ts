/**
 * Where the gateway's memory per wall screen goes: the fan-out scenario's gateway set-up, screens
 * connected one per commune, and two heap snapshots (before the screens, after they settled) compared
 * by constructor, with the process's RSS, JS heap and external memory beside them.
 * Usage: npm run bench:fan-out-memory [-- screens]; HEAP_SNAPSHOTS=1 takes and compares the snapshots
 * (in HEAP_DIR), WATCH_SECONDS=n follows RSS and heap after the screens settled, GATEWAY_NODE_ARGS
 * adds node flags to the gateway.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DossierReceived, exampleEnvelope } from '@libs/contracts';
import { accessEnvFor, bearer, eventually, testKey, uniqueTestId } from '@libs/testing';
import { benchHierarchy } from './lib/bench-hierarchy';
import { benchDatabase, storeEvents } from './lib/bench-store';
import { startFanOutGateway } from './lib/fan-out-gateway';
import { heapGrowth, parseHeapSnapshot, type HeapGraph } from './lib/heap-snapshot';
import { pidOf, rssMb } from './lib/process-memory';
import { ScreenClientPool } from './lib/screen-client-pool';
import { screenToken } from './lib/screen-socket';

const print = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const DIR = process.env.HEAP_DIR ?? '/tmp';

async function snapshot(pid: number): Promise<string> {
  const known = new Set(readdirSync(DIR));
  process.kill(pid, 'SIGWINCH');
  let file = '';
  await eventually(
    async () => {
      const added = readdirSync(DIR).filter((f) => f.endsWith('.heapsnapshot') && !known.has(f));
      if (added.length === 0) throw new Error('no snapshot yet');
      const size = statSync(join(DIR, added[0])).size;
      await sleep(1_000);
      if (statSync(join(DIR, added[0])).size !== size || size === 0) throw new Error('still writing');
      file = join(DIR, added[0]);
    },
    { timeoutMs: 300_000, intervalMs: 1_000 },
  );
  return file;
}

/** Objects that own a screen's memory: the first of these up an object's chain of first retainers. */
const OWNERS =
  /^object:(Socket|Client|WebSocket|IncomingMessage|WebSocketResponse|Receiver|ScreenState|MessageBudget|LiveScreens|GroupBatcher|Timeout|Observable|OperatorSubscriber|SafeSubscriber|Subject)$/;

/** The objects new in `after`, their self sizes summed by owner (`object:ScreenState via tiles<content`). */
function byOwner(before: HeapGraph, after: HeapGraph): [string, number][] {
  const earlier = new Set(before.id);
  const owners = new Map<string, number>();
  for (let node = 0; node < after.count; node += 1) {
    if (earlier.has(after.id[node])) continue;
    let at = node;
    const seen = new Set([node]);
    const edges: string[] = [];
    let owner = 'not owned within 25 steps';
    for (let step = 0; step < 25; step += 1) {
      if (step > 0 && OWNERS.test(after.group[at])) {
        owner = `${after.group[at]} via ${edges.slice(-2).join('<')}`;
        break;
      }
      const next = after.retainers[at].find((r) => !seen.has(r.from));
      if (!next) {
        owner = `root ${after.group[at]}`;
        break;
      }
      edges.push(next.edge);
      seen.add(next.from);
      at = next.from;
    }
    owners.set(owner, (owners.get(owner) ?? 0) + after.selfSize[node]);
  }
  return [...owners].sort((a, b) => b[1] - a[1]);
}

async function memory(url: string, secret: string): Promise<Record<string, number>> {
  const text = await eventually(
    async () => (await fetch(`${url}/metrics`, { headers: bearer(secret) })).text(),
    { timeoutMs: 60_000, intervalMs: 1_000 },
  );

  const pick = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 1_048_576;
  return {
    heapUsedMb: pick('nodejs_heap_size_used_bytes'),
    heapTotalMb: pick('nodejs_heap_size_total_bytes'),
    externalMb: pick('nodejs_external_memory_bytes'),
  };
}

async function main(): Promise<void> {
  const screens = Number(process.argv[2] ?? 1_000);
  const map = benchHierarchy(34, 3_321);
  const units = map.communes.slice(0, screens);
  const id = uniqueTestId('bench_fanout_mem');
  const store = await benchDatabase(process.env.CLICKHOUSE_URL ?? '', id);
  const screenKey = testKey('bench-fan-out', 'screen', [...map.provinces]);
  const adminKey = testKey('bench-fan-out-admin', 'admin', ['*']);
  const gateway = await startFanOutGateway(id, map, accessEnvFor([screenKey, adminKey]), [
    `--heapsnapshot-signal=SIGWINCH`,
    `--diagnostic-dir=${DIR}`,
    ...(process.env.GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ]);
  const pid = pidOf(gateway.child);
  const pool = ScreenClientPool.start(2);
  try {
    const t = new Date(Date.now() - 2_000).toISOString();
    await storeEvents(
      store,
      units.map((unitCode, i) =>
        exampleEnvelope(DossierReceived, {
          eventId: `${id}-${unitCode}`,
          unitCode,
          occurredAt: t,
          producedAt: t,
          payload: { ...DossierReceived.example.payload, dossierId: `${id}-D${i}` },
        }),
      ),
    );
    const token = await screenToken(gateway.url, screenKey);
    await sleep(2_000);
    const heap = process.env.HEAP_SNAPSHOTS === '1';
    const first = heap ? await snapshot(pid) : '';
    const rssBefore = rssMb(pid);
    const memBefore = await memory(gateway.url, adminKey.secret);
    const connected = await pool.connect(gateway.url, token, units);
    await eventually(
      async () => {
        if (Date.now() - (await pool.lastDelta()) < 3_000) throw new Error('deltas still arriving');
      },
      { timeoutMs: 900_000, intervalMs: 500 },
    );
    const rssAfter = rssMb(pid);
    const memAfter = await memory(gateway.url, adminKey.secret);
    const per = (mb: number) => ((mb * 1024) / connected).toFixed(1);
    print(
      `${connected} screens: RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB, ${per(rssAfter - rssBefore)} KB/screen`,
    );
    print(
      `heap used ${memBefore.heapUsedMb.toFixed(1)} → ${memAfter.heapUsedMb.toFixed(1)} MB (${per(memAfter.heapUsedMb - memBefore.heapUsedMb)} KB/screen); external ${memBefore.externalMb.toFixed(1)} → ${memAfter.externalMb.toFixed(1)} MB (${per(memAfter.externalMb - memBefore.externalMb)} KB/screen)`,
    );
    print(`before ${JSON.stringify(memBefore)}\nafter ${JSON.stringify(memAfter)}`);
    for (let s = 5; s <= Number(process.env.WATCH_SECONDS ?? 0); s += 5) {
      await sleep(5_000);
      const m = await memory(gateway.url, adminKey.secret);
      print(
        `+${s} s: RSS ${per(rssMb(pid) - rssBefore)} KB/screen, heap used ${per(m.heapUsedMb - memBefore.heapUsedMb)}, heap total ${per(m.heapTotalMb - memBefore.heapTotalMb)}`,
      );
    }
    if (!heap) return;
    const second = await snapshot(pid);
    const memGc = await memory(gateway.url, adminKey.secret);
    print(`after the snapshot's collection: RSS ${rssMb(pid).toFixed(0)} MB ${JSON.stringify(memGc)}`);
    const before = parseHeapSnapshot(readFileSync(first, 'utf8'));
    const after = parseHeapSnapshot(readFileSync(second, 'utf8'));
    const total = (g: typeof before) => g.selfSize.reduce((s, x) => s + x, 0) / 1_048_576;
    print(
      `snapshot self sizes ${total(before).toFixed(1)} → ${total(after).toFixed(1)} MB (${per(total(after) - total(before))} KB/screen)`,
    );
    for (const row of heapGrowth(before, after, 40))
      print(
        `${((row.bytesAfter - row.bytesBefore) / connected).toFixed(0).padStart(7)} B/screen ${String(row.countAfter - row.countBefore).padStart(7)} objs  ${row.group}  ⟵ ${row.heldBy ?? ''}`.slice(
          0,
          400,
        ),
      );
    print('--- new objects by owner');
    for (const [owner, bytes] of byOwner(before, after).slice(0, 30))
      print(`${(bytes / connected).toFixed(0).padStart(7)} B/screen  ${owner}`);
  } finally {
    await pool.close();
    await gateway.stop();
    await store.command({ query: `DROP DATABASE IF EXISTS ${id}` });
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exit(1);
});

/**
 * Reading V8 heap snapshots (the `.heapsnapshot` JSON that HeapProfiler.takeHeapSnapshot streams) to
 * find what a long-running page keeps: objects grouped by constructor, and the objects alive in a
 * later snapshot that an earlier one did not have (V8 keeps node ids stable within one session),
 * each group with the chain of references that holds one of them.
 */
import type { CDPSession } from 'playwright-core';

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A snapshot's nodes with the fields the comparison needs, and who refers to whom. */
export interface HeapGraph {
  readonly count: number;
  readonly id: Int32Array;
  readonly selfSize: Float64Array;
  /** `type:name`, e.g. `object:Array`, `closure:tick`, `string`, `hidden:system / Context`. */
  readonly group: string[];
  readonly name: string[];
  /** For each node, the nodes that refer to it with a strong edge, and the edge's name. */
  readonly retainers: { from: number; edge: string }[][];
}

/** Streams a snapshot of the page's heap over the DevTools protocol (after a full collection). */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  }
  return chunks.join('');
}

export function parseHeapSnapshot(json: string): HeapGraph {
  const raw = JSON.parse(json) as RawSnapshot;
  const { meta } = raw.snapshot;
  const nf = meta.node_fields;
  const ef = meta.edge_fields;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const width = nf.length;
  const [fType, fName, fId, fSize, fEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    nf.indexOf(f),
  );
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const count = raw.nodes.length / width;
  const id = new Int32Array(count);
  const selfSize = new Float64Array(count);
  const group: string[] = new Array<string>(count);
  const name: string[] = new Array<string>(count);
  const retainers: { from: number; edge: string }[][] = Array.from({ length: count }, () => []);
  let edge = 0;
  for (let n = 0; n < count; n += 1) {
    const base = n * width;
    const type = nodeTypes[raw.nodes[base + fType]];
    const nodeName = raw.strings[raw.nodes[base + fName]];
    id[n] = raw.nodes[base + fId];
    selfSize[n] = raw.nodes[base + fSize];
    name[n] = nodeName;
    // Strings and numbers are grouped by kind only: their "name" is their content.
    group[n] =
      type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number'
        ? type
        : `${type}:${nodeName.length > 60 ? `${nodeName.slice(0, 60)}…` : nodeName}`;
    const edges = raw.nodes[base + fEdges];
    for (let e = 0; e < edges; e += 1, edge += ef.length) {
      const kind = edgeTypes[raw.edges[edge + eType]];
      if (kind === 'weak' || kind === 'shortcut') continue;
      const to = raw.edges[edge + eTo] / width;
      const label =
        kind === 'element' || kind === 'hidden'
          ? `[${raw.edges[edge + eName]}]`
          : String(raw.strings[raw.edges[edge + eName]]);
      retainers[to].push({ from: n, edge: label });
    }
  }
  return { count, id, selfSize, group, name, retainers };
}

/**
 * A snapshot's self sizes in MB by what owns them: `compiledCode` (bytecode, optimised machine code
 * and their metadata, which grow as the engine tiers up hot functions and are bounded by the script's
 * size), `native` (the browser's own objects: DOM, style caches, performance timeline buffers, outside
 * the JS heap figure) and `pageObjects` (everything else: the page's objects, arrays, strings,
 * closures and their shapes).
 */
export function heapBreakdown(graph: HeapGraph): {
  compiledCode: number;
  native: number;
  pageObjects: number;
} {
  const mb = { compiledCode: 0, native: 0, pageObjects: 0 };
  for (let n = 0; n < graph.count; n += 1) {
    const kind = graph.group[n].split(':')[0];
    const key = kind === 'code' ? 'compiledCode' : kind === 'native' ? 'native' : 'pageObjects';
    mb[key] += graph.selfSize[n];
  }
  const round = (bytes: number) => Math.round((bytes / 1_048_576) * 1000) / 1000;
  return {
    compiledCode: round(mb.compiledCode),
    native: round(mb.native),
    pageObjects: round(mb.pageObjects),
  };
}

export interface GroupGrowth {
  readonly group: string;
  readonly countBefore: number;
  readonly countAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** Objects of the group alive in the later snapshot and absent from the earlier one. */
  readonly newObjects: number;
  readonly newBytes: number;
  /** How one of the new objects is held, from the object outwards (`Array [3] ← history ← TileView`). */
  readonly heldBy?: string;
}

const totals = (graph: HeapGraph) => {
  const byGroup = new Map<string, { count: number; bytes: number }>();
  for (let n = 0; n < graph.count; n += 1) {
    const entry = byGroup.get(graph.group[n]) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += graph.selfSize[n];
    byGroup.set(graph.group[n], entry);
  }
  return byGroup;
};

/** The reference chain (up to `depth` steps) from a node towards a root, by first strong retainer not yet seen. */
export function retainerPath(graph: HeapGraph, node: number, depth = 8): string {
  const steps: string[] = [graph.group[node]];
  const seen = new Set([node]);
  let at = node;
  for (let i = 0; i < depth; i += 1) {
    const next = graph.retainers[at].find((r) => !seen.has(r.from));
    if (!next) break;
    steps.push(`.${next.edge} of ${graph.group[next.from]}`);
    seen.add(next.from);
    at = next.from;
  }
  return steps.join(' ← ');
}

/**
 * Groups that grew from `before` to `after`, largest growth of self size first (what survived both
 * collections, so nothing transient), each with the path that holds its newest object.
 */
export function heapGrowth(before: HeapGraph, after: HeapGraph, top = 25): GroupGrowth[] {
  const earlier = new Set(before.id);
  const a = totals(before);
  const b = totals(after);
  const fresh = new Map<string, { count: number; bytes: number; newest: number }>();
  for (let n = 0; n < after.count; n += 1) {
    if (earlier.has(after.id[n])) continue;
    const entry = fresh.get(after.group[n]) ?? { count: 0, bytes: 0, newest: n };
    entry.count += 1;
    entry.bytes += after.selfSize[n];
    if (after.id[n] > after.id[entry.newest]) entry.newest = n;
    fresh.set(after.group[n], entry);
  }
  const rows: GroupGrowth[] = [...b].map(([group, now]) => {
    const then = a.get(group) ?? { count: 0, bytes: 0 };
    const added = fresh.get(group);
    return {
      group,
      countBefore: then.count,
      countAfter: now.count,
      bytesBefore: then.bytes,
      bytesAfter: now.bytes,
      newObjects: added?.count ?? 0,
      newBytes: added?.bytes ?? 0,
      heldBy: added ? retainerPath(after, added.newest) : undefined,
    };
  });
  return rows
    .filter((r) => r.bytesAfter > r.bytesBefore || r.countAfter > r.countBefore)
    .sort((x, y) => y.bytesAfter - y.bytesBefore - (x.bytesAfter - x.bytesBefore))
    .slice(0, top);
}

/** The parts of a V8 .cpuprofile (node --cpu-prof) that self time needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** `function (file:line)`; the file is shortened to what follows node_modules/ or the repository. */
  name: string;
  selfMs: number;
  selfPercent: number;
}

function where(url: string, line: number): string {
  const file = url.replace(/^file:\/\//, '');
  const short = file.includes('node_modules/')
    ? file.slice(file.lastIndexOf('node_modules/') + 'node_modules/'.length)
    : file.split('/').slice(-2).join('/');
  return short ? `${short}:${line + 1}` : '';
}

/** Functions by self time (the time the sampled stack's top was in them), largest first. */
export function topSelfTime(profile: CpuProfile, limit: number): ProfileEntry[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = byNode.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'}${url ? ` (${where(url, lineNumber)})` : ''}`;
    totals.set(name, (totals.get(name) ?? 0) + micros);
    all += micros;
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, micros]) => ({
      name,
      selfMs: Math.round(micros / 1000),
      selfPercent: Math.round((micros / all) * 1000) / 10,
    }));
}

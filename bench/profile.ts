/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of a synth and says where the time went: by phase
 * (each sample goes to the innermost frame that names a phase) and by function (self time).
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
}

interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly phases: { readonly phase: string; readonly ms: number; readonly share: number }[];
  readonly hotspots: { readonly fn: string; readonly ms: number; readonly share: number }[];
}

/** Phases, matched from the sampled frame outwards: the first frame that matches decides. */
const PHASES: { readonly phase: string; readonly match: (frame: CallFrame) => boolean }[] = [
  { phase: 'garbage collection', match: (f) => f.functionName === '(garbage collector)' },
  { phase: 'writing files', match: (f) => ['writeFileSync', 'mkdirSync'].includes(f.functionName) && f.url.startsWith('node:') },
  { phase: 'stack traces of tokens (cdktf captureStackTrace)', match: (f) => f.functionName === 'captureStackTrace' },
  { phase: 'prepare: resolve every stack for cross-stack references', match: (f) => f.functionName === 'prepareStack' },
  { phase: 'synthesize: resolve, stringify', match: (f) => f.functionName === 'synthesize' && f.url.includes('cdktf') },
  { phase: 'build the construct tree', match: (f) => f.functionName === 'buildStacks' },
  { phase: 'load and validate the config', match: (f) => f.functionName === 'loadConfig' },
  { phase: 'module loading', match: (f) => f.functionName === 'require' || f.functionName === 'Module._load' },
];

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfUs = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    totalUs += delta;
  });

  const phaseUs = new Map<string, number>();
  const fnUs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    fnUs.set(fn, (fnUs.get(fn) ?? 0) + us);
    let phase = 'other (idle, start-up)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const found = PHASES.find((p) => p.match((byId.get(at as number) as ProfileNode).callFrame));
      if (found) {
        phase = found.phase;
        break;
      }
    }
    phaseUs.set(phase, (phaseUs.get(phase) ?? 0) + us);
  }
  const rows = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / totalUs }));
  return {
    totalMs: Math.round(totalUs / 1000),
    phases: rows(phaseUs).map(({ name, ms, share }) => ({ phase: name, ms, share })),
    hotspots: rows(fnUs)
      .slice(0, top)
      .map(({ name, ms, share }) => ({ fn: name, ms, share })),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  return [
    `CPU profile: ${summary.totalMs} ms sampled (the profiler slows the run down)`,
    'by phase:',
    ...summary.phases.map((p) => `  ${String(p.ms).padStart(6)} ms ${pct(p.share)}  ${p.phase}`),
    'top functions by self time:',
    ...summary.hotspots.map((h) => `  ${String(h.ms).padStart(6)} ms ${pct(h.share)}  ${h.fn}`),
  ].join('\n');
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/dist\/js\//, 'dist/js/');
}

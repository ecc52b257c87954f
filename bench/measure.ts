/**
 * Runs one shell command as a child process and measures it: wall time, the peak resident memory
 * of its largest process, and the peak of the whole process tree's resident memory.
 *
 * - Largest process: GNU time's "maximum resident set size" (the kernel's ru_maxrss, exact) when
 *   /usr/bin/time exists; otherwise the highest VmHWM read from /proc/<pid>/status while polling.
 * - Process tree: the sum of VmRSS over every live process of the tree, polled every 25 ms (a sample,
 *   so a peak shorter than that can be missed). It matters for `cdktf synth`, where the CLI, npx and
 *   the app are alive at once.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const GNU_TIME = '/usr/bin/time';
const POLL_MS = 25;

export type RssMethod = 'GNU time ru_maxrss' | 'polled /proc VmHWM';

export interface Measurement {
  readonly wallMs: number;
  /** Peak resident memory of the largest single process of the tree, KiB. */
  readonly peakRssKiB: number;
  /** Peak of the summed resident memory of all processes of the tree, KiB (sampled). */
  readonly treeRssKiB: number;
  readonly rssMethod: RssMethod;
}

export interface MeasureOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The child's stdout and stderr go here. */
  readonly logFile: string;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export async function measure(command: string, options: MeasureOptions): Promise<Measurement> {
  const useTime = hasGnuTime();
  const timeFile = path.join(tmpdir(), `org-backup-bench-${process.pid}-${Date.now()}.time`);
  const [file, args] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, 'sh', '-c', command]] : ['sh', ['-c', command]];
  const log = openSync(options.logFile, 'w');
  const start = process.hrtime.bigint();
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', log, log] });
  let treeRssKiB = 0;
  let polledHwmKiB = 0;
  const poll = () => {
    if (child.pid === undefined) return;
    let sum = 0;
    for (const pid of processTree(child.pid)) {
      const status = readStatus(pid);
      sum += status.rss;
      polledHwmKiB = Math.max(polledHwmKiB, status.hwm);
    }
    treeRssKiB = Math.max(treeRssKiB, sum);
  };
  const timer = setInterval(poll, POLL_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(timer);
  closeSync(log);
  if (code !== 0) {
    const tail = readFileSync(options.logFile, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(`command failed (exit ${code}): ${command}\n--- last lines of ${options.logFile}:\n${tail}`);
  }
  let peakRssKiB = polledHwmKiB;
  if (useTime) {
    peakRssKiB = Math.max(peakRssKiB, Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()));
    rmSync(timeFile, { force: true });
  }
  return {
    wallMs,
    peakRssKiB,
    treeRssKiB: Math.max(treeRssKiB, peakRssKiB),
    rssMethod: useTime ? 'GNU time ru_maxrss' : 'polled /proc VmHWM',
  };
}

/** `pid` and all its descendants alive now (Linux /proc). */
function processTree(pid: number): number[] {
  const all: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop() as number;
    all.push(current);
    queue.push(...childrenOf(current));
  }
  return all;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter((s) => s.trim() !== '')
        .map(Number),
    );
  } catch {
    return []; // the process ended between two reads
  }
}

function readStatus(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

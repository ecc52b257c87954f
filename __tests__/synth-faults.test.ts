/**
 * Fault tests with real processes: `npm run synth`'s program killed (SIGKILL) at moments spread
 * over its run, and two synths into one folder at once. After each kill the output folder holds
 * exactly one of the two complete outputs; the concurrent pair both succeed, one after the other,
 * and leave one complete output. The exact step-by-step kills are in output-folder.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { outputFiles, waitFor } from './support/output-files';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'js', 'main.js'); // built by the global set-up, as npm run synth runs it
const CONFIGS = { example: { BACKUP_ENV: 'example' }, other: { BACKUP_CONFIG: path.join(__dirname, 'fixtures', 'other-org.json') } };
type Which = keyof typeof CONFIGS;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
}

function synth(which: Which, outdir: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, ...CONFIGS[which], CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr, ms: Date.now() - started });
    });
  });
}

describe('synths killed and synths side by side', () => {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-faults-')), 'cdktf.out');
  const complete: Partial<Record<Which, Record<string, string>>> = {};
  let duration = 0;

  beforeAll(async () => {
    const first = await synth('other', outdir);
    expect(first.status).toBe(0);
    complete.other = outputFiles(outdir);
    const second = await synth('example', outdir);
    expect(second.status).toBe(0);
    complete.example = outputFiles(outdir);
    duration = second.ms;
  }, 20000);

  it('a kill at any moment leaves one complete output, and the next run removes what the killed one left', async () => {
    // Moments from the middle of the run (synthesis) to its end (the publication), alternating
    // the configuration so that old and new outputs differ.
    const fractions = [0.6, 0.85, 0.95];
    const results: string[] = [];
    for (const [i, fraction] of fractions.entries()) {
      const run = await synth(i % 2 === 0 ? 'other' : 'example', outdir, Math.round(duration * fraction));
      const now = outputFiles(outdir);
      const which = (Object.keys(complete) as Which[]).find((w) => JSON.stringify(complete[w]) === JSON.stringify(now));
      results.push(`${fraction}: ${run.signal ?? run.status} -> ${which ?? 'a broken output'}`);
    }
    expect(results.filter((r) => r.endsWith('a broken output'))).toEqual([]);
    const clean = await synth('example', outdir);
    expect(clean.status).toBe(0);
    expect(outputFiles(outdir)).toEqual(complete.example);
    await waitFor(() => readdirSync(path.dirname(outdir)).length === 2);
    expect(readdirSync(path.dirname(outdir)).sort()).toEqual([expect.stringMatching(/^\.cdktf\.out\.gen-/), 'cdktf.out']);
  }, 30000);

  it('two synths into one folder at once both succeed, one after the other, and leave one complete output', async () => {
    const [a, b] = await Promise.all([synth('other', outdir), synth('example', outdir)]);
    expect([a.status, b.status, a.stderr + b.stderr]).toEqual([0, 0, expect.not.stringMatching(/error|\n\s+at /)]);
    expect([complete.other, complete.example]).toContainEqual(outputFiles(outdir));
  }, 20000);
});

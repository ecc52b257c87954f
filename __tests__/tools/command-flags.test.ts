/**
 * Every command's command line, run as npm runs its script: `--help` prints a usage line and exits
 * 0 without doing the work; an unknown flag is an error of one line, exit code 1, never ignored.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const COMMANDS = ['synth', 'synth:hcl', 'modules', 'plan-matrix', 'schema', 'bench', 'review', 'mutation', 'test:cdktn'];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run <name> -- <args>`, in an empty output folder so that nothing of the work tree is touched. */
function run(name: string, args: string[]): Promise<Run> {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-flags-')), 'out');
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${scripts[name]} "$@"`, 'sh', ...args], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// Each run is mostly a process start-up: all of them at once, two at a time, keep both cores busy.
const runs = new Map<string, Run>();
beforeAll(async () => {
  const jobs = COMMANDS.flatMap((name) => [[name, '--help'], [name, '--no-such-flag']]);
  const next = async (): Promise<void> => {
    const job = jobs.shift();
    if (!job) return;
    runs.set(job.join(' '), await run(job[0], [job[1]]));
    return next();
  };
  await Promise.all([next(), next()]);
}, 120_000);

describe.each(COMMANDS)('npm run %s', (name) => {
  it('--help prints the usage and exits 0', () => {
    const help = runs.get(`${name} --help`)!;
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain(`usage: npm run ${name} -- `);
  });

  it('refuses an unknown flag in one line, exit code 1', () => {
    const bad = runs.get(`${name} --no-such-flag`)!;
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^[^\n]*no-such-flag[^\n]*\n$/i);
    expect(bad.stdout).toBe('');
  });
});

describe('npm test', () => {
  it('is tools/test.mjs, which runs the typecheck and lint scripts and jest (__tests__/tools/test-command.test.ts)', () => {
    expect(scripts.test).toBe('node tools/test.mjs');
  });
});

/** Runs the app exactly as `npm run synth` does (its package.json command), into a temporary folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateOrganization } from '../../bench/org';
import type { OrgConfigInput } from '../../envs/schema';
import { cachedSynth } from './synth-cache';

const ROOT = path.resolve(__dirname, '../..');
/** The `synth` script of package.json, run by a shell as npm would run it. */
export const SYNTH_COMMAND = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth;

export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
}

/** `npm run synth -- <args>` with `env`, into `outdir`. */
export function runApp(env: Record<string, string>, outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-run-')), args: readonly string[] = []): AppRun {
  const result = spawnSync('sh', ['-c', `${SYNTH_COMMAND} "$@"`, 'sh', ...args], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}

/** The OUs the large generated organization's source accounts are spread over, in turn. */
const LARGE_ORGANIZATION_OUS = ['Workloads/Prod', 'Workloads/Dev', 'Sandbox'];

/** The bench's generated organization of `accounts` source accounts, spread over LARGE_ORGANIZATION_OUS. */
export function largeOrganization(accounts: number): OrgConfigInput {
  const config = generateOrganization(accounts);
  config.sourceAccounts.forEach((a, i) => (a.ou = LARGE_ORGANIZATION_OUS[i % LARGE_ORGANIZATION_OUS.length]));
  return config;
}

/**
 * The output folder of `npm run synth` for `config`, synthesized once per source version and
 * configuration (synth-cache.ts) and copied for each caller: for the tests that read a large
 * organization's output, not for those of the command itself (they call runApp).
 */
export function synthesizedByCommand(config: OrgConfigInput): string {
  return cachedSynth({ command: 'npm run synth', config }, (outdir) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-config-')), 'org.json');
    writeFileSync(file, JSON.stringify(config));
    const run = runApp({ BACKUP_CONFIG: file }, outdir);
    if (run.status !== 0) throw new Error(`npm run synth failed (exit ${run.status}): ${run.stderr}`);
  });
}

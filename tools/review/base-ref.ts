/**
 * `--base-ref <git ref>`: the base output synthesized from another commit, so that a pipeline
 * compares a pull request with its target without checking out and building the target itself.
 * The ref is checked out in a temporary `git worktree` and synthesized there with the same
 * configuration selection (BACKUP_ENV, or BACKUP_CONFIG: a file inside the repository is read as
 * it is at the ref, a file outside it as it is). The ref reuses this checkout's node_modules when
 * its package-lock.json is the same; otherwise it gets its own `npm ci`, since the base must be
 * built with its own dependencies.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export class BaseRefError extends Error {}

export interface BaseRefOutput {
  /** The synthesized output of the ref. */
  readonly dir: string;
  /** The commit the ref named. */
  readonly commit: string;
  /** How the ref got its dependencies. */
  readonly dependencies: 'shared node_modules' | 'npm ci';
  readonly cleanup: () => void;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

const lastLines = (text: string) => text.trim().split('\n').slice(-5).join(' | ');

export function synthesizeRef(ref: string, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): BaseRefOutput {
  const top = run('git', ['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new BaseRefError(`--base-ref ${ref}: ${cwd} is not in a git repository`);
  const root = top.stdout.trim();
  const commit = run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (!commit.ok) throw new BaseRefError(`--base-ref ${ref}: no such commit in this repository (fetch it first, e.g. git fetch origin ${ref})`);
  const sha = commit.stdout.trim();
  const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-base-ref-'));
  const source = path.join(scratch, 'src');
  const out = path.join(scratch, 'cdktf.out');
  const cleanup = () => {
    run('git', ['worktree', 'remove', '--force', source], root);
    rmSync(scratch, { recursive: true, force: true });
    run('git', ['worktree', 'prune'], root);
  };
  try {
    const added = run('git', ['worktree', 'add', '--detach', source, sha], root);
    if (!added.ok) throw new BaseRefError(`--base-ref ${ref}: git worktree add failed: ${lastLines(added.stderr)}`);
    const lockAtRef = run('git', ['show', `${sha}:package-lock.json`], root);
    const currentLock = path.join(root, 'package-lock.json');
    const same = lockAtRef.ok && existsSync(currentLock) && existsSync(path.join(root, 'node_modules')) && lockAtRef.stdout === readFileSync(currentLock, 'utf8');
    if (same) symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'), 'dir');
    else {
      process.stderr.write(`review: ${ref} has other dependencies than this checkout; installing them (npm ci) in ${source}\n`);
      const ci = run('npm', ['ci', '--no-audit', '--no-fund'], source);
      if (!ci.ok) throw new BaseRefError(`--base-ref ${ref}: npm ci failed at ${sha.slice(0, 12)}: ${lastLines(ci.stderr)}`);
    }
    const childEnv: NodeJS.ProcessEnv = { ...env, CDKTF_OUTDIR: out, CHECKPOINT_DISABLE: '1' };
    if (env.BACKUP_CONFIG) {
      const file = path.resolve(cwd, env.BACKUP_CONFIG);
      const inRepo = path.relative(root, file);
      const atRef = !inRepo.startsWith('..') && !path.isAbsolute(inRepo) ? path.join(source, inRepo) : file;
      if (!existsSync(atRef)) throw new BaseRefError(`--base-ref ${ref}: BACKUP_CONFIG ${env.BACKUP_CONFIG} does not exist at ${sha.slice(0, 12)}`);
      childEnv.BACKUP_CONFIG = atRef;
    }
    const synth = run('npm', ['run', '--silent', 'synth'], source, childEnv);
    if (!synth.ok || !existsSync(path.join(out, 'manifest.json'))) {
      throw new BaseRefError(`--base-ref ${ref}: npm run synth failed at ${sha.slice(0, 12)}: ${lastLines(synth.stderr || synth.stdout)}`);
    }
    return { dir: out, commit: sha, dependencies: same ? 'shared node_modules' : 'npm ci', cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/**
 * How the gate replaces the output folder (`cdktf.out`) so that a kill at any moment leaves exactly
 * the old output or exactly the new one, and two synths into one folder never leave a broken one.
 *
 * Linux cannot rename a directory over a non-empty one, so a folder cannot be replaced in one step.
 * A symbolic link can: `cdktf.out` is a link to a hidden sibling folder holding one complete output
 * (`.cdktf.out.gen-<time>-<pid>`), and publishing a new output is
 *
 *   1. rename the checked staging folder to a new generation folder (complete from then on);
 *   2. create a link to it under a temporary name;
 *   3. rename that link over `cdktf.out` (rename(2) replaces the old link in one step);
 *   4. move the replaced generation to a trash name and delete it in a background process, off the
 *      critical path (a leftover is deleted by the next run).
 *
 * cdktf-cli, Terraform and the tools read `cdktf.out/...` through the link like a folder (checked by
 * `__tests__/output-folder.test.ts` and `__tests__/config-cli.test.ts`). A `cdktf.out` that is a real
 * folder (an output written before this scheme, or a folder made by hand) is moved aside once
 * before the first link is made: a kill in that one window leaves no `cdktf.out`, and the next run
 * puts the newest complete generation (else the moved folder) back before anything else
 * (`recoverOutput`).
 *
 * Generation and staging names carry the writer's process id, so a run never deletes the work of a
 * live one: what dead runs left (staging folders, temporary links, unlinked generations, trash) is
 * deleted at the start of the next run. A lock file (`.cdktf.out.lock`) serializes runs into one folder:
 * the second waits for the first, and after a bounded wait stops with a one-line message.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';

/** Another live run holds the output folder's lock for longer than the caller waits: a user-facing error. */
export class OutputBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputBusyError';
  }
}

/** The steps of a publication, in order; a test hook may stop the process at any of them. */
export type PublishStep = 'staged' | 'generation' | 'moved-aside' | 'linked' | 'swapped' | 'trashed';

/** The sibling names that belong to one output folder. */
export class OutputFolder {
  /** The output folder (a link to the current generation once a run has published). */
  readonly outdir: string;
  private readonly parent: string;
  private readonly base: string;

  constructor(outdir: string) {
    this.outdir = path.resolve(outdir);
    this.parent = path.dirname(this.outdir);
    this.base = path.basename(this.outdir);
  }

  get lockFile(): string {
    return path.join(this.parent, `.${this.base}.lock`);
  }

  /** A new, empty staging folder for this process. */
  createStaging(): string {
    mkdirSync(this.parent, { recursive: true });
    const dir = this.sibling('staging', `${process.pid}-${unique()}`);
    mkdirSync(dir);
    return dir;
  }

  /**
   * Puts back an output that a run killed while moving a real folder aside left without a name:
   * the newest complete generation, else the moved folder. Nothing to do when `cdktf.out` exists.
   */
  recoverOutput(): void {
    if (kindOf(this.outdir) !== 'missing') return;
    const generations = this.siblings('gen').sort();
    const newest = generations[generations.length - 1];
    if (newest !== undefined) {
      this.link(newest.name);
      return;
    }
    const aside = this.siblings('aside').sort();
    const moved = aside[aside.length - 1];
    if (moved !== undefined) renameSync(moved.path, this.outdir);
  }

  /**
   * Deletes what dead runs left beside the output folder (never what a live run is writing): each
   * leftover is first renamed to trash in one step, so that nothing half-deleted keeps a name a
   * later run would trust, then deleted in the background.
   */
  removeLeftovers(): void {
    const current = this.currentGeneration();
    const dead = (entries: Sibling[]) => entries.filter((entry) => entry.pid === process.pid || !isAlive(entry.pid));
    // The parent folder is listed once for every kind: in a crowded folder (/tmp) each listing is
    // the expensive part.
    const names = this.parentNames();
    const leftovers = dead([
      ...this.siblings('staging', names),
      ...this.siblings('link', names),
      ...this.siblings('lock-', names),
      ...this.siblings('aside', names),
      ...this.siblings('gen', names).filter((g) => g.name !== current),
    ]);
    const trash = dead(this.siblings('trash', names)).map((entry) => entry.path);
    for (const entry of leftovers) {
      const to = this.sibling('trash', `${process.pid}-${unique()}`);
      try {
        renameSync(entry.path, to);
        trash.push(to);
      } catch {
        // Gone already (another run cleaned it): nothing to do.
      }
    }
    removeInBackground(trash);
  }

  /**
   * Publishes a checked staging folder as the output, in the steps of the module comment. The
   * replaced output is deleted in the background; `onStep` lets a test stop the process between
   * any two steps.
   */
  publish(staging: string, onStep: (step: PublishStep) => void = () => undefined): void {
    onStep('staged');
    const generation = this.sibling('gen', `${Date.now().toString().padStart(15, '0')}-${process.pid}-${unique()}`);
    renameSync(staging, generation);
    onStep('generation');
    const kind = kindOf(this.outdir);
    let replaced: string | undefined;
    if (kind === 'directory') {
      // A real folder (written before this scheme, or by hand) cannot be swapped in one step.
      replaced = this.sibling('aside', `${process.pid}-${unique()}`);
      renameSync(this.outdir, replaced);
      onStep('moved-aside');
    } else if (kind === 'link') {
      const target = readlinkSync(this.outdir);
      if (this.isGenerationName(target)) replaced = path.join(this.parent, target);
    } else if (kind === 'other') {
      throw new OutputBusyError(`${this.outdir} is a file, not an output folder: move it away and run again`);
    }
    const link = this.sibling('link', `${process.pid}-${unique()}`);
    symlinkSync(path.basename(generation), link);
    onStep('linked');
    renameSync(link, this.outdir);
    onStep('swapped');
    if (replaced !== undefined && kindOf(replaced) !== 'missing') {
      const trash = this.sibling('trash', `${process.pid}-${unique()}`);
      renameSync(replaced, trash);
      onStep('trashed');
      removeInBackground([trash]);
    }
  }

  /**
   * Takes the lock of the output folder, waiting up to `waitMs` for a live holder. A lock left by a
   * dead process is taken over. Returns the function that releases it.
   */
  lock(waitMs: number): () => void {
    mkdirSync(this.parent, { recursive: true });
    // The lock file appears with its content in one step (link of a written file), so a reader
    // never sees it empty.
    const mine = this.sibling('lock-', `${process.pid}-${unique()}`);
    writeFileSync(mine, `${process.pid}\n`);
    const deadline = Date.now() + waitMs;
    let waited = false;
    try {
      for (;;) {
        try {
          linkSync(mine, this.lockFile);
          return () => this.unlock();
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const holder = this.lockHolder();
        if (holder === undefined || !isAlive(holder)) {
          rmSync(this.lockFile, { force: true });
          continue;
        }
        if (Date.now() >= deadline) {
          throw new OutputBusyError(
            `another synth (process ${holder}) is writing ${this.outdir}${waited ? ` and did not finish within ${waitMs / 1000} s` : ''}: wait for it to finish, or stop it (its lock is ${this.lockFile})`,
          );
        }
        waited = true;
        sleep(50);
      }
    } finally {
      rmSync(mine, { force: true });
    }
  }

  /** The stack folders of the current output (`stacks/<name>`), if any. */
  stackFolders(): string[] {
    try {
      return readdirSync(path.join(this.outdir, 'stacks'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    } catch {
      return [];
    }
  }

  private unlock(): void {
    if (this.lockHolder() === process.pid) rmSync(this.lockFile, { force: true });
  }

  private lockHolder(): number | undefined {
    try {
      const pid = Number(readFileSync(this.lockFile, 'utf8').trim());
      return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private currentGeneration(): string | undefined {
    return kindOf(this.outdir) === 'link' ? readlinkSync(this.outdir) : undefined;
  }

  private link(name: string): void {
    const link = this.sibling('link', `${process.pid}-${unique()}`);
    symlinkSync(name, link);
    renameSync(link, this.outdir);
  }

  private isGenerationName(target: string): boolean {
    return !target.includes('/') && target.startsWith(`.${this.base}.gen-`);
  }

  private sibling(kind: string, suffix: string): string {
    return path.join(this.parent, `.${this.base}.${kind}${kind.endsWith('-') ? '' : '-'}${suffix}`);
  }

  /** The names in the parent folder (none if it cannot be listed). */
  private parentNames(): string[] {
    try {
      return readdirSync(this.parent);
    } catch {
      return [];
    }
  }

  /** Siblings of one kind, with the process id their name carries; `names` is a listing of the parent already made. */
  private siblings(kind: string, names: readonly string[] = this.parentNames()): Sibling[] {
    const prefix = `.${this.base}.${kind}${kind.endsWith('-') ? '' : '-'}`;
    return names
      .filter((name) => name.startsWith(prefix))
      .map((name) => {
        const fields = name.slice(prefix.length).split('-');
        // gen-<time>-<pid>-<random>; every other kind: <kind>-<pid>-<random>.
        const pid = Number(kind === 'gen' ? fields[1] : fields[0]);
        return { name, path: path.join(this.parent, name), pid: Number.isSafeInteger(pid) ? pid : 0 };
      });
  }
}

interface Sibling {
  readonly name: string;
  readonly path: string;
  /** The process that made it (0 when the name carries none). */
  readonly pid: number;
}

type Kind = 'missing' | 'directory' | 'link' | 'other';

function kindOf(file: string): Kind {
  try {
    const stat = lstatSync(file);
    return stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'directory' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
}

/** A process exists (EPERM: it exists, under another user). Process id 0 or less never counts. */
function isAlive(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unique(): string {
  return randomBytes(4).toString('hex');
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Deletes a folder nobody reads any more without making the run wait for it: a detached `rm -rf`
 * that outlives this process. If it cannot start, the next run deletes the folder (it is trash).
 */
export function removeInBackground(dirs: readonly string[]): void {
  if (dirs.length === 0) return;
  try {
    const child = spawn('rm', ['-rf', '--', ...dirs], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The next run's removeLeftovers deletes it.
  }
}

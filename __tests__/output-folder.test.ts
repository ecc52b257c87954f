/**
 * The output folder is replaced atomically (checks/output-folder.ts). A kill is simulated exactly
 * by stopping `publish` between two of its steps: it has no clean-up code of its own, so the files
 * are then as a SIGKILL at that moment would leave them. The real kills and concurrent synths are in
 * synth-faults.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizeChecked } from '../checks/gate';
import { OutputBusyError, OutputFolder, type PublishStep } from '../checks/output-folder';
import { outputFiles, waitFor } from './support/output-files';

const STEPS: PublishStep[] = ['staged', 'generation', 'moved-aside', 'linked', 'swapped', 'trashed'];

function writeOutput(dir: string, label: string): Record<string, string> {
  mkdirSync(path.join(dir, 'stacks', 'a'), { recursive: true });
  mkdirSync(path.join(dir, 'stacks', label), { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), `{"label":"${label}"}`);
  writeFileSync(path.join(dir, 'stacks', 'a', 'cdk.tf.json'), `{"a":"${label}"}`);
  writeFileSync(path.join(dir, 'stacks', label, 'cdk.tf.json'), `{"only":"${label}"}`);
  return outputFiles(dir);
}

/** A process id that is certainly not running: a child that has exited and been reaped. */
function deadPid(): number {
  return spawnSync('true').pid ?? 999_999;
}

/** What lies beside the output folder, apart from it and the trash being deleted in the background. */
function siblings(outdir: string): string[] {
  return readdirSync(path.dirname(outdir)).filter((name) => name !== path.basename(outdir) && !name.includes('.trash-'));
}

type Start = 'a real folder' | 'a published link' | 'nothing';

function prepare(start: Start): { folder: OutputFolder; old: Record<string, string> | undefined } {
  const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-folder-')), 'cdktf.out'));
  if (start === 'a real folder') return { folder, old: writeOutput(folder.outdir, 'old') };
  if (start === 'a published link') {
    const staging = folder.createStaging();
    const old = writeOutput(staging, 'old');
    folder.publish(staging);
    return { folder, old };
  }
  return { folder, old: undefined };
}

describe('publishing an output', () => {
  it.each<Start>(['a real folder', 'a published link', 'nothing'])('over %s: the new output, through one link, and nothing else left', async (start) => {
    const { folder } = prepare(start);
    const staging = folder.createStaging();
    const fresh = writeOutput(staging, 'new');
    folder.publish(staging);
    expect(outputFiles(folder.outdir)).toEqual(fresh);
    await waitFor(() => readdirSync(path.dirname(folder.outdir)).every((name) => !name.includes('.trash-')));
    expect(siblings(folder.outdir)).toEqual([expect.stringMatching(/^\.cdktf\.out\.gen-\d{15}-\d+-[0-9a-f]{8}$/)]);
  });

  describe.each<Start>(['a real folder', 'a published link', 'nothing'])('a kill over %s', (start) => {
    const steps = STEPS.filter((step) => start === 'a real folder' || step !== 'moved-aside').filter((step) => start !== 'nothing' || step !== 'trashed');
    it.each(steps)('after step "%s" leaves the old or the new output whole, and the next run keeps it and removes the rest', async (step) => {
      const { folder, old } = prepare(start);
      const staging = folder.createStaging();
      const fresh = writeOutput(staging, 'new');
      const killed = new Error(`killed at ${step}`);
      expect(() =>
        folder.publish(staging, (at) => {
          if (at === step) throw killed;
        }),
      ).toThrow(killed);
      const now = existsSync(folder.outdir) ? outputFiles(folder.outdir) : undefined;
      const movedAside = start === 'a real folder' && (step === 'moved-aside' || step === 'linked');
      if (movedAside || (start === 'nothing' && step !== 'swapped')) {
        // The one window with no output: a real folder moved aside and not yet replaced by the link.
        expect(now).toBeUndefined();
      } else {
        expect([old, fresh]).toContainEqual(now);
      }
      // The next run starts: recover, then remove what the dead run left (its pid is this one).
      folder.recoverOutput();
      folder.removeLeftovers();
      const after = existsSync(folder.outdir) ? outputFiles(folder.outdir) : undefined;
      if (now !== undefined) expect(after).toEqual(now);
      else if (movedAside) expect(after).toEqual(fresh); // the newest complete generation
      else expect(after).toEqual(step === 'staged' ? undefined : fresh);
      await waitFor(() => readdirSync(path.dirname(folder.outdir)).every((name) => !name.includes('.trash-')));
      expect(siblings(folder.outdir).filter((name) => !name.includes('.gen-'))).toEqual([]);
      expect(siblings(folder.outdir).length).toBeLessThanOrEqual(1);
    });
  });

  it('keeps the staging folder of a live run and removes that of a dead one', () => {
    const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-folder-')), 'cdktf.out'));
    const live = spawn('sleep', ['30']);
    try {
      const parent = path.dirname(folder.outdir);
      mkdirSync(path.join(parent, `.cdktf.out.staging-${live.pid}-0000aaaa`));
      mkdirSync(path.join(parent, `.cdktf.out.staging-${deadPid()}-0000bbbb`));
      mkdirSync(path.join(parent, `.cdktf.out.gen-000000000000001-${deadPid()}-0000cccc`));
      mkdirSync(path.join(parent, 'unrelated'));
      folder.removeLeftovers();
      expect(siblings(folder.outdir).sort()).toEqual([`.cdktf.out.staging-${live.pid}-0000aaaa`, 'unrelated']);
    } finally {
      live.kill('SIGKILL');
    }
  });
});

describe('the lock of an output folder', () => {
  it('stops a second run with one line naming the live holder, once the wait is over', () => {
    const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-lock-')), 'cdktf.out'));
    const live = spawn('sleep', ['30']);
    try {
      writeFileSync(folder.lockFile, `${live.pid}\n`);
      const started = Date.now();
      let error: unknown;
      try {
        synthesizeChecked({ outdir: folder.outdir, build: () => [], lockWaitMs: 300 });
      } catch (err) {
        error = err;
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(error).toBeInstanceOf(OutputBusyError);
      expect((error as Error).message).toBe(
        `another synth (process ${live.pid}) is writing ${folder.outdir} and did not finish within 0.3 s: wait for it to finish, or stop it (its lock is ${folder.lockFile})`,
      );
      expect(existsSync(folder.outdir)).toBe(false);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a dead run, and releases its own', () => {
    const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-lock-')), 'cdktf.out'));
    writeFileSync(folder.lockFile, `${deadPid()}\n`);
    const unlock = folder.lock(0);
    // Held by a live process (this one): a second taker is refused at once.
    expect(() => folder.lock(0)).toThrow(`another synth (process ${process.pid}) is writing ${folder.outdir}: wait`);
    unlock();
    expect(existsSync(folder.lockFile)).toBe(false);
    folder.lock(0)();
    expect(readdirSync(path.dirname(folder.outdir))).toEqual([]);
  });
});

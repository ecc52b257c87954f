/**
 * The output folder's names, recovery, leftovers and lock (checks/output-folder.ts), one case per
 * branch: which generation or moved folder is put back, which leftover of which kind is removed
 * (dead run) or kept (live run, current output), what a hand-made link or a file in place of the
 * output does, and who may take or release the lock.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OutputBusyError, OutputFolder } from '../../../checks/output-folder';
import { waitFor } from '../../support/output-files';

const newFolder = () => new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-names-')), 'cdktf.out'));
const deadPid = (): number => spawnSync('true').pid ?? 999_999;
/** The names beside the output folder once the background deletions are done. */
async function settled(folder: OutputFolder, kept: (name: string) => boolean = () => false): Promise<string[]> {
  const parent = path.dirname(folder.outdir);
  await waitFor(() => readdirSync(parent).every((name) => !name.includes('.trash-') || kept(name)));
  return readdirSync(parent).sort();
}
function folderWith(folder: OutputFolder, name: string, label = name): string {
  const dir = path.join(path.dirname(folder.outdir), name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'label'), label);
  return dir;
}
const label = (folder: OutputFolder) => readFileSync(path.join(folder.outdir, 'label'), 'utf8');

describe('names', () => {
  it('puts the lock, staging folders and generations beside the output, named after it and this process', () => {
    const folder = newFolder();
    const parent = path.dirname(folder.outdir);
    expect(folder.lockFile).toBe(path.join(parent, '.cdktf.out.lock'));
    const staging = folder.createStaging();
    expect(path.dirname(staging)).toBe(parent);
    expect(path.basename(staging)).toMatch(new RegExp(`^\\.cdktf\\.out\\.staging-${process.pid}-[0-9a-f]{8}$`));
    expect(readdirSync(staging)).toEqual([]);
    folder.publish(staging);
    expect(readlinkSync(folder.outdir)).toMatch(new RegExp(`^\\.cdktf\\.out\\.gen-\\d{15}-${process.pid}-[0-9a-f]{8}$`));
  });

  it('creates the parent folder of the output when it is missing', () => {
    const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-names-')), 'a', 'b', 'out'));
    expect(existsSync(path.dirname(folder.outdir))).toBe(false);
    folder.lock(0)();
    expect(existsSync(path.dirname(folder.outdir))).toBe(true);
    const other = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-names-')), 'c', 'out'));
    expect(path.basename(other.createStaging())).toMatch(/^\.out\.staging-/);
  });
});

describe('recoverOutput', () => {
  it('does nothing when the output exists, or when nothing can be put back', async () => {
    const folder = newFolder();
    folder.recoverOutput();
    expect(await settled(folder)).toEqual([]);
    mkdirSync(folder.outdir);
    folderWith(folder, '.cdktf.out.gen-000000000000001-1-00000000');
    folder.recoverOutput();
    expect(readdirSync(folder.outdir)).toEqual([]);
  });

  it('links the newest generation, before any folder moved aside', () => {
    const folder = newFolder();
    folderWith(folder, '.cdktf.out.gen-000000000000002-1-00000000', 'newest');
    folderWith(folder, '.cdktf.out.gen-000000000000001-1-00000000', 'older');
    folderWith(folder, '.cdktf.out.aside-1-00000000', 'aside');
    folder.recoverOutput();
    expect(readlinkSync(folder.outdir)).toBe('.cdktf.out.gen-000000000000002-1-00000000');
    expect(label(folder)).toBe('newest');
  });

  it('puts a folder moved aside back under the output name when there is no generation', () => {
    const folder = newFolder();
    folderWith(folder, '.cdktf.out.aside-1-00000000', 'first');
    folderWith(folder, '.cdktf.out.aside-2-00000000', 'last');
    folder.recoverOutput();
    expect(label(folder)).toBe('last');
    expect(readdirSync(path.dirname(folder.outdir)).sort()).toEqual(['.cdktf.out.aside-1-00000000', 'cdktf.out']);
  });

  it('fails loudly when the output cannot be looked at (its parent is a file)', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-names-')), 'file');
    writeFileSync(file, '');
    expect(() => new OutputFolder(path.join(file, 'cdktf.out')).recoverOutput()).toThrow(/ENOTDIR/);
  });
});

describe('removeLeftovers', () => {
  it('removes every kind of leftover of a dead run (or of this process, or naming no process) and keeps those of a live run and the current generation', async () => {
    const folder = newFolder();
    const live = spawn('sleep', ['30']);
    try {
      const dead = deadPid();
      const staging = folder.createStaging();
      folder.publish(staging);
      const current = readlinkSync(folder.outdir);
      const kinds = ['staging', 'link', 'lock', 'aside', 'trash'];
      const keep = [...kinds.map((kind) => `.cdktf.out.${kind}-${live.pid}-00000000`), `.cdktf.out.gen-000000000000001-${live.pid}-00000000`, current, 'cdktf.out', 'unrelated', '.other.staging-1-00000000'];
      for (const name of keep.filter((n) => n !== current && n !== 'cdktf.out')) mkdirSync(path.join(path.dirname(folder.outdir), name));
      for (const kind of kinds) {
        mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.${kind}-${dead}-00000000`));
        mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.${kind}-${process.pid}-00000001`));
        mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.${kind}-0-00000002`));
        mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.${kind}-x-00000003`));
      }
      mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.gen-000000000000002-${dead}-00000000`));
      mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.gen-000000000000003-${process.pid}-00000000`));
      // A generation's pid is its second field: the first (its time) names the live process here.
      mkdirSync(path.join(path.dirname(folder.outdir), `.cdktf.out.gen-${String(live.pid).padStart(15, '0')}-${dead}-00000000`));
      folder.removeLeftovers();
      expect(await settled(folder, (name) => name.includes(`-${live.pid}-`))).toEqual(keep.sort());
    } finally {
      live.kill('SIGKILL');
    }
  });
});

describe('a parent folder that does not exist', () => {
  it('has nothing to recover and no leftover', () => {
    const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-names-')), 'missing', 'cdktf.out'));
    expect(() => folder.removeLeftovers()).not.toThrow();
    expect(() => folder.recoverOutput()).not.toThrow();
    expect(existsSync(path.dirname(folder.outdir))).toBe(false);
  });
});

describe('publish', () => {
  it('names what a run killed at each step leaves by its process, so that the next run knows it is dead', () => {
    const at = (step: string) => {
      // Over a real folder (named `unused` here), which is moved aside first.
      const folder = new OutputFolder(path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-names-')), 'unused'));
      mkdirSync(folder.outdir);
      expect(() =>
        folder.publish(folder.createStaging(), (s) => {
          if (s === step) throw new Error(step);
        }),
      ).toThrow(step);
      return readdirSync(path.dirname(folder.outdir)).filter((n) => n.startsWith('.unused.')).sort();
    };
    const mine = `${process.pid}-[0-9a-f]{8}`;
    expect(at('moved-aside')).toEqual([expect.stringMatching(new RegExp(`^\\.unused\\.aside-${mine}$`)), expect.stringMatching(/^\.unused\.gen-/)]);
    expect(at('linked')).toEqual([
      expect.stringMatching(new RegExp(`^\\.unused\\.aside-${mine}$`)),
      expect.stringMatching(/^\.unused\.gen-/),
      expect.stringMatching(new RegExp(`^\\.unused\\.link-${mine}$`)),
    ]);
    const trashed = at('trashed');
    expect(trashed).toEqual([expect.stringMatching(/^\.unused\.gen-/), expect.stringMatching(new RegExp(`^\\.unused\\.trash-${mine}$`))]);
  });

  it('refuses a file in place of the output folder, leaving it, with an error of its own name', () => {
    const folder = newFolder();
    writeFileSync(folder.outdir, 'a file');
    let error: unknown;
    try {
      folder.publish(folder.createStaging());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OutputBusyError);
    expect((error as Error).name).toBe('OutputBusyError');
    expect(() => folder.publish(folder.createStaging())).toThrow(new OutputBusyError(`${folder.outdir} is a file, not an output folder: move it away and run again`));
    expect(readFileSync(folder.outdir, 'utf8')).toBe('a file');
  });

  it('replaces a link made by hand without deleting what it points at', async () => {
    const folder = newFolder();
    const mine = folderWith(folder, 'my-output');
    const generationLike = folderWith(folder, '.cdktf.out.gen-000000000000001-1-00000000');
    symlinkSync('my-output', folder.outdir);
    const steps: string[] = [];
    folder.publish(folder.createStaging(), (step) => steps.push(step));
    expect(steps).toEqual(['staged', 'generation', 'linked', 'swapped']);
    // A link to a generation's name by a path is not one this scheme made either.
    const again = newFolder();
    symlinkSync(generationLike, again.outdir);
    again.publish(again.createStaging());
    // Nor is a name that starts like a generation and leads elsewhere.
    const third = newFolder();
    const elsewhere = folderWith(third, 'elsewhere');
    symlinkSync('.cdktf.out.gen-000000000000001-1-00000000/../elsewhere', third.outdir);
    third.publish(third.createStaging());
    expect(existsSync(elsewhere)).toBe(true);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(generationLike)).toBe(true);
  });

  it('moves the replaced generation to the trash and deletes it; a generation already gone is not an error', async () => {
    const folder = newFolder();
    symlinkSync('.cdktf.out.gen-000000000000001-1-00000000', folder.outdir);
    const steps: string[] = [];
    folder.publish(folder.createStaging(), (step) => steps.push(step));
    expect(steps).toEqual(['staged', 'generation', 'linked', 'swapped']);
    const first = readlinkSync(folder.outdir);
    steps.length = 0;
    folder.publish(folder.createStaging(), (step) => steps.push(step));
    expect(steps).toEqual(['staged', 'generation', 'linked', 'swapped', 'trashed']);
    expect(await settled(folder)).toEqual([readlinkSync(folder.outdir), 'cdktf.out']);
    expect(readlinkSync(folder.outdir)).not.toBe(first);
  });
});

describe('lock', () => {
  it.each(['', 'not a pid', '0', '-5', '1.5', '9007199254740993'])('takes over a lock file whose content %j names no process', (content) => {
    const folder = newFolder();
    writeFileSync(folder.lockFile, content);
    const unlock = folder.lock(0);
    expect(readFileSync(folder.lockFile, 'utf8')).toBe(`${process.pid}\n`);
    unlock();
    expect(existsSync(folder.lockFile)).toBe(false);
  });

  it('does not release a lock another process holds now', () => {
    const folder = newFolder();
    const unlock = folder.lock(0);
    writeFileSync(folder.lockFile, `${deadPid()}\n`);
    unlock();
    expect(existsSync(folder.lockFile)).toBe(true);
  });
});

describe('stackFolders', () => {
  it('lists the stack folders of the output, not its files, and none without an output', () => {
    const folder = newFolder();
    expect(folder.stackFolders()).toEqual([]);
    mkdirSync(path.join(folder.outdir, 'stacks', 'a'), { recursive: true });
    writeFileSync(path.join(folder.outdir, 'stacks', 'file'), '');
    expect(folder.stackFolders()).toEqual(['a']);
  });
});

/**
 * cdktf's zip library stands in lazily (checks/lazy-archiver.ts): loaded only when called, and then
 * the real one, in a plain node process (main.ts) and in the tests (jest's moduleNameMapper).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { archiverPathFrom, installStandIn, lazyModule } from '../../checks/lazy-archiver';

const ROOT = path.resolve(__dirname, '../..');

describe('lazyModule', () => {
  it('loads the module once, on first use, and calls, constructs and reads it', () => {
    let loads = 0;
    class Real {
      constructor(readonly n: number) {}
    }
    const real = Object.assign((x: number) => x * 2, { Real, flag: 'on' });
    const lazy = lazyModule(() => {
      loads++;
      return real;
    }) as typeof real;
    expect(loads).toBe(0);
    expect(lazy(21)).toBe(42);
    expect(lazy.flag).toBe('on');
    expect('flag' in lazy).toBe(true);
    expect(new lazy.Real(3).n).toBe(3);
    expect(Reflect.construct(lazyModule(() => Real) as typeof Real, [5]).n).toBe(5);
    expect(loads).toBe(1);
  });
});

// CDK Terrain's core (npm run test:cdktn) loads no zip library: there is nothing to stand in for.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('cdktf/package.json') as { name: string; dependencies?: Record<string, string> };
const withArchiver = core.dependencies?.archiver !== undefined;
if (!withArchiver) process.stdout.write(`skipped: ${core.name} does not depend on archiver\n`);

(withArchiver ? describe : describe.skip)("cdktf's archiver", () => {
  it('is not loaded with cdktf in a plain node process, and is the real one once called', () => {
    const probe = [
      "const lazy = require('./dist/js/checks/lazy-archiver');",
      'lazy.deferArchiver();',
      "require('cdktf');",
      "const loaded = () => Object.keys(require.cache).filter((f) => /node_modules\\/(archiver|archiver-utils)\\//.test(f) && require.cache[f].exports !== archiver).length;",
      'const archiver = require(lazy.archiverPath());',
      'const before = loaded();',
      "const zip = archiver('zip');",
      "console.log(JSON.stringify([before, loaded() > 0, typeof zip.pipe, require(lazy.archiverPath()) !== archiver]));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toEqual([0, true, 'function', true]);
  });

  it('is not loaded by a synth (main.ts defers it before it loads cdktf)', () => {
    // Printed at exit by a module preloaded into the synth's process: the files of the real archiver
    // it loaded (its lib/ and its own dependencies; the stand-in is archiver/index.js alone).
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-probe-')), 'probe.js');
    writeFileSync(probe, "process.on('exit', () => process.stdout.write(`loaded: ${JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules\\/(archiver\\/lib|archiver-utils)\\//.test(f)))}\\n`));");
    const outdir = path.join(path.dirname(probe), 'out');
    const run = spawnSync(process.execPath, ['-r', probe, path.join(ROOT, 'dist', 'js', 'main.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^synthesized \d+ stacks/m);
    expect(run.stdout).toContain('loaded: []\n');
  });

  it('is the stand-in in the tests, and zips when called', () => {
    expect(path.relative(ROOT, require.resolve('archiver'))).toBe(path.join('__tests__', 'support', 'archiver.ts'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const archiver = require('archiver') as (format: string) => { pipe: unknown; append: unknown };
    expect(archiver.name).toBe('vending');
    const zip = archiver('zip');
    expect([typeof zip.pipe, typeof zip.append]).toEqual(['function', 'function']);
  });
});

describe('archiverPathFrom', () => {
  /** A folder tree under a new temporary folder: `files` maps paths to contents. */
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'org-backup-archiver-'));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    }
    return root;
  }

  it("is the package's main in the first node_modules above cdktf's folder that holds archiver, as node looks", () => {
    const root = tree({
      'app/node_modules/archiver/package.json': JSON.stringify({ main: 'lib/archiver.js' }),
      'node_modules/archiver/package.json': JSON.stringify({ main: 'outer.js' }),
      'app/node_modules/cdktf/package.json': '{}',
    });
    expect(archiverPathFrom(path.join(root, 'app/node_modules/cdktf'))).toBe(path.join(root, 'app/node_modules/archiver/lib/archiver.js'));
    // Found one level further up when cdktf's own node_modules has none.
    expect(archiverPathFrom(path.join(root, 'app'))).toBe(path.join(root, 'app/node_modules/archiver/lib/archiver.js'));
    expect(archiverPathFrom(root)).toBe(path.join(root, 'node_modules/archiver/outer.js'));
  });

  it('is index.js when the package names no main', () => {
    const root = tree({ 'node_modules/archiver/package.json': '{}' });
    expect(archiverPathFrom(path.join(root, 'node_modules/cdktf'))).toBe(path.join(root, 'node_modules/archiver/index.js'));
  });

  it('is undefined when no folder up to the root holds archiver', () => {
    expect(archiverPathFrom(tree({ 'node_modules/other/package.json': '{}' }))).toBeUndefined();
  });
});

describe('installStandIn (deferArchiver, on node\'s module cache)', () => {
  /** A module file that counts its loads in a global, and what it exports. */
  function countingModule(): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-archiver-')), 'archiver.js');
    writeFileSync(file, 'globalThis.archiverLoads = (globalThis.archiverLoads ?? 0) + 1;\nmodule.exports = (name) => `zipped ${name}`;\nmodule.exports.version = "7";\n');
    return file;
  }
  const loads = () => (globalThis as { archiverLoads?: number }).archiverLoads ?? 0;

  it('puts a loaded stand-in in the cache, which loads the real module on first use and gives it its place', () => {
    const file = countingModule();
    const cache: NodeJS.Dict<NodeJS.Module> = {};
    const before = loads();
    installStandIn(file, cache);
    const stub = cache[file]!;
    expect([stub.filename, stub.loaded, loads()]).toEqual([file, true, before]);
    const zip = stub.exports as ((name: string) => string) & { version: string };
    expect(zip('asset')).toBe('zipped asset');
    expect(zip.version).toBe('7');
    expect(loads()).toBe(before + 1);
    expect(file in cache).toBe(false);
  });

  it('leaves a module already in the cache, and does nothing without archiver', () => {
    const file = countingModule();
    const loaded = { id: 'already' } as unknown as NodeJS.Module;
    const cache: NodeJS.Dict<NodeJS.Module> = { [file]: loaded };
    installStandIn(file, cache);
    expect(cache).toEqual({ [file]: loaded });
    const empty: NodeJS.Dict<NodeJS.Module> = {};
    installStandIn(undefined, empty);
    expect(empty).toEqual({});
  });
});

/**
 * The fast synth path writes the same bytes as cdktf's stock `app.synth()`, for every organization
 * the project knows (each environment module, each valid fixture file) and a generated 200-account
 * one; it is taken only with the tested cdktf version and without the escape hatch; and a token
 * naming another stack's resource, which stock prepareStack would have wired, stops the gate.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { App } from 'cdktf';
import { generateOrganization } from '../../bench/org';
import { buildAndSynth, chooseSynthPath, FAST_SYNTH_CDKTF_VERSION, STOCK_SYNTH_ENV, type SynthPath } from '../../checks/fast-synth';
import { synthesizeChecked } from '../../checks/gate';
import { SYNTH_COMMAND } from '../support/run-app';
import { SecurityCheckError } from '../../checks/pack';
import { loadConfig } from '../../envs/load';
import type { OrgConfig } from '../../envs/schema';
import { allStacks, buildStacks } from '../../stacks/org-backup-app';

const ROOT = path.resolve(__dirname, '../..');
/**
 * The core package found: cdktf here; cdktn under `npm run test:cdktn`, whose import rewrite makes
 * this name it. The guard takes the fast path only for the cdktf release it was checked against, so
 * with any other the identity tests would compare the stock path with a path users never run.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('cdktf/package.json') as { name: string; version: string };
const fastPathTaken = core.name === 'cdktf' && core.version === FAST_SYNTH_CDKTF_VERSION;
const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-fast-synth-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every environment module (envs/*.ts exporting `config`) and every valid fixture organization. */
function organizations(): [string, () => OrgConfig][] {
  const envs = readdirSync(path.join(ROOT, 'envs'))
    .filter((f) => f.endsWith('.ts') && /^export const config\b/m.test(readFileSync(path.join(ROOT, 'envs', f), 'utf8')))
    .map((f): [string, () => OrgConfig] => [`envs/${f}`, () => loadConfig({ env: f.replace(/\.ts$/, '') })]);
  const fixtures = readdirSync(path.join(ROOT, '__tests__', 'fixtures'))
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .flatMap((f): [string, () => OrgConfig][] => {
      const configPath = path.join(ROOT, '__tests__', 'fixtures', f);
      try {
        loadConfig({ configPath });
      } catch {
        return []; // an invalid-config fixture: nothing to synthesize
      }
      return [[`__tests__/fixtures/${f}`, () => loadConfig({ configPath })]];
    });
  return [...envs, ...fixtures];
}

/** `npm run synth` in a child process (plain node, as users run it), resolving to its exit status. */
function synthCommand(env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', SYNTH_COMMAND], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

function synthTo(config: OrgConfig, path_: SynthPath, name: string): { dir: string; path: SynthPath } {
  const dir = path.join(scratch, name);
  const result = buildAndSynth({ outdir: dir, build: (app: App) => allStacks(buildStacks(app, config)), path: path_ });
  return { dir, path: result.path };
}

/** Every file under a folder, relative, sorted. */
function files(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, path.join(under, e.name)) : [path.join(under, e.name)]))
    .sort();
}

(fastPathTaken ? describe : describe.skip)('the fast synth path', () => {
  const orgs = organizations();

  it('covers the example and the fixture organizations', () => {
    expect(orgs.map(([name]) => name)).toEqual(
      expect.arrayContaining(['envs/example.ts', '__tests__/fixtures/other-org.json', '__tests__/fixtures/other-org.yaml']),
    );
  });

  it.each(orgs)('writes byte for byte what stock app.synth() writes: %s', (name, config) => {
    const org = config();
    const id = name.replace(/[^a-z0-9]+/gi, '-');
    const stock = synthTo(org, 'stock', `${id}-stock`);
    const fast = synthTo(org, 'fast', `${id}-fast`);
    expect([stock.path, fast.path]).toEqual(['stock', 'fast']);
    const written = files(stock.dir);
    expect(written.length).toBeGreaterThan(org.sourceAccounts.length + 2); // every stack and the manifest
    expect(files(fast.dir)).toEqual(written);
    const differing = written.filter((f) => !readFileSync(path.join(stock.dir, f)).equals(readFileSync(path.join(fast.dir, f))));
    expect(differing).toEqual([]);
  });

  it('writes byte for byte what stock app.synth() writes through npm run synth: a generated 200-account organization', async () => {
    // Two child processes at once: plain node, as users run it, and half the wall time of one after the other.
    const configPath = path.join(scratch, 'org-200.json');
    writeFileSync(configPath, JSON.stringify(generateOrganization(200)));
    const stockDir = path.join(scratch, 'cli-200-stock');
    const fastDir = path.join(scratch, 'cli-200-fast');
    const stockEnv = { BACKUP_CONFIG: configPath, CDKTF_OUTDIR: stockDir, [STOCK_SYNTH_ENV]: '1' };
    const fastEnv = { BACKUP_CONFIG: configPath, CDKTF_OUTDIR: fastDir, [STOCK_SYNTH_ENV]: '' };
    expect(await Promise.all([synthCommand(stockEnv), synthCommand(fastEnv)])).toEqual([0, 0]);
    const written = files(stockDir);
    expect(written.length).toBe(203);
    expect(files(fastDir)).toEqual(written);
    const differing = written.filter((f) => !readFileSync(path.join(stockDir, f)).equals(readFileSync(path.join(fastDir, f))));
    expect(differing).toEqual([]);
  });

  it("restores cdktf's stack trace capture and key conversion after it runs", () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: unknown };
    const util = require('cdktf/lib/util') as { keysToSnakeCase: unknown };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const before = [traces.captureStackTrace, util.keysToSnakeCase];
    synthTo(loadConfig({ env: 'example' }), 'fast', 'restore');
    expect([traces.captureStackTrace, util.keysToSnakeCase]).toEqual(before);
    expect(before.every((f) => typeof f === 'function')).toBe(true);
  });
});

describe('the guard', () => {
  const tested = { name: 'cdktf', version: FAST_SYNTH_CDKTF_VERSION };
  it('takes the fast path with the tested cdktf version', () => {
    expect(chooseSynthPath({ [STOCK_SYNTH_ENV]: '0' }, tested).path).toBe('fast');
  });
  if (fastPathTaken) {
    it('takes the fast path with the cdktf installed', () => {
      expect(chooseSynthPath({})).toEqual({ path: 'fast', reason: '' });
    });
  } else {
    it(`takes the stock path with the ${core.name} ${core.version} installed`, () => {
      expect(chooseSynthPath({})).toEqual({ path: 'stock', reason: expect.stringContaining(`${core.name} ${core.version} is not cdktf ${FAST_SYNTH_CDKTF_VERSION}`) });
    });
  }
  it.each([
    ['another cdktf version', { name: 'cdktf', version: '0.21.1' }, 'cdktf 0.21.1 is not cdktf 0.21.0'],
    ['a fork of the same version', { name: 'cdktn', version: FAST_SYNTH_CDKTF_VERSION }, 'cdktn 0.21.0 is not cdktf 0.21.0'],
    ['an unreadable package', {}, 'cdktf (unknown version) is not cdktf 0.21.0'],
  ])('falls back to the stock path for %s', (_what, installed, reason) => {
    expect(chooseSynthPath({}, installed)).toEqual({ path: 'stock', reason: expect.stringContaining(reason) });
  });
  it(`falls back to the stock path when ${STOCK_SYNTH_ENV} is set`, () => {
    expect(chooseSynthPath({ [STOCK_SYNTH_ENV]: '1' }, tested)).toEqual({ path: 'stock', reason: `${STOCK_SYNTH_ENV}=1` });
  });
});

describe('a token naming another stack\'s resource', () => {
  /** The example, plus an alias in a source stack that names the Backup account's alias by token. */
  const build = (app: App) => {
    const stacks = buildStacks(app, loadConfig({ env: 'example' }));
    const region = stacks.backupAccount.homeRegion;
    const origin = new KmsAlias(stacks.backupAccount, 'origin', { name: 'alias/origin', targetKeyId: 'key', provider: stacks.backupAccount.provider(region) });
    const source = stacks.sources[0];
    new KmsAlias(source, 'leak', { name: origin.name, targetKeyId: 'key', provider: source.provider(region) });
    return allStacks(stacks);
  };
  const gate = (env: string | undefined) => {
    const saved = process.env[STOCK_SYNTH_ENV];
    if (env === undefined) delete process.env[STOCK_SYNTH_ENV];
    else process.env[STOCK_SYNTH_ENV] = env;
    try {
      return synthesizeChecked({ outdir: path.join(scratch, `cross-${env ?? 'fast'}`), build });
    } finally {
      if (saved === undefined) delete process.env[STOCK_SYNTH_ENV];
      else process.env[STOCK_SYNTH_ENV] = saved;
    }
  };
  if (fastPathTaken) {
    it('stops the fast path at the gate, naming the rule, the reference and the stack declaring it', () => {
      expect(() => gate(undefined)).toThrow(SecurityCheckError);
      expect(() => gate(undefined)).toThrow(/OB-NO-CROSS-STACK-TOKEN source-[a-z-]+ aws_kms_alias\.[\w-]+: aws_kms_alias\.[\w-]+ is declared in stack backup-account/);
    });
  } else {
    it(`is wired through remote state by the default path with ${core.name} ${core.version}, the stock path`, () => {
      expect(() => gate(undefined)).not.toThrow();
    });
  }
  it('is wired through remote state by the stock path, which the rule accepts', () => {
    expect(() => gate('1')).not.toThrow();
  });
});

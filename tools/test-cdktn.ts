/**
 * `npm run test:cdktn`: the project on CDK Terrain (cdktn), the community continuation of CDK for
 * Terraform, without changing the project. It
 *
 * 1. copies the repository's files (tracked and new, not ignored) into a scratch folder under the
 *    system's temporary folder, and there rewrites every cdktf module specifier to its CDK Terrain
 *    package (tools/cdktn/rewrite.ts), as a project moving over changes its imports;
 * 2. installs the CDK Terrain packages there from the committed `cdktn/package.json` and
 *    `cdktn/package-lock.json` (`npm ci`), on Node 22 (cdktn-cli needs 22.19 or later);
 * 3. runs the test suite there (`npm test`) on Node 22;
 * 4. synthesizes every environment module (`envs/*.ts` exporting `config`) with both, this checkout
 *    (cdktf) and the copy (cdktn), and compares the outputs value by value (tools/cdktn/compare.ts):
 *    it prints what it set aside (CDK version, provider version pin, provider source spelling) and
 *    fails on any other difference.
 *
 * Rewritten imports rather than npm aliases (`cdktf@npm:cdktn@...`): @cdktn/provider-aws requires
 * `cdktn` by name, so with an alias the app would load two copies of the core library, one under
 * each name, and mix their constructs; the rewrite loads one, under the names a migrated project uses.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, UsageError, type CommandSpec } from './args';
import { compareOutputs, describeDifference, summarizeNormalized, type Comparison } from './cdktn/compare';
import { CDKTN_PACKAGE_DIR, cdktnManifest } from './cdktn/packages';
import { isSourceFile, rewriteImports } from './cdktn/rewrite';
import { runCommand } from './command';
import { PROJECT_ROOT } from './project-root';

const ROOT = PROJECT_ROOT;

/** The Node 22 release `.ci/run` and this command install from the npm registry's `node` package. */
export const NODE22_VERSION_FILE = '.ci/node22-version';

export const TEST_CDKTN_COMMAND: CommandSpec = {
  command: 'test:cdktn',
  summary:
    'Runs the test suite on CDK Terrain (cdktn) in a scratch copy on Node 22, and compares the synthesized output of every environment with the cdktf output.',
  flags: {
    'skip-suite': { type: 'boolean', description: 'install and compare the outputs only, without the test suite' },
    keep: { type: 'boolean', description: 'keep the scratch copy (its path is printed)' },
    'update-lock': { type: 'boolean', description: `rewrite ${CDKTN_PACKAGE_DIR}/package.json from package.json and resolve ${CDKTN_PACKAGE_DIR}/package-lock.json anew, then stop` },
  },
};

/** The environment modules the comparison synthesizes: `envs/*.ts` exporting `config`. */
export function environmentNames(root: string = ROOT): string[] {
  return readdirSync(path.join(root, 'envs'))
    .filter((f) => f.endsWith('.ts') && /^export const config\b/m.test(readFileSync(path.join(root, 'envs', f), 'utf8')))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

/** The committed package.json of the scratch copy, and the one package.json calls for. */
export function cdktnManifestDrift(root: string = ROOT): { readonly committed: string; readonly expected: string } {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const expected = `${JSON.stringify(cdktnManifest(manifest), null, 2)}\n`;
  const file = path.join(root, CDKTN_PACKAGE_DIR, 'package.json');
  return { committed: existsSync(file) ? readFileSync(file, 'utf8') : '', expected };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Runs a command to the end with its output shown; a failure stops with its exit code. */
function run(what: string, cmd: string, args: readonly string[], options: SpawnSyncOptions): void {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new StepError(`${what} failed (exit code ${result.status ?? result.signal})`);
}

/** A step that failed: one `error:` line, exit code 1. */
class StepError extends UsageError {}

/** The tracked and new (not ignored) files of the checkout. */
function repositoryFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new StepError(`git ls-files failed: ${listed.stderr.trim()}`);
  return listed.stdout.split('\0').filter((f) => f !== '' && existsSync(path.join(ROOT, f)));
}

/** Copies the checkout into `dir` with imports rewritten and the CDK Terrain package files. */
function prepareCopy(dir: string): void {
  let rewritten = 0;
  let files = 0;
  const unmapped: string[] = [];
  for (const file of repositoryFiles()) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (!isSourceFile(file)) {
      copyFileSync(path.join(ROOT, file), target);
      continue;
    }
    const result = rewriteImports(readFileSync(path.join(ROOT, file), 'utf8'));
    writeFileSync(target, result.text);
    if (result.changed > 0) files++;
    rewritten += result.changed;
    unmapped.push(...result.unmapped.map((s) => `${file}: ${s}`));
  }
  if (unmapped.length > 0) {
    throw new StepError(`a cdktf module without a CDK Terrain counterpart (add it to tools/cdktn/packages.ts): ${unmapped.join('; ')}`);
  }
  for (const name of ['package.json', 'package-lock.json']) copyFileSync(path.join(ROOT, CDKTN_PACKAGE_DIR, name), path.join(dir, name));
  // A repository of its own, one commit: the tests of --base-ref and --changed-since read git.
  const git = (...args: string[]) => run(`git ${args[0]} in the copy`, 'git', ['-c', 'user.name=test-cdktn', '-c', 'user.email=test-cdktn@localhost', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'the checkout, imports rewritten to CDK Terrain');
  log(`copied the checkout to ${dir}: ${rewritten} cdktf module specifiers in ${files} files now name CDK Terrain packages`);
}

/** A `node` of at least 22.19 to run the copy with: this one, ORG_BACKUP_NODE22, or one installed. */
function node22(scratch: string): string {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 19)) return process.execPath;
  const given = process.env.ORG_BACKUP_NODE22;
  if (given) return given;
  const version = readFileSync(path.join(ROOT, NODE22_VERSION_FILE), 'utf8').trim();
  const prefix = path.join(scratch, 'node22');
  run(`npm install node@${version}`, 'npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return path.join(prefix, 'node_modules', 'node', 'bin', 'node');
}

/** `npm run synth -- --env <name>` into `outdir`, resolving to the exit code and what it printed. */
function synth(cwd: string, env: NodeJS.ProcessEnv, name: string, outdir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'synth', '--', '--env', name], { cwd, env: { ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Synthesizes each environment with cdktf (here) and CDK Terrain (the copy), two at a time, and compares. */
async function compareEnvironments(copy: string, copyEnv: NodeJS.ProcessEnv, outRoot: string): Promise<Map<string, Comparison>> {
  const results = new Map<string, Comparison>();
  for (const name of environmentNames()) {
    const left = path.join(outRoot, 'cdktf', name);
    const right = path.join(outRoot, 'cdktn', name);
    const [a, b] = await Promise.all([synth(ROOT, process.env, name, left), synth(copy, copyEnv, name, right)]);
    for (const [side, r] of [['cdktf', a], ['cdktn', b]] as const) {
      if (r.code !== 0) throw new StepError(`npm run synth -- --env ${name} with ${side} failed (exit code ${r.code}): ${r.output.trim().split('\n').slice(-3).join(' | ')}`);
    }
    results.set(name, compareOutputs(left, right));
  }
  return results;
}

/** Prints the comparison; true when the outputs are the same but for what is set aside. */
function report(results: Map<string, Comparison>): boolean {
  let same = true;
  for (const [name, c] of results) {
    log(`envs/${name}.ts: ${c.files} files compared, ${c.differences.length} difference${c.differences.length === 1 ? '' : 's'}`);
    for (const line of summarizeNormalized(c.normalized)) log(`  set aside: ${line}`);
    if (c.layoutOnly.length > 0) log(`  set aside: JSON layout only (same values), ${c.layoutOnly.length} files: ${c.layoutOnly.join(', ')}`);
    for (const d of c.differences) log(`  DIFFERENT ${describeDifference(d)}`);
    if (c.differences.length > 0) same = false;
  }
  return same;
}

/** Writes cdktn/package.json from package.json and resolves its lockfile in a scratch folder. */
function updateLock(): void {
  const { expected } = cdktnManifestDrift();
  const dir = mkdtempSync(path.join(tmpdir(), 'org-backup-cdktn-lock-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), expected);
    run('npm install --package-lock-only', 'npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    mkdirSync(path.join(ROOT, CDKTN_PACKAGE_DIR), { recursive: true });
    writeFileSync(path.join(ROOT, CDKTN_PACKAGE_DIR, 'package.json'), expected);
    copyFileSync(path.join(dir, 'package-lock.json'), path.join(ROOT, CDKTN_PACKAGE_DIR, 'package-lock.json'));
    log(`wrote ${CDKTN_PACKAGE_DIR}/package.json and ${CDKTN_PACKAGE_DIR}/package-lock.json`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const line = parseCommandLine(TEST_CDKTN_COMMAND, process.argv.slice(2));
  if (line === undefined) return;
  if (line.values['update-lock']) return updateLock();
  const drift = cdktnManifestDrift();
  if (drift.committed !== drift.expected) {
    throw new StepError(`${CDKTN_PACKAGE_DIR}/package.json does not follow package.json (a dependency changed): run npm run test:cdktn -- --update-lock and commit both files`);
  }
  const started = Date.now();
  const scratch = mkdtempSync(path.join(tmpdir(), 'org-backup-cdktn-'));
  const copy = path.join(scratch, 'repo');
  try {
    const node = node22(scratch);
    const copyEnv: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`, CHECKPOINT_DISABLE: '1' };
    // `npm run -s test:cdktn` would pass its silence on to every npm the suite runs (a test reads npm's banner).
    delete copyEnv.npm_config_loglevel;
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    let t = Date.now();
    prepareCopy(copy);
    log(`copied in ${seconds(t)}`);
    t = Date.now();
    run('npm ci (CDK Terrain)', 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: copy, env: copyEnv });
    log(`installed the CDK Terrain packages on Node ${version} in ${seconds(t)}`);
    if (!line.values['skip-suite']) {
      t = Date.now();
      run('npm test (CDK Terrain)', 'npm', ['test'], { cwd: copy, env: copyEnv });
      log(`test suite on CDK Terrain, Node ${version}: passed in ${seconds(t)}`);
    }
    t = Date.now();
    const results = await compareEnvironments(copy, copyEnv, path.join(scratch, 'out'));
    const same = report(results);
    log(`compared ${results.size} environments in ${seconds(t)}`);
    if (!same) throw new StepError('the CDK Terrain output differs from the cdktf output (DIFFERENT lines above)');
    log(`test:cdktn passed in ${seconds(started)}`);
  } finally {
    // Kept only on request: the copy with its node_modules is about 900 MB.
    if (line.values.keep) log(`scratch copy kept in ${scratch}`);
    else {
      const t = Date.now();
      rmSync(scratch, { recursive: true, force: true });
      log(`removed the scratch copy in ${seconds(t)}`);
    }
  }
}

if (require.main === module) {
  main().catch((err) => runCommand(() => {
    throw err;
  }));
}

/**
 * `npm run synth` as a user runs it: the flags, `--help`, the summary line; and `cdktf synth` (the
 * CLI, through cdktf.json) right after an account was removed and another renamed, with warnings
 * the CLI must not label [ERROR].
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { readSynthOutput, resourcesOf } from '../output/synth-output';
import { runApp } from './support/run-app';
import { cdkCliScript } from './support/cdk-cli';

const ROOT = path.resolve(__dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'org-backup-synth-cmd-'));
const FIXTURE = '__tests__/fixtures/other-org.yaml';
const SUMMARY = /^synthesized (\d+) stacks \((\d+) resources\) from (\S+) into (\S+) in \d+\.\d s$/;

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';
const resourceTotal = (dir: string) => Object.values(readSynthOutput(dir).stacks).reduce((n, s) => n + resourcesOf(s).length, 0);

describe('npm run synth flags', () => {
  const byFlag = runApp({ BACKUP_CONFIG: path.join(work, 'missing.yaml') }, path.join(work, 'by-flag'), ['--config', FIXTURE]);

  it('--config <file> synthesizes that file, over the environment variable, and ends with one summary line', () => {
    expect([byFlag.status, byFlag.stderr]).toEqual([0, '']);
    const [, stacks, resources, source, outdir] = SUMMARY.exec(lastLine(byFlag.stdout)) ?? [];
    expect([Number(stacks), source, outdir]).toEqual([4, FIXTURE, byFlag.outdir]);
    expect(Number(resources)).toBe(resourceTotal(byFlag.outdir));
    expect(readdirSync(path.join(byFlag.outdir, 'stacks'))).toContain('source-payments');
  });

  it('--env <name> picks an environment module, over the environment variable', () => {
    const run = runApp({ BACKUP_ENV: 'example' }, path.join(work, 'by-env'), ['--env', 'no-such-env']);
    expect([run.status, run.stderr]).toEqual([1, 'error: invalid configuration in BACKUP_ENV: 1 problem\n  - no environment "no-such-env": expected envs/no-such-env.ts exporting `config`\n']);
  });

  it('--help prints the flags and writes nothing', () => {
    const run = runApp({}, path.join(work, 'help'), ['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: npm run synth -- [--config <file>] [--env <name>] [--help]');
    expect(existsSync(run.outdir)).toBe(false);
  });

  it.each([
    [['--confg', FIXTURE], 'error: unknown flag --confg for npm run synth; usage: npm run synth -- [--config <file>] [--env <name>] [--help]'],
    [['--config'], 'error: --config needs a value <file>; usage: npm run synth -- [--config <file>] [--env <name>] [--help]'],
    [['--config', FIXTURE, '--env', 'example'], `error: --config ${FIXTURE} and --env example both choose the configuration: give one`],
    [[FIXTURE], `error: unexpected argument "${FIXTURE}"; usage: npm run synth -- [--config <file>] [--env <name>] [--help]`],
  ])('%j is an error in one line, and the earlier output stays as it was', (args, message) => {
    const before = readFileSync(path.join(byFlag.outdir, 'manifest.json'), 'utf8');
    const run = runApp({}, byFlag.outdir, args);
    expect([run.status, run.stderr]).toEqual([1, `${message}\n`]);
    expect(readFileSync(path.join(byFlag.outdir, 'manifest.json'), 'utf8')).toBe(before);
  });
});

describe('cdktf synth right after an account is removed and another renamed', () => {
  const outdir = path.join(work, 'cli', 'cdktf.out');
  const draft = parse(readFileSync(path.join(ROOT, FIXTURE), 'utf8')) as { sourceAccounts: { accountId: string; name: string }[] };
  writeFileSync(path.join(work, 'before.yaml'), stringify({ ...draft, sourceAccounts: [...draft.sourceAccounts, { accountId: '900000000012', name: 'retired' }] }));
  const first = runApp({ BACKUP_CONFIG: path.join(work, 'before.yaml') }, outdir);
  const firstStacks = readdirSync(path.join(outdir, 'stacks'));
  writeFileSync(path.join(work, 'after.yaml'), stringify({ ...draft, sourceAccounts: draft.sourceAccounts.map((a) => (a.name === 'analytics' ? { ...a, name: 'insights' } : a)) }));
  const env: NodeJS.ProcessEnv = { ...process.env, BACKUP_CONFIG: path.join(work, 'after.yaml'), CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0' };
  // A terraform CLI configuration file named but missing makes terraform itself warn, which the CLI labels [ERROR] too.
  delete env.TF_CLI_CONFIG_FILE;
  const cli = spawnSync(process.execPath, [cdkCliScript(), 'synth', '--output', outdir], { cwd: ROOT, env, encoding: 'utf8', timeout: 60000 });

  it('starts from an output with the account that goes away', () => {
    expect(first.status).toBe(0);
    expect(firstStacks).toEqual(expect.arrayContaining(['source-retired', 'source-analytics']));
  });

  // The output is a link to a generation folder (checks/output-folder.ts), and the CLI deletes the
  // removed stack's folder itself, failing if it is already gone: the gate leaves it empty for it.
  it('succeeds, and leaves exactly the new stacks, through the output link', () => {
    expect([cli.status, cli.stderr]).toEqual([0, expect.not.stringMatching(/ENOENT|Error/)]);
    expect(lstatSync(outdir).isSymbolicLink()).toBe(true);
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['backup-account', 'management', 'source-insights', 'source-payments']);
  });

  it('prints the warnings and the summary line, none of them labelled [ERROR]', () => {
    expect(cli.stdout).toMatch(/^warning OB-VAULT-LOCK-COMPLIANCE backup-account /m);
    expect(cli.stdout).toMatch(/^synthesized 4 stacks \(\d+ resources\) from \S+after\.yaml into \S+ in \d+\.\d s$/m);
    expect(cli.stdout).not.toContain('[ERROR]');
  });
});

/**
 * The gate (checks/gate.ts) in-process, on a one-stack app of one KMS key: the order of its steps,
 * the stack folders it leaves for cdktf-cli, what it does before a run (recovery, leftovers) and
 * after one (lock released, staging gone), and collectGarbage's threshold.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, type App } from 'cdktf';
import { COLLECT_ABOVE_BYTES, collectGarbage } from '../../../checks/collect-garbage';
import { chooseSynthPath } from '../../../checks/fast-synth';
import { LOCK_WAIT_MS, synthesizeChecked } from '../../../checks/gate';
import { SecurityCheckError } from '../../../checks/pack';
import { suppressRule } from '../../../checks/suppressions';
import { denyShortDeletionWindow } from '../../../modules/shared/key-policy-statements';
import { policyDocument } from '../../../modules/shared/policy-document';

const REASON = 'the test key rotates by hand, never automatically';

/** One stack, `keys`, with one key that only OB-KMS-ROTATION finds wrong (suppressed unless `blocking`). */
function build(app: App, blocking = false): TerraformStack[] {
  const stack = new TerraformStack(app, 'keys');
  const provider = new AwsProvider(stack, 'aws', { region: 'eu-west-1', alias: 'eu-west-1', allowedAccountIds: ['222222222222'] });
  const key = new KmsKey(stack, 'k', {
    provider,
    enableKeyRotation: false,
    deletionWindowInDays: 30,
    policy: JSON.stringify(policyDocument([denyShortDeletionWindow()])),
    lifecycle: { preventDestroy: true },
  });
  key.overrideLogicalId('k');
  // A reference: a token in cdktf's token map until the gate releases it.
  new TerraformOutput(stack, 'key_arn', { value: key.arn });
  if (!blocking) suppressRule(key, 'OB-KMS-ROTATION', REASON);
  return [stack];
}

const newOutdir = () => path.join(mkdtempSync(path.join(tmpdir(), 'org-backup-gate-')), 'cdktf.out');
const parentNames = (outdir: string) => readdirSync(path.dirname(outdir)).filter((n) => !n.includes('.trash-')).sort();

describe('synthesizeChecked', () => {
  it('waits 120 s for another run by default', () => {
    expect(LOCK_WAIT_MS).toBe(120_000);
  });

  it('returns every finding, suppressed ones included, and calls its hooks in order: synthesized, then each publication step', () => {
    const outdir = newOutdir();
    const calls: string[] = [];
    const findings = synthesizeChecked({
      outdir,
      build,
      onSynthesized: (stacks) => calls.push(`synthesized ${stacks.map((s) => s.node.id).join(',')}`),
      onPublishStep: (step) => calls.push(step),
    });
    expect(findings.map((f) => [f.ruleId, f.address, f.suppressedBecause])).toEqual([['OB-KMS-ROTATION', 'aws_kms_key.k', REASON]]);
    // No real folder was there, and nothing was replaced: no "moved-aside", no "trashed".
    expect(calls).toEqual(['synthesized keys', 'staged', 'generation', 'linked', 'swapped']);
    expect(readdirSync(path.join(outdir, 'stacks'))).toEqual(['keys']);
    // The lock is released and the staging folder is gone: only the link and its generation remain.
    expect(parentNames(outdir)).toEqual([expect.stringMatching(/^\.cdktf\.out\.gen-/), 'cdktf.out']);
  });

  it('leaves an empty folder for each stack the new output no longer has only when asked to', () => {
    const outdir = newOutdir();
    mkdirSync(path.join(outdir, 'stacks', 'removed-account'), { recursive: true });
    mkdirSync(path.join(outdir, 'stacks', 'keys'), { recursive: true });
    writeFileSync(path.join(outdir, 'stacks', 'not-a-folder'), '');
    synthesizeChecked({ outdir, build, leaveRemovedStackFolders: true });
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['keys', 'removed-account']);
    expect(readdirSync(path.join(outdir, 'stacks', 'removed-account'))).toEqual([]);
    expect(readdirSync(path.join(outdir, 'stacks', 'keys'))).toEqual(['cdk.tf.json']);
    synthesizeChecked({ outdir, build, leaveRemovedStackFolders: false });
    expect(readdirSync(path.join(outdir, 'stacks'))).toEqual(['keys']);
    // An app of no stack: every stack folder of the previous output is left, empty.
    synthesizeChecked({ outdir, build: () => [], leaveRemovedStackFolders: true });
    expect(readdirSync(path.join(outdir, 'stacks'))).toEqual(['keys']);
    expect(readdirSync(path.join(outdir, 'stacks', 'keys'))).toEqual([]);
  });

  // Only the fast path releases them; it is not taken on another core (CDK Terrain, npm run test:cdktn).
  (chooseSynthPath().path === 'fast' ? it : it.skip)("releases the app's tokens from cdktf's token map once it is written", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tokens = (require('cdktf/lib/tokens/private/token-map') as { TokenMap: { instance: () => { stringTokenMap: Map<string, unknown>; tokenCounter: number } } }).TokenMap.instance();
    const first = tokens.tokenCounter;
    synthesizeChecked({ outdir: newOutdir(), build });
    expect(tokens.tokenCounter).toBeGreaterThan(first);
    expect([...tokens.stringTokenMap.keys()].filter((key) => Number(key.slice(key.lastIndexOf('.') + 1)) >= first)).toEqual([]);
  });

  it('puts back an output a killed run left unnamed before it checks, so a failed check still leaves it', () => {
    const outdir = newOutdir();
    synthesizeChecked({ outdir, build });
    const before = readFileSync(path.join(outdir, 'stacks', 'keys', 'cdk.tf.json'), 'utf8');
    // A run killed between moving a real folder aside and linking the new output: no cdktf.out.
    const generation = readdirSync(path.dirname(outdir)).find((n) => n.startsWith('.cdktf.out.gen-'))!;
    rmSync(outdir);
    expect(() => synthesizeChecked({ outdir, build: (app) => build(app, true) })).toThrow(SecurityCheckError);
    expect(readFileSync(path.join(outdir, 'stacks', 'keys', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(parentNames(outdir)).toEqual([generation, 'cdktf.out']);
  });

  it("removes what a dead run left before it writes, and releases its lock after a failed check", () => {
    const outdir = newOutdir();
    mkdirSync(path.dirname(outdir), { recursive: true });
    // This process's own pid counts as dead for its leftovers (a run never overlaps itself).
    mkdirSync(path.join(path.dirname(outdir), `.cdktf.out.staging-${process.pid}-0000aaaa`));
    expect(() => synthesizeChecked({ outdir, build: (app) => build(app, true) })).toThrow(SecurityCheckError);
    expect(parentNames(outdir)).toEqual([]);
    expect(existsSync(path.join(path.dirname(outdir), '.cdktf.out.lock'))).toBe(false);
  });
});

describe('collectGarbage', () => {
  it('collects above 256 MiB of heap in use by default, and above any threshold given', () => {
    expect(COLLECT_ABOVE_BYTES).toBe(256 * 1024 * 1024);
    expect(collectGarbage(0)).toBe(true);
    expect(collectGarbage(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it.each([
    ['gc is not a function in a new context', { runInNewContext: () => undefined }],
    ['the new context cannot be made', { runInNewContext: () => { throw new Error('no context'); } }],
  ])('does nothing and says so where %s', (_where, vm) => {
    jest.isolateModules(() => {
      jest.doMock('node:vm', () => vm);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const isolated = require('../../../checks/collect-garbage') as typeof import('../../../checks/collect-garbage');
      expect(isolated.collectGarbage(0)).toBe(false);
    });
    jest.dontMock('node:vm');
  });
});

/**
 * Stack size at organization scale: a source stack holds a fixed, small set of resources however
 * large the organization, and the management stack does not grow with the number of accounts when
 * the policies target the root or OUs. (Speed is measured by `npm run bench`, not here.)
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateOrganization, sourceAccountId } from '../bench/org';
import { validateConfig } from '../envs/load';
import { resourcesOf, type SynthOutput } from '../output/synth-output';
import { runReview } from '../tools/review';
import { setReviewMemo } from '../tools/review/memo';
import { runApp } from './support/run-app';
import { synthApp } from './support/synth';

const MAX_SOURCE_STACK_RESOURCES = 30;

const synthOrganization = (accounts: number, criticalTargets?: string[]) =>
  synthApp(validateConfig(generateOrganization(accounts, { criticalTargets }), `generated organization of ${accounts}`));

const addresses = (out: SynthOutput, stack: string) => resourcesOf(out.stacks[stack]).map((r) => r.address);
const sourceStacks = (out: SynthOutput) => Object.keys(out.stacks).filter((name) => name.startsWith('source-'));

// Synthesized once for the whole file.
const small = synthOrganization(10);
const large = synthOrganization(200);

describe('an organization of 200 source accounts', () => {
  it('has one stack per source account, plus the backup-account and management stacks', () => {
    expect(sourceStacks(large)).toHaveLength(200);
    expect(Object.keys(large.stacks)).toHaveLength(202);
  });

  it(`keeps every source stack at or under ${MAX_SOURCE_STACK_RESOURCES} resources`, () => {
    const counts = sourceStacks(large).map((name) => resourcesOf(large.stacks[name]).length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_SOURCE_STACK_RESOURCES);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('gives a source stack the same resources as in a small organization', () => {
    const name = 'source-account-00000';
    expect(addresses(large, name)).toEqual(addresses(small, name));
  });

  it('does not grow the management stack when policies target the root and an OU', () => {
    expect(addresses(large, 'management')).toEqual(addresses(small, 'management'));
    expect(JSON.stringify(large.stacks.management)).toEqual(JSON.stringify(small.stacks.management));
  });

  it('does not grow the backup-account stack', () => {
    expect(addresses(large, 'backup-account')).toEqual(addresses(small, 'backup-account'));
  });
});

describe('a policy that targets accounts one by one', () => {
  it('adds one attachment per account to the management stack: why root and OU targets scale', () => {
    const targets = Array.from({ length: 20 }, (_, i) => sourceAccountId(i));
    const perAccount = synthOrganization(20, targets);
    const attachments = (out: SynthOutput) =>
      resourcesOf(out.stacks.management).filter((r) => r.type === 'aws_organizations_policy_attachment').length;
    expect(attachments(small)).toBe(2);
    expect(attachments(perAccount)).toBe(21);
  });
});

describe('npm run synth', () => {
  // The generated organization uses cold storage and a governance lock: warnings, not errors.
  it('writes exactly what the app synthesizes in-process', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'org-backup-scale-'));
    const configFile = path.join(work, 'org.json');
    writeFileSync(configFile, JSON.stringify(generateOrganization(10)));
    const run = runApp({ BACKUP_CONFIG: configFile }, path.join(work, 'out'));
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.status).toBe(0);
    expect(filesOf(run.outdir)).toEqual(filesOf(small.dir));
  });
});

describe('the review report', () => {
  // What memoization saves at 10,000 accounts must never change a byte of what a reviewer reads.
  // 40 accounts in three OUs give groups of many identical stacks, what the memo serves, at a fifth
  // of the 200-account organization's review time.
  it('is the same with and without memoization: the example, 40 accounts, and the example against another organization', async () => {
    const example = synthApp();
    const grouped = synthOrganization(40);
    const reports = async () => {
      const texts: string[] = [];
      for (const args of [{ out: example.dir }, { out: grouped.dir }, { out: example.dir, base: small.dir }]) {
        const result = await runReview(args);
        texts.push(readFileSync(result.file, 'utf8'), readFileSync(result.jsonFile, 'utf8'));
      }
      return texts;
    };
    setReviewMemo(false);
    const plain = await reports().finally(() => setReviewMemo(true));
    const memoized = await reports();
    expect(plain[2]).toContain('### Exempt principals');
    expect(plain[2]).toContain('account-00039');
    plain.forEach((text, i) => expect(memoized[i]).toBe(text));
  }, 120_000);
});

/** Every file of a synth output folder, by relative path. */
function filesOf(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
  return Object.fromEntries(files.sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

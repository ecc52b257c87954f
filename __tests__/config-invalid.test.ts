/**
 * Every invalid configuration of the catalogue, through the validator the app runs: one row per
 * mistake, the line it must print (path, value, reason). The entry-point tests (config-entry.test.ts)
 * run the same rows through `npm run synth`'s main.ts.
 */
import { validateConfig } from '../envs/load';
import { configWarnings } from '../envs/rules';
import { scheduleProblem } from '../envs/schedule';
import { exampleDraft, INVALID_CASES } from './fixtures/invalid-configs';
import { problemsOf } from './support/config-draft';

describe('invalid configurations', () => {
  it('has a row for every mistake of the catalogue', () => {
    expect(INVALID_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(INVALID_CASES.map((c) => c.title)).size).toBe(INVALID_CASES.length);
  });

  it.each(INVALID_CASES.map((c) => [c.title, c] as const))('rejects %s', (_title, { change, path, reason }) => {
    const problems = problemsOf(change);
    const line = problems.find((p) => p.startsWith(`${path}:`) || p.startsWith(`${path} `));
    expect({ problems, line }).toEqual({ problems, line: expect.stringContaining(reason) });
  });

  it('reports every problem of a config at once, field and cross-field alike, one line each', () => {
    const rows = INVALID_CASES.filter((c) =>
      [
        'account id too short',
        'cron with day-of-month and day-of-week both set',
        'delete less than 90 days after cold',
        'copy kept shorter than the vault lock minimum',
        'source account listed twice',
        'compliance lock without changeableForDays',
        'misspelt lifecycle key',
        'bucket name with adjacent dots',
        'state role ARN of another partition',
      ].includes(c.title),
    );
    expect(rows).toHaveLength(9);
    const problems = problemsOf((c) => rows.forEach((row) => row.change(c)));
    expect(problems).toHaveLength(rows.length);
    for (const row of rows) {
      expect(problems.filter((p) => p.startsWith(row.path) && p.includes(row.reason))).toHaveLength(1);
    }
  });

  it('does not repeat the value in a cross-field message', () => {
    const [line] = problemsOf(INVALID_CASES.find((c) => c.title === 'source account listed twice')!.change);
    expect(line).toBe('sourceAccounts[1].accountId = "333333333333": already listed at sourceAccounts[0]; list each account once');
  });

  it('accepts the example, with warnings only for cold storage and the account without default EBS encryption', () => {
    expect(problemsOf(() => {})).toEqual([]);
    const config = validateConfig(exampleDraft());
    expect(configWarnings(config)).toEqual([
      expect.stringMatching(/^policies\[1\]\.rules\[1\]\.lifecycle\.moveToColdStorageAfterDays = 30: only the resource types marked for "Lifecycle to cold storage"/),
      expect.stringMatching(/^sourceAccounts\[3\]\.ebsDefaultEncryption = false: new EBS volumes in shared-services are encrypted with the AWS managed key aws\/ebs .* cannot copy a resource under an AWS managed key \(or a customer key not shared with the Backup account\) to another account/),
    ]);
  });

  it('warns that central copies moved to cold storage can no longer be copied back', () => {
    const draft = exampleDraft();
    draft.policies[1].rules[1].copyToBackupAccount = { moveToColdStorageAfterDays: 90, deleteAfterDays: 2555 };
    expect(configWarnings(validateConfig(draft)).filter((w) => w.includes('copyToBackupAccount'))).toEqual([
      expect.stringMatching(/^policies\[1\]\.rules\[1\]\.copyToBackupAccount\.moveToColdStorageAfterDays = 90: only the resource types/),
      expect.stringMatching(/^policies\[1\]\.rules\[1\]\.copyToBackupAccount\.moveToColdStorageAfterDays = 90: AWS Backup cannot copy a recovery point in cold storage, so after 90 days a central copy can no longer be copied back/),
    ]);
  });
});

describe('schedule expressions AWS accepts', () => {
  it.each([
    'cron(0 17 ? * * *)',
    'cron(15 * ? * * *)',
    'cron(0 5 1 * ? *)',
    'cron(0 5 L * ? *)',
    'cron(0 5 15W * ? *)',
    'cron(0 5 LW * ? *)',
    'cron(0 5 ? * 6L *)',
    'cron(0 5 ? * 3#2 *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 18 ? * FRI-MON *)',
    'cron(0 0/6 ? * * *)',
    'cron(30 */4 ? JAN,JUL * 2026-2030)',
    'cron(0 5 ? * sun *)',
    'rate(1 hour)',
    'rate(90 minutes)',
    'rate(7 days)',
  ])('%s', (expression) => {
    expect(scheduleProblem(expression)).toBeUndefined();
  });
});

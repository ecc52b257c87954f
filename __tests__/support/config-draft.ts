/** A configuration draft changed and run through the validator, for the tests of `envs/`. */
import { ConfigError, validateConfig } from '../../envs/load';
import type { OrgConfig } from '../../envs/schema';
import { exampleDraft } from '../fixtures/invalid-configs';

/** One region, one source account, one policy with one rule: valid, and nothing optional set. */
export function smallestDraft(): any {
  return {
    organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2', managementAccountId: '111111111111' },
    regions: ['eu-west-1'],
    state: { bucket: 'acme-tfstate', region: 'eu-west-1' },
    backupAccount: { accountId: '222222222222' },
    sourceAccounts: [{ accountId: '333333333333', name: 'prod' }],
    policies: [
      {
        name: 'std',
        targets: ['root'],
        selection: { tagKey: 'backup', tagValues: ['yes'] },
        rules: [{ name: 'daily', schedule: 'cron(0 17 ? * * *)', lifecycle: { deleteAfterDays: 35 }, copyToBackupAccount: { deleteAfterDays: 90 } }],
      },
    ],
  };
}

/** The problem lines of `draft` (default: the example) after `change`, in the validator's order; [] when it is accepted. Anything but a ConfigError is thrown. */
export function problemsOf(change: (c: any) => void = () => {}, draft: any = exampleDraft()): readonly string[] {
  change(draft);
  try {
    validateConfig(draft, 'test');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

/** The example after `change`, validated. */
export function configOf(change: (c: any) => void = () => {}): OrgConfig {
  const draft = exampleDraft();
  change(draft);
  return validateConfig(draft, 'test');
}

/** The line of the unrelated problem `expectSameBesideUnrelatedError` adds (a wrong tag value). */
const UNRELATED_PROBLEM = 'tags.owner = 5: expected string, got number';

/**
 * Requires `change` to give at least one problem, and the same ones beside an unrelated problem as
 * alone: a rule is kept off only by a problem at its own values. `problems` runs a change through
 * the validator on the test file's base draft.
 */
export function expectSameBesideUnrelatedError(problems: (change: (c: any) => void) => readonly string[], change: (c: any) => void): void {
  const alone = problems(change);
  const beside = problems((c) => (change(c), (c.tags = { owner: 5 })));
  expect(alone.length).toBeGreaterThan(0);
  expect(beside.filter((line) => line !== UNRELATED_PROBLEM)).toEqual(alone);
  expect(beside.length).toBe(alone.length + 1);
}

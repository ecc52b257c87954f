/**
 * envs/policy-targets.ts: which accounts get a local vault, which accounts a policy may reach
 * (each with why, in account-id order), and the rules between targets, source accounts,
 * excludedAccounts and the local vault's name, each message written out in full.
 */
import { accountsWithLocalVault, coveredAccountIds, coveredAccounts } from '../../envs/policy-targets';
import { configOf, expectSameBesideUnrelatedError, problemsOf } from '../support/config-draft';

type Draft = any;

/** Every policy attached to `targets` only. */
const attachedTo = (...targets: string[]) => (c: Draft) => c.policies.forEach((p: Draft) => (p.targets = [...targets]));
const OU = 'ou-a1b2-c3d4e5f6';
const NOT_PREPARED =
  'this account is not a source account, nor the management or Backup account, so it has no backup role or vault and every backup of the policy would fail there: add it to sourceAccounts, or attach the policy elsewhere';
const LOCAL_VAULT_CLASH = (what: string, name = 'org-central-backup') =>
  `sourceVaultName = "${name}": is also ${what}; a policy attached to the root gives the Backup account a local vault of this name, and vault names are unique in an account and region`;

describe('accountsWithLocalVault', () => {
  test('a policy on the root: both accounts', () => {
    expect(accountsWithLocalVault(configOf())).toEqual({ management: true, backup: true });
  });

  test('a policy naming one of them: that one only', () => {
    expect(accountsWithLocalVault(configOf(attachedTo(OU, '111111111111')))).toEqual({ management: true, backup: false });
    expect(accountsWithLocalVault(configOf(attachedTo(OU, '222222222222')))).toEqual({ management: false, backup: true });
  });

  test('policies on OUs and source accounts only: neither', () => {
    expect(accountsWithLocalVault(configOf(attachedTo(OU, '333333333333')))).toEqual({ management: false, backup: false });
  });
});

describe('coveredAccounts', () => {
  test('the root: every source account, the management and Backup accounts and the excluded ones, in id order', () => {
    const config = configOf((c) => (c.excludedAccounts = ['999999999999', '000000000001']));
    const entries = [
      ['000000000001', 'excluded (excludedAccounts)'],
      ['111111111111', 'the management account'],
      ['222222222222', 'the Backup account'],
      ['333333333333', 'source account workloads-prod'],
      ['444444444444', 'source account workloads-staging'],
      ['555555555555', 'source account data-prod'],
      ['666666666666', 'source account shared-services'],
      ['999999999999', 'excluded (excludedAccounts)'],
    ];
    expect(Object.entries(coveredAccounts(config))).toEqual(entries);
    expect(coveredAccountIds(config)).toEqual(entries.map(([id]) => id));
  });

  test('source accounts listed out of order come out in id order', () => {
    const config = configOf((c) => {
      c.sourceAccounts.reverse();
      attachedTo(OU)(c);
    });
    expect(coveredAccountIds(config)).toEqual(['333333333333', '444444444444', '555555555555', '666666666666']);
  });

  test('OU targets only: neither the management nor the Backup account', () => {
    const config = configOf((c) => ((c.sourceAccounts = [c.sourceAccounts[1]]), attachedTo(OU)(c)));
    expect(Object.entries(coveredAccounts(config))).toEqual([['444444444444', 'source account workloads-staging']]);
  });

  test('one of them targeted: that one only', () => {
    const config = configOf((c) => ((c.sourceAccounts = [c.sourceAccounts[0]]), attachedTo(OU, '222222222222')(c)));
    expect(Object.entries(coveredAccounts(config))).toEqual([
      ['222222222222', 'the Backup account'],
      ['333333333333', 'source account workloads-prod'],
    ]);
  });

  test('an excluded account that is also the management account is named as the management account', () => {
    const config = configOf((c) => ((c.sourceAccounts = [c.sourceAccounts[0]]), attachedTo('root')(c), (c.excludedAccounts = ['111111111111'])));
    expect(Object.entries(coveredAccounts(config))).toEqual([
      ['111111111111', 'the management account'],
      ['222222222222', 'the Backup account'],
      ['333333333333', 'source account workloads-prod'],
    ]);
  });
});

describe('excludedAccounts', () => {
  test('accounts that are none of the others are accepted', () => {
    expect(problemsOf((c) => (c.excludedAccounts = ['777777777777', '888888888888']))).toEqual([]);
  });

  test('an account listed twice names its first place', () => {
    expect(problemsOf((c) => (c.excludedAccounts = ['777777777777', '888888888888', '777777777777', '777777777777']))).toEqual([
      'excludedAccounts[2] = "777777777777": already listed at excludedAccounts[0]; list each account once',
      'excludedAccounts[3] = "777777777777": already listed at excludedAccounts[0]; list each account once',
    ]);
  });

  test('a malformed account listed twice: its own errors only', () => {
    expect(problemsOf((c) => (c.excludedAccounts = ['7777', '7777']))).toEqual([
      'excludedAccounts[0] = "7777": expected a 12-digit account id as a string',
      'excludedAccounts[1] = "7777": expected a 12-digit account id as a string',
    ]);
  });

  test('a source account', () => {
    expect(problemsOf((c) => (c.excludedAccounts = ['777777777777', '444444444444']))).toEqual([
      'excludedAccounts[1] = "444444444444": this is sourceAccounts[1] (workloads-staging), which has the backup role and vault: remove it from excludedAccounts, or from sourceAccounts to leave it out',
    ]);
  });

  test('a source account listed twice in sourceAccounts is named by its first place', () => {
    expect(problemsOf((c) => ((c.sourceAccounts[1].accountId = '333333333333'), (c.excludedAccounts = ['333333333333'])))).toEqual([
      'sourceAccounts[1].accountId = "333333333333": already listed at sourceAccounts[0]; list each account once',
      'excludedAccounts[0] = "333333333333": this is sourceAccounts[0] (workloads-prod), which has the backup role and vault: remove it from excludedAccounts, or from sourceAccounts to leave it out',
    ]);
  });

  test('not a list', () => {
    expect(problemsOf((c) => (c.excludedAccounts = 5))).toEqual(['excludedAccounts = 5: expected array, got number']);
  });

  test('a source account that is null, beside excluded accounts: its own error only', () => {
    expect(problemsOf((c) => ((c.sourceAccounts[1] = null), (c.excludedAccounts = ['777777777777'])))).toEqual(['sourceAccounts[1] = null: expected object, got null']);
  });

  test('source accounts not a list, beside excluded accounts', () => {
    expect(problemsOf((c) => ((c.sourceAccounts = 5), (c.excludedAccounts = ['777777777777'])))).toEqual(['sourceAccounts = 5: expected array, got number']);
  });
});

describe('account targets', () => {
  test('source, management and Backup accounts, the root and OUs are accepted', () => {
    expect(problemsOf((c) => (c.policies[1].targets = ['333333333333', '111111111111', '222222222222', OU]))).toEqual([]);
  });

  test('an OU id that ends in twelve digits is an OU, not an account', () => {
    expect(problemsOf((c) => (c.policies[1].targets = ['ou-a1b2-123456789012']))).toEqual([]);
  });

  test('an account that is none of them', () => {
    expect(problemsOf((c) => (c.policies[1].targets = ['555555555555', '777777777777']))).toEqual([`policies[1].targets[1] = "777777777777": ${NOT_PREPARED}`]);
  });

  test('an account written as a number: its own error only (the rule reads only targets that passed their own checks)', () => {
    expect(problemsOf((c) => (c.policies[1].targets = ['555555555555', 777777777777]))).toEqual(['policies[1].targets[1] = 777777777777: expected string, got number']);
  });

  test('an excluded account is still not prepared', () => {
    expect(problemsOf((c) => ((c.policies[0].targets = ['777777777777']), (c.excludedAccounts = ['777777777777'])))).toEqual([
      `policies[0].targets[0] = "777777777777": ${NOT_PREPARED}`,
    ]);
  });

  test('with a source account broken, no target is judged (the list proves nothing)', () => {
    expect(problemsOf((c) => ((c.sourceAccounts[3].name = 'Shared'), (c.policies[1].targets = ['777777777777'])))).toEqual([
      'sourceAccounts[3].name = "Shared": expected 1 to 49 lowercase letters, digits or hyphens, starting alphanumeric',
    ]);
  });

  test('with the management account broken, a target naming the account it meant is not judged', () => {
    expect(problemsOf((c) => ((c.organization.managementAccountId = '1111'), (c.policies[1].targets = ['111111111111'])))).toEqual([
      'organization.managementAccountId = "1111": expected a 12-digit account id as a string',
    ]);
  });

  test('with the Backup account broken, a target naming the account it meant is not judged', () => {
    expect(problemsOf((c) => ((c.backupAccount.accountId = '2222'), (c.backupAccount.breakGlassRoleArns = []), (c.policies[1].targets = ['222222222222'])))).toEqual([
      'backupAccount.accountId = "2222": expected a 12-digit account id as a string',
    ]);
  });

  test('targets not a list', () => {
    expect(problemsOf((c) => (c.policies[1].targets = 5))).toEqual(['policies[1].targets = 5: expected array, got number']);
  });

  test('policies not a list', () => {
    expect(problemsOf((c) => (c.policies = 5))).toEqual(['policies = 5: expected array, got number']);
  });
});

describe('sourceVaultName against the vaults of the Backup account', () => {
  test('the central vault name, with a policy on the root', () => {
    expect(problemsOf((c) => (c.sourceVaultName = c.backupAccount.vaultName))).toEqual([LOCAL_VAULT_CLASH('the central vault (backupAccount.vaultName)')]);
  });

  test('the air-gapped vault name, with a policy on the Backup account', () => {
    expect(
      problemsOf((c) => {
        attachedTo(OU, '222222222222')(c);
        c.backupAccount.airGappedVault = { name: c.sourceVaultName };
      }),
    ).toEqual([LOCAL_VAULT_CLASH('the air-gapped vault (backupAccount.airGappedVault.name)', 'org-local-backup')]);
  });

  test('another air-gapped vault name is accepted', () => {
    expect(problemsOf((c) => (c.backupAccount.airGappedVault = { name: 'org-vault-air-gapped' }))).toEqual([]);
  });

  test('the central vault name, where no policy reaches the Backup account, is accepted', () => {
    expect(problemsOf((c) => ((c.sourceVaultName = c.backupAccount.vaultName), attachedTo(OU, '111111111111')(c)))).toEqual([]);
  });

  test('beside a problem elsewhere, the clash is still reported', () => {
    expect(problemsOf((c) => ((c.sourceVaultName = c.backupAccount.vaultName), (c.tags = { owner: 5 })))).toEqual([
      LOCAL_VAULT_CLASH('the central vault (backupAccount.vaultName)'),
      'tags.owner = 5: expected string, got number',
    ]);
  });

  test('with the policies broken, not judged', () => {
    expect(problemsOf((c) => ((c.sourceVaultName = c.backupAccount.vaultName), (c.policies[1].rules[0].name = 'daily backup')))).toEqual([
      'policies[1].rules[0].name = "daily backup": expected 1 to 50 of letters, digits and -_.',
    ]);
  });

  test('with the Backup account id broken, not judged', () => {
    expect(problemsOf((c) => ((c.sourceVaultName = c.backupAccount.vaultName), (c.backupAccount.accountId = '2222'), (c.backupAccount.breakGlassRoleArns = [])))).toEqual([
      'backupAccount.accountId = "2222": expected a 12-digit account id as a string',
    ]);
  });

  test('with the air-gapped vault broken, not judged', () => {
    expect(problemsOf((c) => ((c.sourceVaultName = c.backupAccount.vaultName), (c.backupAccount.airGappedVault = { encryption: 'none' })))).toEqual([
      'backupAccount.airGappedVault.encryption = "none": expected one of "aws-owned", "customer-managed"',
    ]);
  });
});

describe('beside an unrelated error, each rule still reports (a rule is kept off only by a problem at its own values)', () => {
  const CASES: [string, (c: Draft) => void][] = [
    ['an excluded account twice', (c) => (c.excludedAccounts = ['777777777777', '777777777777'])],
    ['an excluded source account', (c) => (c.excludedAccounts = ['444444444444'])],
    ['an account target not prepared', (c) => (c.policies[1].targets = ['777777777777'])],
    ['the local vault named like the central one', (c) => (c.sourceVaultName = c.backupAccount.vaultName)],
  ];

  test.each(CASES)('%s', (_title, change) => expectSameBesideUnrelatedError(problemsOf, change));
});

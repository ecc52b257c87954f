import { PolicyTargetAccounts, reachCondition } from '../../modules/management/policy-reach';
import { synthConstruct } from '../support/scope';

describe('reachCondition', () => {
  const props = { policyName: 'standard', targetId: 'ou-ab12-cdef3456', accounts: 'local.accounts', coveredAccounts: 'local.covered', backupRoleName: 'OrgBackupServiceRole', vaultName: 'org-local-backup' };
  const uncovered = '[for a in local.accounts : format("%s (%s)", a.id, a.name) if coalesce(try(a.state, ""), try(a.status, ""), "ACTIVE") == "ACTIVE" && !contains(local.covered, a.id)]';

  it('fails the plan on any uncovered account, naming each, with the default remedy', () => {
    expect(reachCondition(props)).toEqual({
      condition: `\${length(${uncovered}) == 0}`,
      errorMessage:
        'Backup policy standard, attached to ou-ab12-cdef3456, reaches accounts that have neither the AWS Backup role OrgBackupServiceRole nor the vault org-local-backup, ' +
        `so every backup it schedules there would fail: \${join(", ", ${uncovered})}. Give each the role and the vault, or leave the target out.`,
    });
  });

  it('ends the message with the remedy given', () => {
    expect(reachCondition({ ...props, remedy: 'add them to accounts' }).errorMessage).toMatch(/would fail: \$\{join\(", ", \[for .*\]\)\}\. add them to accounts\.$/);
  });
});

describe('PolicyTargetAccounts', () => {
  it('refuses a target it was not given', () => {
    synthConstruct((stack, provider) => {
      const reach = new PolicyTargetAccounts(stack, 'reach', { targetIds: ['ou-ab12-cdef3456'], rootId: 'r-ab12', provider });
      expect(reach.accountsOf('ou-ab12-cdef3456')).toBe('data.aws_organizations_organizational_unit_descendant_accounts.ou-ab12-cdef3456.accounts');
      expect(() => reach.accountsOf('ou-ab12-other000')).toThrow(new Error('PolicyTargetAccounts: no accounts read for target ou-ab12-other000'));
    });
  });
});

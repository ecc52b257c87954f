import { Token } from 'cdktf';
import { CentralVault, type CentralVaultLockProps } from '../../modules/backup-account/central-vault';
import { vaultPolicyStatements } from '../support/protected-statements';
import { synthConstruct } from '../support/scope';
import { jsonAttribute, resource } from '../support/synth';

describe('CentralVault without break-glass roles', () => {
  const deploymentRoleArn = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';
  const props = {
    vaultName: 'org-central-backup',
    kmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/central',
    organizationId: 'o-a1b2c3d4e5',
    organizationRootId: 'r-a1b2',
    deploymentRoleArn,
    address: 'central_eu-west-1',
  };
  const governance: CentralVaultLockProps = { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 3650 };
  const synth = (lock: CentralVaultLockProps = governance) =>
    synthConstruct((stack, provider) => {
      new CentralVault(stack, 'v', { ...props, lock, provider });
    });
  const lockOf = (lock: CentralVaultLockProps) => resource(synth(lock), 'aws_backup_vault_lock_configuration.central_eu-west-1');
  const rejection = (lock: CentralVaultLockProps) => () => synth(lock);

  it('exempts nobody from the destruction and copy-out denies, and only the deployment role from protection changes', () => {
    expect(jsonAttribute(synth(), 'aws_backup_vault_policy.central_eu-west-1', 'policy').Statement).toEqual(vaultPolicyStatements(deploymentRoleArn));
  });

  it('gives a governance lock no grace period, even when one is given (a grace period makes it a compliance lock)', () => {
    expect(lockOf({ ...governance, changeableForDays: 5 }).changeable_for_days).toBeUndefined();
  });

  it('accepts the limits: a minimum of 1 day, a maximum of 36500 days, a maximum one day above the minimum, 3 grace days', () => {
    expect(lockOf({ mode: 'governance', minRetentionDays: 1, maxRetentionDays: 36500 })).toMatchObject({ min_retention_days: 1, max_retention_days: 36500 });
    expect(lockOf({ mode: 'governance', minRetentionDays: 7, maxRetentionDays: 8 })).toMatchObject({ min_retention_days: 7, max_retention_days: 8 });
    expect(lockOf({ mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 8, changeableForDays: 3 }).changeable_for_days).toBe(3);
  });

  it('leaves bounds known only at plan time to AWS', () => {
    const min = Token.asNumber('${var.min}');
    const max = Token.asNumber('${var.max}');
    expect(lockOf({ mode: 'governance', minRetentionDays: min, maxRetentionDays: 3650 })).toMatchObject({ min_retention_days: '${var.min}', max_retention_days: 3650 });
    expect(lockOf({ mode: 'governance', minRetentionDays: 7, maxRetentionDays: max })).toMatchObject({ min_retention_days: 7, max_retention_days: '${var.max}' });
    expect(lockOf({ mode: 'compliance', minRetentionDays: min, maxRetentionDays: max, changeableForDays: Token.asNumber('${var.grace}') }).changeable_for_days).toBe(
      '${var.grace}',
    );
  });

  it.each<[CentralVaultLockProps, string]>([
    [{ mode: 'governance', minRetentionDays: 0, maxRetentionDays: 10 }, 'minRetentionDays is 0; allowed: at least 1'],
    [{ mode: 'governance', minRetentionDays: 1, maxRetentionDays: 36501 }, 'maxRetentionDays is 36501; allowed: at most 36500'],
    [{ mode: 'governance', minRetentionDays: 10, maxRetentionDays: 10 }, 'maxRetentionDays (10) must be greater than minRetentionDays (10)'],
    [{ mode: 'compliance', minRetentionDays: 1, maxRetentionDays: 10, changeableForDays: 2 }, 'compliance mode needs changeableForDays of at least 3; given 2'],
    [{ mode: 'compliance', minRetentionDays: 1, maxRetentionDays: 10 }, 'compliance mode needs changeableForDays of at least 3; given none'],
  ])('rejects the lock %j', (lock, problem) => {
    expect(rejection(lock)).toThrow(new Error(`CentralVault central_eu-west-1: ${problem}`));
  });

  it('reports every problem of the lock at once', () => {
    expect(rejection({ mode: 'compliance', minRetentionDays: 0, maxRetentionDays: 0, changeableForDays: 1 })).toThrow(
      new Error(
        'CentralVault central_eu-west-1: minRetentionDays is 0; allowed: at least 1; maxRetentionDays (0) must be greater than minRetentionDays (0); ' +
          'compliance mode needs changeableForDays of at least 3; given 1',
      ),
    );
  });
});

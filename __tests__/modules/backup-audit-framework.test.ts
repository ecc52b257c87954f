import { backupAccountControls } from '../../modules/shared/backup-audit-framework';

describe('backupAccountControls', () => {
  const options = { backupAccountId: '222222222222', minRetentionDays: 35, recoveryPointMaxAgeHours: 25 };
  const manualDeletion = (arns: string[]) => backupAccountControls({ ...options, deletionPrincipalArns: arns }).find((c) => c.name === 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED');
  const arn = (i: number) => `arn:aws:iam::222222222222:role/break-glass-${i}`;

  it('promises encrypted copies kept long enough', () => {
    expect(backupAccountControls({ ...options, deletionPrincipalArns: [] }).slice(0, 2)).toEqual([
      { name: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
      { name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', parameters: { requiredRetentionDays: '35' } },
    ]);
  });

  it('checks manual deletion with no exempt principal when none is given', () => {
    expect(manualDeletion([])).toEqual({ name: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', parameters: {} });
  });

  it('exempts the given principals as one comma-separated list (CSV, AWS Config rule parameter principalArnList), at most the first 5', () => {
    expect(manualDeletion([arn(1)])?.parameters).toEqual({ principalArnList: arn(1) });
    expect(manualDeletion([1, 2, 3, 4, 5, 6].map(arn))?.parameters).toEqual({ principalArnList: [1, 2, 3, 4, 5].map(arn).join(',') });
  });
});

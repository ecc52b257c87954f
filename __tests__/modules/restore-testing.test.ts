import { Fn, Token } from 'cdktf';
import { RestoreTesting, restoreTestingManagedPolicies, type RestoreTestingProps } from '../../modules/backup-account/restore-testing';
import { synthConstruct } from '../support/scope';
import { resource } from '../support/synth';

describe('restoreTestingManagedPolicies', () => {
  it("is AWS Backup's restore policy alone when S3 is not restored", () => {
    expect(restoreTestingManagedPolicies(['EBS', 'RDS'])).toEqual(['service-role/AWSBackupServiceRolePolicyForRestores']);
    expect(restoreTestingManagedPolicies([])).toEqual(['service-role/AWSBackupServiceRolePolicyForRestores']);
  });

  it("adds S3's own restore policy when S3 is restored", () => {
    expect(restoreTestingManagedPolicies(['EBS', 'S3'])).toEqual([
      'service-role/AWSBackupServiceRolePolicyForRestores',
      'AWSBackupServiceRolePolicyForS3Restore',
    ]);
  });
});

describe('RestoreTesting', () => {
  const base = {
    planName: 'org_backup_restore_test',
    schedule: 'cron(0 5 ? * SAT *)',
    vaultArns: ['arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup'],
    resourceTypes: ['EBS'] as RestoreTestingProps['resourceTypes'],
    roleArn: 'arn:aws:iam::222222222222:role/OrgBackupRestoreTesting',
    address: 'central_eu-west-1',
  };
  type Overrides = Partial<Omit<RestoreTestingProps, 'provider'>>;
  const synth = (overrides: Overrides = {}) =>
    synthConstruct((stack, provider) => {
      new RestoreTesting(stack, 'r', { ...base, ...overrides, provider });
    });
  const plan = (overrides: Overrides = {}) => resource(synth(overrides), 'aws_backup_restore_testing_plan.central_eu-west-1');
  const rejection = (overrides: Overrides) => () => synth(overrides);

  it('restores the latest snapshot of the last 7 days, starting within 24 hours, by default', () => {
    const body = plan();
    expect(body.name).toBe('org_backup_restore_test');
    expect(body.schedule_expression).toBe('cron(0 5 ? * SAT *)');
    expect(body.start_window_hours).toBe(24);
    expect(body.recovery_point_selection).toEqual([
      {
        algorithm: 'LATEST_WITHIN_WINDOW',
        include_vaults: ['arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup'],
        recovery_point_types: ['SNAPSHOT'],
        selection_window_days: 7,
      },
    ]);
  });

  it('takes the given windows and algorithms', () => {
    const random = plan({ recoveryPoint: 'random', selectionWindowDays: 30, startWindowHours: 5 });
    expect(random.start_window_hours).toBe(5);
    expect(random.recovery_point_selection).toEqual([expect.objectContaining({ algorithm: 'RANDOM_WITHIN_WINDOW', selection_window_days: 30 })]);
    expect(plan({ recoveryPoint: 'latest' }).recovery_point_selection).toEqual([expect.objectContaining({ algorithm: 'LATEST_WITHIN_WINDOW' })]);
  });

  it('selects every resource of each type, restored with the given role', () => {
    const json = synth({ resourceTypes: ['EBS', 'S3'] });
    expect(resource(json, 'aws_backup_restore_testing_selection.central_eu-west-1_s3')).toMatchObject({
      name: 's3',
      restore_testing_plan_name: '${aws_backup_restore_testing_plan.central_eu-west-1.name}',
      protected_resource_type: 'S3',
      protected_resource_arns: ['*'],
      iam_role_arn: 'arn:aws:iam::222222222222:role/OrgBackupRestoreTesting',
    });
    expect(resource(json, 'aws_backup_restore_testing_selection.central_eu-west-1_ebs').protected_resource_type).toBe('EBS');
  });

  it('accepts the limits: a 50-character plan name, windows of 1 and of 365 days, 1 and 168 hours', () => {
    expect(plan({ planName: 'a'.repeat(50) }).name).toBe('a'.repeat(50));
    expect(plan({ planName: 'A_1' }).name).toBe('A_1');
    const low = plan({ selectionWindowDays: 1, startWindowHours: 1 });
    expect([low.start_window_hours, (low.recovery_point_selection as Array<Record<string, unknown>>)[0].selection_window_days]).toEqual([1, 1]);
    const high = plan({ selectionWindowDays: 365, startWindowHours: 168 });
    expect([high.start_window_hours, (high.recovery_point_selection as Array<Record<string, unknown>>)[0].selection_window_days]).toEqual([168, 365]);
  });

  it('leaves values known only at plan time to AWS', () => {
    const body = plan({
      planName: Fn.lower('Org_Restore_Test'),
      selectionWindowDays: Token.asNumber('${var.window}'),
      startWindowHours: Token.asNumber('${var.start}'),
    });
    expect(body.name).toBe('${lower("Org_Restore_Test")}');
    expect(body.start_window_hours).toBe('${var.start}');
    expect((body.recovery_point_selection as Array<Record<string, unknown>>)[0].selection_window_days).toBe('${var.window}');
  });

  it.each([
    [{ planName: 'a'.repeat(51) }, `planName "${'a'.repeat(51)}": allowed: 1 to 50 letters, digits and underscores`],
    [{ planName: '' }, 'planName "": allowed: 1 to 50 letters, digits and underscores'],
    [{ planName: 'org-backup' }, 'planName "org-backup": allowed: 1 to 50 letters, digits and underscores'],
    [{ selectionWindowDays: 0 }, 'selectionWindowDays is 0; allowed: 1 to 365'],
    [{ selectionWindowDays: 366 }, 'selectionWindowDays is 366; allowed: 1 to 365'],
    [{ startWindowHours: 0 }, 'startWindowHours is 0; allowed: 1 to 168'],
    [{ startWindowHours: 169 }, 'startWindowHours is 169; allowed: 1 to 168'],
    [{ vaultArns: [] }, 'no vault to test restores from'],
    [{ resourceTypes: [] }, 'no resource type to test'],
  ])('rejects %j', (overrides, problem) => {
    expect(rejection(overrides as Overrides)).toThrow(new Error(`RestoreTesting central_eu-west-1: ${problem}`));
  });

  it('reports every problem at once', () => {
    expect(rejection({ planName: 'x-y', selectionWindowDays: 0, startWindowHours: 0, vaultArns: [], resourceTypes: [] })).toThrow(
      new Error(
        'RestoreTesting central_eu-west-1: planName "x-y": allowed: 1 to 50 letters, digits and underscores; selectionWindowDays is 0; allowed: 1 to 365; ' +
          'startWindowHours is 0; allowed: 1 to 168; no vault to test restores from; no resource type to test',
      ),
    );
  });
});

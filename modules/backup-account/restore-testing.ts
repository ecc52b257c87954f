import { BackupRestoreTestingPlan } from '@cdktf/provider-aws/lib/backup-restore-testing-plan';
import { BackupRestoreTestingSelection } from '@cdktf/provider-aws/lib/backup-restore-testing-selection';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { attachManagedPolicies, serviceTrustPolicy } from '../shared/service-role';
import type { RestoreTestingResourceType } from './facts';


/** Restore testing plan and selection names: letters, digits and underscores, at most 50 (AWS Backup API). */
const RESTORE_TESTING_NAME = /^[0-9A-Za-z_]{1,50}$/;

/**
 * The AWS managed policies of the restore testing role, by path under `arn:<partition>:iam::aws:policy/`:
 * AWS Backup's restore permissions, and S3's own, which the first does not cover.
 */
export function restoreTestingManagedPolicies(resourceTypes: readonly string[]): string[] {
  return ['service-role/AWSBackupServiceRolePolicyForRestores', ...(resourceTypes.includes('S3') ? ['AWSBackupServiceRolePolicyForS3Restore'] : [])];
}

export interface RestoreTestingRoleProps {
  readonly partition: string;
  readonly roleName: string;
  /** The types restored: S3 needs its own managed policy. */
  readonly resourceTypes: readonly string[];
  readonly provider: TerraformProvider;
}

/**
 * The role AWS Backup assumes to run restore tests in the Backup account: trusted by AWS Backup
 * only, with AWS's restore policies and nothing to back up, copy or delete recovery points with.
 */
export class RestoreTestingRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: RestoreTestingRoleProps) {
    super(scope, id);
    this.role = pinAddress(
      new IamRole(this, 'role', {
        provider: props.provider,
        name: props.roleName,
        description: 'Assumed by AWS Backup to run restore tests of the central and air-gapped vaults',
        assumeRolePolicy: serviceTrustPolicy('AwsBackupOnly', 'backup.amazonaws.com'),
      }),
      'restore_testing',
    );
    attachManagedPolicies(this, {
      roleName: this.role.name,
      partition: props.partition,
      paths: restoreTestingManagedPolicies(props.resourceTypes),
      addressPrefix: 'restore_testing',
      provider: props.provider,
    });
  }
}

export interface RestoreTestingProps {
  /** Plan name: letters, digits and underscores, at most 50. */
  readonly planName: string;
  /** AWS cron expression (UTC). */
  readonly schedule: string;
  /** The vaults whose recovery points are restored. */
  readonly vaultArns: readonly string[];
  /** One selection per type. */
  readonly resourceTypes: readonly RestoreTestingResourceType[];
  /** @default 'latest' */
  readonly recoveryPoint?: 'latest' | 'random';
  /** Recovery points of this many recent days are eligible (1 to 365). @default 7 */
  readonly selectionWindowDays?: number;
  /** Hours within which a test must start (1 to 168). @default 24 */
  readonly startWindowHours?: number;
  /** The role AWS Backup restores with. */
  readonly roleArn: string;
  /** Logical id, e.g. `central_eu-west-1`; selections are `<address>_<type>`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * A restore testing plan of one region: on the schedule, AWS Backup restores a recovery point of
 * each selected type from the given vaults, so that a backup that does not restore is found before
 * it is needed. The restored resources are deleted again by AWS Backup after the test.
 */
export class RestoreTesting extends Construct {
  readonly plan: BackupRestoreTestingPlan;
  readonly selections: BackupRestoreTestingSelection[];

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    validate(props);
    this.plan = pinAddress(
      new BackupRestoreTestingPlan(this, 'plan', {
        provider: props.provider,
        name: props.planName,
        scheduleExpression: props.schedule,
        startWindowHours: props.startWindowHours ?? 24,
        recoveryPointSelection: [
          {
            algorithm: props.recoveryPoint === 'random' ? 'RANDOM_WITHIN_WINDOW' : 'LATEST_WITHIN_WINDOW',
            includeVaults: [...props.vaultArns],
            // Cross-account copies of continuous backups arrive as snapshots.
            recoveryPointTypes: ['SNAPSHOT'],
            selectionWindowDays: props.selectionWindowDays ?? 7,
          },
        ],
      }),
      props.address,
    );
    const planName = this.plan.name;
    this.selections = props.resourceTypes.map((type) =>
      pinAddress(
        new BackupRestoreTestingSelection(this, `selection-${type}`, {
          provider: props.provider,
          name: type.toLowerCase(),
          restoreTestingPlanName: planName,
          protectedResourceType: type,
          protectedResourceArns: ['*'],
          iamRoleArn: props.roleArn,
        }),
        `${props.address}_${type.toLowerCase()}`,
      ),
    );
  }
}

function validate(props: RestoreTestingProps): void {
  const problems: string[] = [];
  if (!Token.isUnresolved(props.planName) && !RESTORE_TESTING_NAME.test(props.planName)) {
    problems.push(`planName "${props.planName}": allowed: 1 to 50 letters, digits and underscores`);
  }
  const window = props.selectionWindowDays;
  if (window !== undefined && !Token.isUnresolved(window) && (window < 1 || window > 365)) problems.push(`selectionWindowDays is ${window}; allowed: 1 to 365`);
  const start = props.startWindowHours;
  if (start !== undefined && !Token.isUnresolved(start) && (start < 1 || start > 168)) problems.push(`startWindowHours is ${start}; allowed: 1 to 168`);
  if (props.vaultArns.length === 0) problems.push('no vault to test restores from');
  if (props.resourceTypes.length === 0) problems.push('no resource type to test');
  if (problems.length > 0) throw new Error(`RestoreTesting ${props.address}: ${problems.join('; ')}`);
}

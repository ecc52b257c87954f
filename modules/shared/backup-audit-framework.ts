import { BackupFramework } from '@cdktf/provider-aws/lib/backup-framework';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from './address';

/** A Backup Audit Manager control by its API name, with its input parameters (AWS Backup developer guide, "Creating frameworks using the AWS Backup API"). */
export interface AuditControl {
  readonly name: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface AuditControlOptions {
  /** The Backup account: copies must reach it. */
  readonly backupAccountId: string;
  /** `requiredRetentionDays` of the retention controls. */
  readonly minRetentionDays: number;
  /** The last recovery point must be at most this many hours old. */
  readonly recoveryPointMaxAgeHours: number;
  /** The roles allowed to delete recovery points by hand (at most 5). */
  readonly deletionPrincipalArns: readonly string[];
}

/** What this project promises of a source account: protected by a plan, copied to the Backup account, recent, encrypted, kept long enough. */
export function sourceAccountControls(o: AuditControlOptions): AuditControl[] {
  return [
    { name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN' },
    { name: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT', parameters: { crossAccountList: o.backupAccountId } },
    { name: 'BACKUP_LAST_RECOVERY_POINT_CREATED', parameters: { recoveryPointAgeUnit: 'hours', recoveryPointAgeValue: String(o.recoveryPointMaxAgeHours) } },
    { name: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
    { name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', parameters: { requiredRetentionDays: String(o.minRetentionDays) } },
  ];
}

/** What this project promises of the central copies: encrypted, kept long enough, not deletable by hand except by break-glass. */
export function backupAccountControls(o: AuditControlOptions): AuditControl[] {
  return [
    { name: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
    { name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', parameters: { requiredRetentionDays: String(o.minRetentionDays) } },
    {
      name: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
      parameters: o.deletionPrincipalArns.length > 0 ? { principalArnList: o.deletionPrincipalArns.slice(0, 5).join(',') } : {},
    },
  ];
}

export interface BackupAuditFrameworkProps {
  /** Letters, digits and underscores, starting with a letter. */
  readonly frameworkName: string;
  readonly description: string;
  readonly controls: readonly AuditControl[];
  readonly address: string;
  readonly provider: TerraformProvider;
}

/** A Backup Audit Manager framework (its controls are AWS Config rules: AWS Config must record in the account and region). */
export class BackupAuditFramework extends Construct {
  readonly framework: BackupFramework;

  constructor(scope: Construct, id: string, props: BackupAuditFrameworkProps) {
    super(scope, id);
    this.framework = pinAddress(
      new BackupFramework(this, 'framework', {
        provider: props.provider,
        name: props.frameworkName,
        description: props.description,
        control: props.controls.map((control) => ({
          name: control.name,
          inputParameter: Object.entries(control.parameters ?? {}).map(([name, value]) => ({ name, value })),
        })),
      }),
      props.address,
    );
  }
}

/**
 * The optional service control policy (`protectBackupsScp: true`) that keeps everyone in member
 * accounts, administrators included, off the backup machinery this project creates: the vaults
 * (by name), the AWS Backup role (by name) and the backup keys (by alias). Only the deployment role
 * (Terraform), the AWS Backup role and the break-glass roles are exempt.
 *
 * It also keeps member accounts in the organization: an account that leaves it loses the backup
 * plans of the organization's backup policies (AWS also recommends denying LeaveOrganization to
 * accounts that hold copies).
 *
 * What it leaves alone, on purpose: AWS Backup itself (it works through the backup role, exempt, and
 * through its service-linked role, which SCPs never restrict); every other vault, role and key;
 * the management account (SCPs do not apply to it); recovery points in the local vaults (their ARNs
 * do not name the vault, so they cannot be scoped to this project's vaults; the protected copy is the
 * central one).
 */
import type { PolicyDocument, PolicyStatement } from '../shared/policy-document';
import { policyDocument } from '../shared/policy-document';

/** AWS rejects a service control policy longer than this many characters. */
export const SCP_MAX_CHARACTERS = 5120;

/** Creating, deleting or re-policying a vault, or adding, changing or lifting its lock. */
export const SCP_VAULT_ACTIONS = [
  'backup:CreateBackupVault',
  'backup:DeleteBackupVault',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
];
/** Everything that replaces, removes or re-permissions a role (AWS Control Tower protects its backup role the same way). */
export const SCP_ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
];
/** Destroying a key, or changing its policy or rotation. */
export const SCP_KEY_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:DisableKeyRotation'];
/** Moving or removing an alias would take the key out of the alias-scoped statement above. */
export const SCP_ALIAS_ACTIONS = ['kms:DeleteAlias', 'kms:UpdateAlias'];

/**
 * Sharing an EBS or RDS snapshot with another account. Vault access policies govern AWS Backup's API
 * only; these EC2 and RDS calls would share the Backup account's copies past them.
 */
export const SCP_SNAPSHOT_SHARING_ACTIONS = ['ec2:ModifySnapshotAttribute', 'rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'];

/**
 * AWS Backup's account settings: which resource types tag-based policies back up in a region (and
 * whether DynamoDB and EFS are fully managed), and the account-wide settings. A member admin who
 * opts a type out stops its backups and copies without touching a vault.
 */
export const SCP_BACKUP_SETTINGS_ACTIONS = ['backup:UpdateRegionSettings', 'backup:UpdateGlobalSettings'];

/** Leaving the organization detaches every backup policy from the account. */
export const SCP_ORGANIZATION_ACTIONS = ['organizations:LeaveOrganization'];

export interface BackupProtectionScpProps {
  readonly partition: string;
  /** Every vault name this project creates (source and central). */
  readonly vaultNames: readonly string[];
  /** The AWS Backup role in every member account. */
  readonly backupRoleName: string;
  /** The roles Terraform assumes in member accounts (each name is exempt in every account). */
  readonly deploymentRoleNames: readonly string[];
  /** Aliases (without `alias/`) of every key this project creates. */
  readonly keyAliases: readonly string[];
  /** The Backup account, where nobody but break-glass and AWS Backup may share snapshots. */
  readonly backupAccountId: string;
  /** Also exempt (full ARNs). @default [] */
  readonly breakGlassRoleArns?: readonly string[];
}

export function buildBackupProtectionScp(props: BackupProtectionScpProps): PolicyDocument {
  const { partition } = props;
  const deploymentRolePatterns = [...new Set(props.deploymentRoleNames)].map((name) => `arn:${partition}:iam::*:role/${name}`);
  const exempt = {
    ArnNotLike: {
      'aws:PrincipalArn': [
        ...deploymentRolePatterns,
        `arn:${partition}:iam::*:role/${props.backupRoleName}`,
        ...(props.breakGlassRoleArns ?? []),
      ],
    },
  };
  const unique = (values: readonly string[]) => [...new Set(values)];
  const statements: PolicyStatement[] = [
    {
      Sid: 'ProtectBackupVaults',
      Effect: 'Deny',
      Action: SCP_VAULT_ACTIONS,
      Resource: unique(props.vaultNames).map((name) => `arn:${partition}:backup:*:*:backup-vault:${name}`),
      Condition: exempt,
    },
    {
      Sid: 'ProtectBackupRole',
      Effect: 'Deny',
      Action: SCP_ROLE_ACTIONS,
      Resource: `arn:${partition}:iam::*:role/${props.backupRoleName}`,
      Condition: exempt,
    },
    {
      // The roles exempt from these denies must not be re-trusted, re-permissioned or (for a
      // break-glass role not created yet) created by an account's administrators: whoever could do
      // that would inherit the exemption. Only the deployment role may change them.
      Sid: 'ProtectExemptRoles',
      Effect: 'Deny',
      Action: SCP_ROLE_ACTIONS,
      Resource: unique([...deploymentRolePatterns, ...(props.breakGlassRoleArns ?? [])]),
      Condition: { ArnNotLike: { 'aws:PrincipalArn': deploymentRolePatterns } },
    },
    {
      Sid: 'ProtectBackupKeys',
      Effect: 'Deny',
      Action: SCP_KEY_ACTIONS,
      Resource: '*',
      Condition: { ...exempt, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': unique(props.keyAliases).map((a) => `alias/${a}`) } },
    },
    {
      Sid: 'ProtectBackupKeyAliases',
      Effect: 'Deny',
      Action: SCP_ALIAS_ACTIONS,
      Resource: unique(props.keyAliases).map((a) => `arn:${partition}:kms:*:*:alias/${a}`),
      Condition: exempt,
    },
    {
      // Every principal of the Backup account but break-glass, the deployment role included. The
      // AWS Backup role stays exempt: AWSBackupServiceRolePolicyForBackup grants it exactly these
      // actions (on snapshots AWS Backup made) for cross-account copies, and nobody can re-trust or
      // re-permission it (ProtectBackupRole). AWS Backup's service-linked role is never bound by an
      // SCP. EBS snapshot ARNs carry no account id, hence the principal-account condition.
      Sid: 'ProtectBackupAccountSnapshots',
      Effect: 'Deny',
      Action: SCP_SNAPSHOT_SHARING_ACTIONS,
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalAccount': props.backupAccountId },
        ArnNotLike: { 'aws:PrincipalArn': [`arn:${partition}:iam::${props.backupAccountId}:role/${props.backupRoleName}`, ...(props.breakGlassRoleArns ?? [])] },
      },
    },
    {
      // Set by Terraform (aws_backup_region_settings) with the deployment role; break-glass may too.
      Sid: 'ProtectBackupSettings',
      Effect: 'Deny',
      Action: SCP_BACKUP_SETTINGS_ACTIONS,
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': unique([...deploymentRolePatterns, ...(props.breakGlassRoleArns ?? [])]) } },
    },
    {
      Sid: 'StayInTheOrganization',
      Effect: 'Deny',
      Action: SCP_ORGANIZATION_ACTIONS,
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': deploymentRolePatterns } },
    },
  ];
  const document = policyDocument(statements);
  const size = JSON.stringify(document).length;
  if (size > SCP_MAX_CHARACTERS) {
    throw new Error(`backup protection SCP: ${size} characters; AWS allows at most ${SCP_MAX_CHARACTERS} (fewer break-glass roles shorten it)`);
  }
  return document;
}

/**
 * Security properties of SPEC section 6, proven by evaluating the policies exactly as synthesized for
 * the example environment (read back from cdk.tf.json), request by request, with an IAM policy
 * evaluator. Identity policies are the worst case for a "cannot" (AdministratorAccess: `*` on `*`)
 * and, for AWS Backup's own role, the AWS managed policy this project attaches.
 */
import { exampleConfig, synthApp } from '../support/synth';
import {
  ADMINISTRATOR_ACCESS,
  BACKUP_ROLE_COPY_STATEMENTS,
  role,
  synthesizedPolicy,
} from '../support/policy-evaluation';
import { Scenarios } from '../support/scenarios';

const config = exampleConfig();
const out = synthApp(config);
const ORG = config.organization.id;
const BACKUP = config.backupAccount.accountId;
const SOURCE = config.sourceAccounts[0]; // workloads-prod, 333333333333
const OTHER_SOURCE = config.sourceAccounts[1]; // workloads-staging, 444444444444
const BREAK_GLASS_ARN = config.backupAccount.breakGlassRoleArns[0];
const ORG_PATH = `${ORG}/${config.organization.rootId}/ou-a1b2-c3d4e5f6/`;

// Principals: who asks.
const sourceAdmin = role(`arn:aws:iam::${SOURCE.accountId}:role/Admin`, ADMINISTRATOR_ACCESS, ORG);
const otherSourceAdmin = role(`arn:aws:iam::${OTHER_SOURCE.accountId}:role/Admin`, ADMINISTRATOR_ACCESS, ORG);
const sourceBackupRole = role(`arn:aws:iam::${SOURCE.accountId}:role/${config.backupRoleName}`, BACKUP_ROLE_COPY_STATEMENTS, ORG);
const outsider = role('arn:aws:iam::999999999999:role/Admin', ADMINISTRATOR_ACCESS, 'o-zzzzzzzzzz');
const backupAdmin = role(`arn:aws:iam::${BACKUP}:role/Admin`, ADMINISTRATOR_ACCESS, ORG);
const backupCopier = role(`arn:aws:iam::${BACKUP}:role/service-role/AWSBackupDefaultServiceRole`, BACKUP_ROLE_COPY_STATEMENTS, ORG);
const breakGlass = role(BREAK_GLASS_ARN, ADMINISTRATOR_ACCESS, ORG);
const deployment = role(`arn:aws:iam::${BACKUP}:role/${config.deploymentRoleName}`, ADMINISTRATOR_ACCESS, ORG);

it("the source accounts' backup role has the AWS managed policy whose copy statements the scenarios use", () => {
  expect(out.stacks[`source-${SOURCE.name}`].resource?.aws_iam_role_policy_attachment?.backup_AWSBackupServiceRolePolicyForBackup).toMatchObject({
    policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
    role: '${aws_iam_role.backup.name}',
  });
});

describe.each(config.regions)('security properties in %s, evaluated on the synthesized policies', (region) => {
  const backupStack = out.stacks['backup-account'];
  const sourceStack = out.stacks[`source-${SOURCE.name}`];
  const centralVaultPolicy = synthesizedPolicy(backupStack, 'aws_backup_vault_policy', `central_${region}`, 'policy');
  const centralKeyPolicy = synthesizedPolicy(backupStack, 'aws_kms_key', `central_${region}`, 'policy');
  const sourceVaultPolicy = synthesizedPolicy(sourceStack, 'aws_backup_vault_policy', `local_${region}`, 'policy');
  const sourceKeyPolicy = synthesizedPolicy(sourceStack, 'aws_kms_key', `backup_${region}`, 'policy');

  const centralVault = `arn:aws:backup:${region}:${BACKUP}:backup-vault:${config.backupAccount.vaultName}`;
  const centralRecoveryPoint = `arn:aws:backup:${region}:${BACKUP}:recovery-point:8f5d0c1e-5a8b-4c1f-9d0e-2b3c4d5e6f70`;
  const centralKey = `arn:aws:kms:${region}:${BACKUP}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const sourceVault = `arn:aws:backup:${region}:${SOURCE.accountId}:backup-vault:${config.sourceVaultName}`;
  const sourceKey = `arn:aws:kms:${region}:${SOURCE.accountId}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
  const viaBackup = { 'kms:ViaService': `backup.${region}.amazonaws.com` };
  const onVault = { resource: centralVault, resourcePolicy: centralVaultPolicy };
  const onRecoveryPoint = { resource: centralRecoveryPoint, resourcePolicy: centralVaultPolicy };
  const onCentralKey = { resource: centralKey, resourcePolicy: centralKeyPolicy };
  const onSourceKey = { resource: sourceKey, resourcePolicy: sourceKeyPolicy };
  const s = new Scenarios('resource');

  describe('a source-account administrator cannot destroy or shorten a central recovery point; the break-glass role can', () => {
    s.cannot('source admin deletes a central recovery point', { caller: sourceAdmin, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint }, 'ExplicitlyDenied');
    s.can('break-glass role deletes a central recovery point', { caller: breakGlass, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint });
    s.cannot('source admin shortens the lifecycle of a central recovery point', { caller: sourceAdmin, action: 'backup:UpdateRecoveryPointLifecycle', ...onRecoveryPoint }, 'ExplicitlyDenied');
    s.can('break-glass role changes the lifecycle of a central recovery point', { caller: breakGlass, action: 'backup:UpdateRecoveryPointLifecycle', ...onRecoveryPoint });
  });

  describe('even an administrator of the Backup account cannot delete central recovery points or the vault', () => {
    s.cannot('Backup-account admin deletes a central recovery point', { caller: backupAdmin, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin deletes the central vault', { caller: backupAdmin, action: 'backup:DeleteBackupVault', ...onVault }, 'ExplicitlyDenied');
    s.can('break-glass role deletes the central vault', { caller: breakGlass, action: 'backup:DeleteBackupVault', ...onVault });
  });

  describe('a source-account administrator cannot re-policy or unlock the central vault; the deployment role can re-policy it', () => {
    s.cannot('source admin deletes the central vault', { caller: sourceAdmin, action: 'backup:DeleteBackupVault', ...onVault }, 'ExplicitlyDenied');
    s.cannot('source admin replaces the central vault access policy', { caller: sourceAdmin, action: 'backup:PutBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.cannot('source admin deletes the central vault access policy', { caller: sourceAdmin, action: 'backup:DeleteBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.cannot('source admin removes the central vault lock', { caller: sourceAdmin, action: 'backup:DeleteBackupVaultLockConfiguration', ...onVault }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin replaces the central vault access policy', { caller: backupAdmin, action: 'backup:PutBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.can('deployment role (Terraform) updates the central vault access policy', { caller: deployment, action: 'backup:PutBackupVaultAccessPolicy', ...onVault });
    s.can('break-glass role removes the central vault lock', { caller: breakGlass, action: 'backup:DeleteBackupVaultLockConfiguration', ...onVault });
  });

  describe('only principals of the organization can copy into the central vault', () => {
    s.cannot('a principal of another organization copies into the central vault', { caller: outsider, action: 'backup:CopyIntoBackupVault', ...onVault }, 'ImplicitlyDenied');
    s.can("a source account's AWS Backup role copies into the central vault", { caller: sourceBackupRole, action: 'backup:CopyIntoBackupVault', ...onVault });
  });

  describe("a source account cannot read or copy out the central vault's recovery points; the Backup account can copy back inside the organization", () => {
    s.cannot('source admin reads a central recovery point', { caller: otherSourceAdmin, action: 'backup:DescribeRecoveryPoint', ...onRecoveryPoint }, 'ImplicitlyDenied');
    s.cannot('source admin restores from a central recovery point', { caller: otherSourceAdmin, action: 'backup:StartRestoreJob', ...onRecoveryPoint }, 'ImplicitlyDenied');
    s.can('Backup-account admin reads a central recovery point', { caller: backupAdmin, action: 'backup:DescribeRecoveryPoint', ...onRecoveryPoint });
    const copyBack = { 'backup:CopyTargets': [sourceVault], 'backup:CopyTargetOrgPaths': [ORG_PATH] };
    s.cannot('source admin copies a central recovery point out to its own vault', { caller: otherSourceAdmin, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyBack }, 'ImplicitlyDenied');
    s.can('the Backup account copies a central recovery point back to a source vault', { caller: backupCopier, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyBack });
    const copyAway = { 'backup:CopyTargets': ['arn:aws:backup:eu-west-1:999999999999:backup-vault:exfil'], 'backup:CopyTargetOrgPaths': ['o-zzzzzzzzzz/r-zzzz/'] };
    s.cannot('Backup-account admin copies a central recovery point to a vault outside the organization', { caller: backupAdmin, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyAway }, 'ExplicitlyDenied');
    s.can('break-glass role copies a central recovery point out of the organization (emergency exit)', { caller: breakGlass, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyAway });
  });

  describe('no source account can disable, delete or re-policy the central key; the break-glass and deployment roles can', () => {
    s.cannot('source admin schedules deletion of the central key', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('source admin disables the central key', { caller: sourceAdmin, action: 'kms:DisableKey', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('source admin replaces the central key policy', { caller: sourceAdmin, action: 'kms:PutKeyPolicy', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin schedules deletion of the central key', { caller: backupAdmin, action: 'kms:ScheduleKeyDeletion', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin disables the central key', { caller: backupAdmin, action: 'kms:DisableKey', ...onCentralKey }, 'ExplicitlyDenied');
    s.can('break-glass role schedules deletion of the central key (30-day window)', { caller: breakGlass, action: 'kms:ScheduleKeyDeletion', ...onCentralKey });
    s.can('break-glass role disables the central key', { caller: breakGlass, action: 'kms:DisableKey', ...onCentralKey });
    s.can('deployment role updates the central key policy (so KMS accepts the policy at all)', { caller: deployment, action: 'kms:PutKeyPolicy', ...onCentralKey });
  });

  describe('source accounts use the central key only through AWS Backup, and grant only for AWS resources', () => {
    s.cannot('source admin uses the central key directly', { caller: sourceAdmin, action: 'kms:GenerateDataKey', ...onCentralKey }, 'ImplicitlyDenied');
    s.cannot('a principal of another organization uses the central key through AWS Backup', { caller: outsider, action: 'kms:GenerateDataKey', ...onCentralKey, context: viaBackup }, 'ImplicitlyDenied');
    s.can('source admin uses the central key through AWS Backup', { caller: sourceAdmin, action: 'kms:GenerateDataKey', ...onCentralKey, context: viaBackup });
    s.cannot('source admin creates a grant on the central key for a non-AWS resource', {
      caller: sourceAdmin, action: 'kms:CreateGrant', ...onCentralKey, context: { ...viaBackup, 'kms:GrantIsForAWSResource': 'false' },
    }, 'ImplicitlyDenied');
    s.can('source admin creates a grant on the central key for an AWS resource, through AWS Backup', {
      caller: sourceAdmin, action: 'kms:CreateGrant', ...onCentralKey, context: { ...viaBackup, 'kms:GrantIsForAWSResource': 'true' },
    });
  });

  describe('the Backup account can copy back into a source vault; no other account can', () => {
    const onSourceVault = { resource: sourceVault, resourcePolicy: sourceVaultPolicy };
    s.cannot('another source account copies into this source vault', { caller: otherSourceAdmin, action: 'backup:CopyIntoBackupVault', ...onSourceVault }, 'ImplicitlyDenied');
    s.cannot('a principal of another organization copies into the source vault', { caller: outsider, action: 'backup:CopyIntoBackupVault', ...onSourceVault }, 'ImplicitlyDenied');
    s.can('the Backup account copies a recovery point back into the source vault', { caller: backupCopier, action: 'backup:CopyIntoBackupVault', ...onSourceVault });
  });

  describe('the Backup account uses the source key for copies and restores, and cannot administer it', () => {
    // The key policy admits the Backup account; which of its roles does the KMS calls is the Backup account's own IAM.
    s.can('a Backup-account principal decrypts with the source key through AWS Backup', { caller: backupAdmin, action: 'kms:Decrypt', ...onSourceKey, context: viaBackup });
    s.can('a Backup-account principal re-encrypts from the source key (copy to the central key)', { caller: backupAdmin, action: 'kms:ReEncryptFrom', ...onSourceKey, context: viaBackup });
    s.can('the Backup account creates a grant on the source key for an AWS resource', {
      caller: backupCopier, action: 'kms:CreateGrant', ...onSourceKey, context: { 'kms:GrantIsForAWSResource': 'true' },
    });
    s.cannot('the Backup account creates a grant on the source key for a non-AWS resource', {
      caller: backupAdmin, action: 'kms:CreateGrant', ...onSourceKey, context: { 'kms:GrantIsForAWSResource': 'false' },
    }, 'ImplicitlyDenied');
    s.cannot('Backup-account admin schedules deletion of a source key', { caller: backupAdmin, action: 'kms:ScheduleKeyDeletion', ...onSourceKey }, 'ImplicitlyDenied');
    s.cannot('Backup-account admin replaces a source key policy', { caller: backupAdmin, action: 'kms:PutKeyPolicy', ...onSourceKey }, 'ImplicitlyDenied');
    s.cannot('another source account uses the source key', { caller: otherSourceAdmin, action: 'kms:Decrypt', ...onSourceKey, context: viaBackup }, 'ImplicitlyDenied');
    s.can('the owning source account administers its key', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', ...onSourceKey });
  });

  s.registerDenyEverythingCheck();
});

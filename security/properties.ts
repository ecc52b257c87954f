/**
 * The security properties of SPEC section 6 as scenarios: requests with the decision the synthesized
 * policies must give, built from what the output says (`subjects.ts`). The worst case for a "cannot"
 * is a caller holding AdministratorAccess (`*` on `*`); AWS Backup's own role holds the statements
 * of the AWS managed policy this project attaches. The jest proofs register one test per scenario,
 * and the review report evaluates the same list over any `cdktf.out`.
 */
import {
  ADMINISTRATOR_ACCESS,
  BACKUP_ROLE_COPY_STATEMENTS,
  BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS,
  BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS,
  FULL_AWS_ACCESS,
  NO_PERMISSIONS,
  role,
  underScps,
  type Caller,
} from './requests';
import { airGapSuites } from './air-gap-properties';
import { SuiteBuilder, type ScenarioSuite } from './scenarios';
import { readSecuritySubjects, SubjectError, type SecuritySubjects } from './subjects';
import type { SynthOutput } from '../output/synth-output';

/** A principal of no organization of ours: it stands for the rest of the world. */
const OUTSIDE_ACCOUNT = '999999999999';
const OUTSIDE_ORGANIZATION = 'o-zzzzzzzzzz';
/** Illustrative resource ids: the policies grant on `*`, the ARNs only need the right account and region. */
const RECOVERY_POINT_ID = '8f5d0c1e-5a8b-4c1f-9d0e-2b3c4d5e6f70';
const CENTRAL_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const SOURCE_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
/** AWS Backup's service-linked role, in every account that uses AWS Backup. */
const BACKUP_SERVICE_LINKED_ROLE = 'aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup';

/** Every suite the output calls for: the resource policies in each region, and the SCP if it has one. */
export function securityScenarios(out: SynthOutput): ScenarioSuite[] {
  const subjects = readSecuritySubjects(out);
  return [...resourcePolicySuites(subjects), ...airGapSuites(out, subjects), ...scpSuites(subjects)];
}

export function resourcePolicySuites(subjects: SecuritySubjects): ScenarioSuite[] {
  return subjects.regions.map((region) => resourcePolicySuite(subjects, region));
}

function resourcePolicySuite(subjects: SecuritySubjects, region: string): ScenarioSuite {
  const { partition, organizationId: ORG } = subjects;
  const BACKUP = subjects.backupAccount.accountId;
  const [SOURCE] = subjects.sources;
  const OTHER_MEMBER = otherMemberAccount(subjects);
  const central = vaultIn(subjects.backupAccount.vaults, region, subjects.backupAccount.stack);
  const source = vaultIn(SOURCE.vaults, region, SOURCE.stack);
  const iam = (account: string, name: string) => `arn:${partition}:iam::${account}:role/${name}`;

  // Principals: who asks.
  const sourceAdmin = role(iam(SOURCE.accountId, 'Admin'), ADMINISTRATOR_ACCESS, ORG);
  const otherSourceAdmin = role(iam(OTHER_MEMBER, 'Admin'), ADMINISTRATOR_ACCESS, ORG);
  const sourceBackupRole = role(iam(SOURCE.accountId, SOURCE.backupRoleName), BACKUP_ROLE_COPY_STATEMENTS, ORG);
  const outsider = role(iam(OUTSIDE_ACCOUNT, 'Admin'), ADMINISTRATOR_ACCESS, OUTSIDE_ORGANIZATION);
  const backupAdmin = role(iam(BACKUP, 'Admin'), ADMINISTRATOR_ACCESS, ORG);
  /** The Backup account's AWS Backup role (`backupRoleName`), which the copy jobs back to the source accounts run as. */
  const backupCopyRoleArn = iam(BACKUP, subjects.backupAccount.backupRoleName);
  const backupCopier = role(backupCopyRoleArn, BACKUP_ROLE_COPY_STATEMENTS, ORG);
  const deployment = role(subjects.backupAccount.deploymentRoleArn, ADMINISTRATOR_ACCESS, ORG);
  const breakGlassRole = subjects.breakGlassRoleArn ? role(subjects.breakGlassRoleArn, ADMINISTRATOR_ACCESS, ORG) : undefined;
  /** Scenarios of the break-glass role exist only where the policies exempt one. */
  const breakGlass = (define: (caller: Caller) => void) => breakGlassRole && define(breakGlassRole);

  // Resources: what they ask for.
  const centralRecoveryPoint = `arn:${partition}:backup:${region}:${BACKUP}:recovery-point:${RECOVERY_POINT_ID}`;
  const centralKey = `arn:${partition}:kms:${region}:${BACKUP}:key/${CENTRAL_KEY_ID}`;
  const sourceKey = `arn:${partition}:kms:${region}:${SOURCE.accountId}:key/${SOURCE_KEY_ID}`;
  const viaBackup = { 'kms:ViaService': `backup.${region}.amazonaws.com` };
  /** The pending window a ScheduleKeyDeletion request asks for. */
  const window = (days: number) => ({ 'kms:ScheduleKeyDeletionPendingWindowInDays': String(days) });
  const onVault = { resource: central.vaultArn, resourcePolicy: central.vaultPolicy };
  const onRecoveryPoint = { resource: centralRecoveryPoint, resourcePolicy: central.vaultPolicy };
  const onCentralKey = { resource: centralKey, resourcePolicy: central.keyPolicy };
  const onSourceKey = { resource: sourceKey, resourcePolicy: source.keyPolicy };
  const onSourceVault = { resource: source.vaultArn, resourcePolicy: source.vaultPolicy };
  const onSourceRecoveryPoint = { resource: `arn:${partition}:backup:${region}:${SOURCE.accountId}:recovery-point:${RECOVERY_POINT_ID}`, resourcePolicy: source.vaultPolicy };
  const viaEc2 = { 'kms:ViaService': `ec2.${region}.amazonaws.com` };

  const s = new SuiteBuilder(`security properties in ${region}, evaluated on the synthesized policies`, 'resource', region);

  s.property('a source-account administrator cannot destroy or shorten a central recovery point; the break-glass role can', () => {
    s.cannot('source admin deletes a central recovery point', { caller: sourceAdmin, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint }, 'ExplicitlyDenied');
    breakGlass((caller) => s.can('break-glass role deletes a central recovery point', { caller, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint }));
    s.cannot('source admin shortens the lifecycle of a central recovery point', { caller: sourceAdmin, action: 'backup:UpdateRecoveryPointLifecycle', ...onRecoveryPoint }, 'ExplicitlyDenied');
    breakGlass((caller) => s.can('break-glass role changes the lifecycle of a central recovery point', { caller, action: 'backup:UpdateRecoveryPointLifecycle', ...onRecoveryPoint }));
  });

  s.property('even an administrator of the Backup account cannot delete central recovery points or the vault', () => {
    s.cannot('Backup-account admin deletes a central recovery point', { caller: backupAdmin, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin deletes the central vault', { caller: backupAdmin, action: 'backup:DeleteBackupVault', ...onVault }, 'ExplicitlyDenied');
    breakGlass((caller) => s.can('break-glass role deletes the central vault', { caller, action: 'backup:DeleteBackupVault', ...onVault }));
  });

  s.property('a source-account administrator cannot re-policy or unlock the central vault; the deployment role can re-policy it', () => {
    s.cannot('source admin deletes the central vault', { caller: sourceAdmin, action: 'backup:DeleteBackupVault', ...onVault }, 'ExplicitlyDenied');
    s.cannot('source admin replaces the central vault access policy', { caller: sourceAdmin, action: 'backup:PutBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.cannot('source admin deletes the central vault access policy', { caller: sourceAdmin, action: 'backup:DeleteBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.cannot('source admin removes the central vault lock', { caller: sourceAdmin, action: 'backup:DeleteBackupVaultLockConfiguration', ...onVault }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin replaces the central vault access policy', { caller: backupAdmin, action: 'backup:PutBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.can('deployment role (Terraform) updates the central vault access policy', { caller: deployment, action: 'backup:PutBackupVaultAccessPolicy', ...onVault });
    breakGlass((caller) => s.can('break-glass role removes the central vault lock', { caller, action: 'backup:DeleteBackupVaultLockConfiguration', ...onVault }));
  });

  s.property('only principals of the organization can copy into the central vault', () => {
    s.cannot('a principal of another organization copies into the central vault', { caller: outsider, action: 'backup:CopyIntoBackupVault', ...onVault }, 'ImplicitlyDenied');
    s.can("a source account's AWS Backup role copies into the central vault", { caller: sourceBackupRole, action: 'backup:CopyIntoBackupVault', ...onVault });
  });

  s.property("a source account cannot read or copy out the central vault's recovery points; the Backup account can copy back inside the organization", () => {
    s.cannot('source admin reads a central recovery point', { caller: otherSourceAdmin, action: 'backup:DescribeRecoveryPoint', ...onRecoveryPoint }, 'ImplicitlyDenied');
    s.cannot('source admin restores from a central recovery point', { caller: otherSourceAdmin, action: 'backup:StartRestoreJob', ...onRecoveryPoint }, 'ImplicitlyDenied');
    s.can('Backup-account admin reads a central recovery point', { caller: backupAdmin, action: 'backup:DescribeRecoveryPoint', ...onRecoveryPoint });
    const copyBack = { 'backup:CopyTargets': [source.vaultArn], 'backup:CopyTargetOrgPaths': [subjects.memberOrgPath] };
    s.cannot('source admin copies a central recovery point out to its own vault', { caller: otherSourceAdmin, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyBack }, 'ImplicitlyDenied');
    s.can('the Backup account copies a central recovery point back to a source vault', { caller: backupCopier, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyBack });
    const copyAway = {
      'backup:CopyTargets': [`arn:${partition}:backup:${region}:${OUTSIDE_ACCOUNT}:backup-vault:exfil`],
      'backup:CopyTargetOrgPaths': [`${OUTSIDE_ORGANIZATION}/r-zzzz/`],
    };
    s.cannot('Backup-account admin copies a central recovery point to a vault outside the organization', { caller: backupAdmin, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyAway }, 'ExplicitlyDenied');
    breakGlass((caller) =>
      s.can('break-glass role copies a central recovery point out of the organization (emergency exit)', { caller, action: 'backup:CopyFromBackupVault', ...onRecoveryPoint, context: copyAway }),
    );
  });

  s.property('no source account can disable, delete or re-policy the central key; the break-glass and deployment roles can', () => {
    s.cannot('source admin schedules deletion of the central key', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('source admin disables the central key', { caller: sourceAdmin, action: 'kms:DisableKey', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('source admin replaces the central key policy', { caller: sourceAdmin, action: 'kms:PutKeyPolicy', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin schedules deletion of the central key', { caller: backupAdmin, action: 'kms:ScheduleKeyDeletion', ...onCentralKey }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin disables the central key', { caller: backupAdmin, action: 'kms:DisableKey', ...onCentralKey }, 'ExplicitlyDenied');
    breakGlass((caller) => {
      s.can('break-glass role schedules deletion of the central key (30-day window)', { caller, action: 'kms:ScheduleKeyDeletion', ...onCentralKey, context: window(30) });
      s.can('break-glass role disables the central key', { caller, action: 'kms:DisableKey', ...onCentralKey });
    });
    s.can('deployment role updates the central key policy (so KMS accepts the policy at all)', { caller: deployment, action: 'kms:PutKeyPolicy', ...onCentralKey });
  });

  s.property('nobody, break-glass and key owners included, can schedule the deletion of a key in fewer than 30 days', () => {
    breakGlass((caller) => {
      s.cannot('break-glass role schedules deletion of the central key in 7 days', { caller, action: 'kms:ScheduleKeyDeletion', ...onCentralKey, context: window(7) }, 'ExplicitlyDenied');
      s.cannot('break-glass role schedules deletion of the central key in 29 days', { caller, action: 'kms:ScheduleKeyDeletion', ...onCentralKey, context: window(29) }, 'ExplicitlyDenied');
      s.can('break-glass role schedules deletion of the central key in 30 days', { caller, action: 'kms:ScheduleKeyDeletion', ...onCentralKey, context: window(30) });
    });
    s.cannot('the owning source account schedules deletion of its key in 7 days', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', ...onSourceKey, context: window(7) }, 'ExplicitlyDenied');
    s.can('the owning source account schedules deletion of its key in 30 days', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', ...onSourceKey, context: window(30) });
  });

  s.property('source accounts use the central key only through the copy services (AWS Backup, EC2, RDS), and grant only for AWS resources', () => {
    s.cannot('source admin uses the central key directly', { caller: sourceAdmin, action: 'kms:GenerateDataKey', ...onCentralKey }, 'ImplicitlyDenied');
    s.cannot('source admin uses the central key through another service (S3)', {
      caller: sourceAdmin, action: 'kms:Decrypt', ...onCentralKey, context: { 'kms:ViaService': `s3.${region}.amazonaws.com` },
    }, 'ImplicitlyDenied');
    s.can('source account reads a central EBS snapshot through EC2 (copy back, the restore path)', {
      caller: sourceAdmin, action: 'kms:Decrypt', ...onCentralKey, context: { 'kms:ViaService': `ec2.${region}.amazonaws.com` },
    });
    s.cannot('a principal of another organization uses the central key through AWS Backup', { caller: outsider, action: 'kms:GenerateDataKey', ...onCentralKey, context: viaBackup }, 'ImplicitlyDenied');
    s.can('source admin uses the central key through AWS Backup', { caller: sourceAdmin, action: 'kms:GenerateDataKey', ...onCentralKey, context: viaBackup });
    s.cannot('source admin creates a grant on the central key for a non-AWS resource', {
      caller: sourceAdmin, action: 'kms:CreateGrant', ...onCentralKey, context: { ...viaBackup, 'kms:GrantIsForAWSResource': 'false' },
    }, 'ExplicitlyDenied');
    s.can('source admin creates a grant on the central key for an AWS resource, through AWS Backup', {
      caller: sourceAdmin, action: 'kms:CreateGrant', ...onCentralKey, context: { ...viaBackup, 'kms:GrantIsForAWSResource': 'true' },
    });
  });

  s.property('nobody but break-glass can create a grant on the central key that is not for an AWS resource, the Backup account included', () => {
    s.cannot('Backup-account admin creates a grant on the central key for a principal of its choice', {
      caller: backupAdmin, action: 'kms:CreateGrant', ...onCentralKey, context: { 'kms:GrantIsForAWSResource': 'false' },
    }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin creates a grant on the central key in a request without kms:GrantIsForAWSResource', {
      caller: backupAdmin, action: 'kms:CreateGrant', ...onCentralKey,
    }, 'ExplicitlyDenied');
    s.cannot('deployment role creates a grant on the central key that is not for an AWS resource', {
      caller: deployment, action: 'kms:CreateGrant', ...onCentralKey, context: { 'kms:GrantIsForAWSResource': 'false' },
    }, 'ExplicitlyDenied');
    s.can('Backup-account admin creates a grant on the central key for an AWS resource (AWS Backup, EBS, RDS)', {
      caller: backupAdmin, action: 'kms:CreateGrant', ...onCentralKey, context: { 'kms:GrantIsForAWSResource': 'true' },
    });
    breakGlass((caller) =>
      s.can('break-glass role creates a grant on the central key that is not for an AWS resource', {
        caller, action: 'kms:CreateGrant', ...onCentralKey, context: { 'kms:GrantIsForAWSResource': 'false' },
      }),
    );
  });

  s.property('a role deleted and re-created under the same name (same ARN, a new unique id) is no longer exempt', () => {
    const recreated = (arn: string) => role(arn, ADMINISTRATOR_ACCESS, ORG, 'AROARECREATEDSAMENAME');
    const recreatedDeployment = recreated(subjects.backupAccount.deploymentRoleArn);
    s.cannot('a re-created deployment role replaces the central vault access policy', { caller: recreatedDeployment, action: 'backup:PutBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.can('the deployment role read at plan time replaces the central vault access policy', { caller: deployment, action: 'backup:PutBackupVaultAccessPolicy', ...onVault });
    s.cannot('a re-created deployment role replaces the central key policy', { caller: recreatedDeployment, action: 'kms:PutKeyPolicy', ...onCentralKey }, 'ExplicitlyDenied');
    s.can('the deployment role read at plan time replaces the central key policy', { caller: deployment, action: 'kms:PutKeyPolicy', ...onCentralKey });
    breakGlass((caller) => {
      const recreatedBreakGlass = recreated(caller.arn);
      s.cannot('a re-created break-glass role deletes a central recovery point', { caller: recreatedBreakGlass, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint }, 'ExplicitlyDenied');
      s.can('the break-glass role read at plan time deletes a central recovery point', { caller, action: 'backup:DeleteRecoveryPoint', ...onRecoveryPoint });
      s.cannot('a re-created break-glass role schedules deletion of the central key (30 days)', { caller: recreatedBreakGlass, action: 'kms:ScheduleKeyDeletion', ...onCentralKey, context: window(30) }, 'ExplicitlyDenied');
      s.can('the break-glass role read at plan time schedules deletion of the central key (30 days)', { caller, action: 'kms:ScheduleKeyDeletion', ...onCentralKey, context: window(30) });
    });
  });

  s.property("EC2 Auto Scaling and EC2 Spot of the key's own account use the source key through EC2 only", () => {
    const viaEc2 = { 'kms:ViaService': `ec2.${region}.amazonaws.com` };
    const linked = (account: string, path: string, name: string, identity = NO_PERMISSIONS) => role(iam(account, `aws-service-role/${path}/${name}`), identity, ORG);
    const autoScaling = linked(SOURCE.accountId, 'autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling');
    const autoScalingCustom = linked(SOURCE.accountId, 'autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling_web');
    const spot = linked(SOURCE.accountId, 'spot.amazonaws.com', 'AWSServiceRoleForEC2Spot');
    s.can('Auto Scaling launches a volume under the source key through EC2', { caller: autoScaling, action: 'kms:GenerateDataKeyWithoutPlaintext', ...onSourceKey, context: viaEc2 });
    s.can('Auto Scaling (a custom-suffix role) decrypts with the source key through EC2', { caller: autoScalingCustom, action: 'kms:Decrypt', ...onSourceKey, context: viaEc2 });
    s.can('Auto Scaling creates a grant on the source key for the volume through EC2', {
      caller: autoScaling, action: 'kms:CreateGrant', ...onSourceKey, context: { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' },
    });
    s.can('EC2 Spot launches a volume under the source key through EC2', { caller: spot, action: 'kms:GenerateDataKeyWithoutPlaintext', ...onSourceKey, context: viaEc2 });
    s.can('EC2 Spot re-encrypts with the source key through EC2', { caller: spot, action: 'kms:ReEncryptTo', ...onSourceKey, context: viaEc2 });
    s.cannot('Auto Scaling uses the source key through another service (S3)', {
      caller: autoScaling, action: 'kms:Decrypt', ...onSourceKey, context: { 'kms:ViaService': `s3.${region}.amazonaws.com` },
    }, 'ImplicitlyDenied');
    s.cannot('Auto Scaling uses the source key directly', { caller: autoScaling, action: 'kms:Decrypt', ...onSourceKey }, 'ImplicitlyDenied');
    s.cannot('Auto Scaling creates a grant on the source key that is not for an AWS resource', {
      caller: autoScaling, action: 'kms:CreateGrant', ...onSourceKey, context: { ...viaEc2, 'kms:GrantIsForAWSResource': 'false' },
    }, 'ImplicitlyDenied');
    s.cannot("another account's Auto Scaling role uses the source key through EC2", {
      caller: linked(OTHER_MEMBER, 'autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling', ADMINISTRATOR_ACCESS), action: 'kms:Decrypt', ...onSourceKey, context: viaEc2,
    }, 'ImplicitlyDenied');
    s.cannot('a role of the account named AWSServiceRoleForAutoScaling outside the service-linked path uses the source key through EC2', {
      caller: role(iam(SOURCE.accountId, 'AWSServiceRoleForAutoScaling'), NO_PERMISSIONS, ORG), action: 'kms:Decrypt', ...onSourceKey, context: viaEc2,
    }, 'ImplicitlyDenied');
  });

  // Passing the role (iam:PassRole, StartCopyJob's IamRoleArn) is decided by the operator's own IAM
  // policies alone, no resource policy: __tests__/security/copy-back.test.ts shows the role itself.
  s.property('the copy back starts in the Backup account: its operators start the copy job of a central recovery point; a source account cannot', () => {
    s.can('Backup-account operator starts a copy job of a central recovery point', { caller: backupAdmin, action: 'backup:StartCopyJob', ...onRecoveryPoint });
    s.cannot('source admin starts a copy job of a central recovery point', { caller: sourceAdmin, action: 'backup:StartCopyJob', ...onRecoveryPoint }, 'ImplicitlyDenied');
  });

  s.property("the copy back lands in the source vault: only the Backup account's AWS Backup role may copy in, and nobody there may delete or re-policy", () => {
    s.can("the Backup account's AWS Backup role copies a recovery point back into the source vault", { caller: backupCopier, action: 'backup:CopyIntoBackupVault', ...onSourceVault });
    s.cannot('another role of the Backup account (an administrator) copies into the source vault', { caller: backupAdmin, action: 'backup:CopyIntoBackupVault', ...onSourceVault }, 'ImplicitlyDenied');
    s.cannot('another source account copies into this source vault', { caller: otherSourceAdmin, action: 'backup:CopyIntoBackupVault', ...onSourceVault }, 'ImplicitlyDenied');
    s.cannot('a principal of another organization copies into the source vault', { caller: outsider, action: 'backup:CopyIntoBackupVault', ...onSourceVault }, 'ImplicitlyDenied');
    // The role with every permission of its own: the vault policy gives the Backup account the copy in and nothing more.
    const copierWithEverything = role(backupCopyRoleArn, ADMINISTRATOR_ACCESS, ORG);
    s.cannot("the Backup account's AWS Backup role, holding AdministratorAccess, deletes a recovery point in the source vault", {
      caller: copierWithEverything, action: 'backup:DeleteRecoveryPoint', ...onSourceRecoveryPoint,
    }, 'ImplicitlyDenied');
    s.cannot('Backup-account admin deletes a recovery point in the source vault', { caller: backupAdmin, action: 'backup:DeleteRecoveryPoint', ...onSourceRecoveryPoint }, 'ImplicitlyDenied');
    s.cannot("the Backup account's AWS Backup role, holding AdministratorAccess, replaces the source vault access policy", {
      caller: copierWithEverything, action: 'backup:PutBackupVaultAccessPolicy', ...onSourceVault,
    }, 'ImplicitlyDenied');
    s.can('the owning source account deletes a recovery point in its vault (its own IAM decides)', { caller: sourceAdmin, action: 'backup:DeleteRecoveryPoint', ...onSourceRecoveryPoint });
  });

  s.property("the source key serves the copy back: the source account's AWS Backup service-linked role reads the central copy and encrypts the new one through EC2; no other account's can", () => {
    const linkedRole = (account: string) => role(iam(account, BACKUP_SERVICE_LINKED_ROLE), BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS, ORG);
    const sourceLinked = linkedRole(SOURCE.accountId);
    s.can("the source account's AWS Backup service-linked role makes a data key with the source key through EC2", {
      caller: sourceLinked, action: 'kms:GenerateDataKeyWithoutPlaintext', ...onSourceKey, context: viaEc2,
    });
    s.can("the source account's AWS Backup service-linked role creates a grant on the source key for an AWS resource, through EC2", {
      caller: sourceLinked, action: 'kms:CreateGrant', ...onSourceKey, context: { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' },
    });
    s.cannot("another member account's AWS Backup service-linked role makes a data key with this source key", {
      caller: linkedRole(OTHER_MEMBER), action: 'kms:GenerateDataKeyWithoutPlaintext', ...onSourceKey, context: viaEc2,
    }, 'ImplicitlyDenied');
    s.can("the source account's AWS Backup service-linked role re-encrypts from the central key through EC2 (reads the central copy)", {
      caller: sourceLinked, action: 'kms:ReEncryptFrom', ...onCentralKey, context: viaEc2,
    });
    s.cannot("the AWS Backup service-linked role of an account outside the organization re-encrypts from the central key", {
      caller: role(iam(OUTSIDE_ACCOUNT, BACKUP_SERVICE_LINKED_ROLE), BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS, OUTSIDE_ORGANIZATION), action: 'kms:ReEncryptFrom', ...onCentralKey, context: viaEc2,
    }, 'ImplicitlyDenied');
  });

  s.property('the Backup account uses the source key for copies and restores, and cannot administer it', () => {
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

  return s.build();
}

/**
 * The service control policies attached at the organization root (`protectBackupsScp: true`), beside
 * AWS's default FullAWSAccess, in the first region. A member-account administrator holds
 * AdministratorAccess; the deployment role, the AWS Backup role and the break-glass roles are the
 * only exemptions. None when the output has no SCP at the root.
 */
export function scpSuites(subjects: SecuritySubjects): ScenarioSuite[] {
  const { partition, organizationId: ORG, rootId: ROOT } = subjects;
  const scps = subjects.scps.filter((scp) => scp.targets.includes(ROOT)).map((scp) => scp.policy);
  if (scps.length === 0) return [];
  const REGION = subjects.regions[0];
  const BACKUP = subjects.backupAccount.accountId;
  const SOURCE = subjects.sources[0];
  const source = vaultIn(SOURCE.vaults, REGION, SOURCE.stack);
  const central = vaultIn(subjects.backupAccount.vaults, REGION, subjects.backupAccount.stack);
  const iam = (account: string, name: string) => `arn:${partition}:iam::${account}:role/${name}`;

  const member = (caller: Caller) => underScps(caller, ROOT, [FULL_AWS_ACCESS, ...scps]);
  const withoutScp = (caller: Caller) => underScps(caller, ROOT, [FULL_AWS_ACCESS]);
  const sourceAdmin = member(role(iam(SOURCE.accountId, 'Admin'), ADMINISTRATOR_ACCESS, ORG));
  const sourceDeployment = member(role(SOURCE.deploymentRoleArn, ADMINISTRATOR_ACCESS, ORG));
  const sourceBackupRole = member(role(iam(SOURCE.accountId, SOURCE.backupRoleName), BACKUP_ROLE_COPY_STATEMENTS, ORG));
  const backupAdmin = member(role(iam(BACKUP, 'Admin'), ADMINISTRATOR_ACCESS, ORG));
  const breakGlass = subjects.breakGlassRoleArn ? member(role(subjects.breakGlassRoleArn, ADMINISTRATOR_ACCESS, ORG)) : undefined;

  const localVault = source.vaultArn;
  const teamVault = `arn:${partition}:backup:${REGION}:${SOURCE.accountId}:backup-vault:team-owned-vault`;
  const backupRole = iam(SOURCE.accountId, SOURCE.backupRoleName);
  const sourceKey = `arn:${partition}:kms:${REGION}:${SOURCE.accountId}:key/${SOURCE_KEY_ID}`;
  const keyAlias = source.keyAliases[0];
  if (!keyAlias) throw new SubjectError(`${SOURCE.stack} ${source.keyAddress}: the key has no alias, which the SCP's key protection goes by`);
  const sourceKeyAlias = `arn:${partition}:kms:${REGION}:${SOURCE.accountId}:${keyAlias}`;
  const backupKeyContext = { 'kms:ResourceAliases': [keyAlias] };
  const sourceKeyPolicy = source.keyPolicy;

  const s = new SuiteBuilder('the backup protection SCP, evaluated as synthesized', 'scp', REGION);

  s.property('a member-account administrator cannot delete its own backup vault; the deployment role can', () => {
    s.cannot('source admin deletes the local backup vault', { caller: sourceAdmin, action: 'backup:DeleteBackupVault', resource: localVault }, 'ExplicitlyDenied');
    s.can('source admin deletes the local backup vault when the SCP is off', { caller: withoutScp(sourceAdmin), action: 'backup:DeleteBackupVault', resource: localVault });
    s.can('deployment role deletes the local backup vault', { caller: sourceDeployment, action: 'backup:DeleteBackupVault', resource: localVault });
    s.cannot('source admin replaces the local vault access policy', { caller: sourceAdmin, action: 'backup:PutBackupVaultAccessPolicy', resource: localVault }, 'ExplicitlyDenied');
    s.cannot('source admin puts a lock on the local vault (a short maximum would refuse every backup)', { caller: sourceAdmin, action: 'backup:PutBackupVaultLockConfiguration', resource: localVault }, 'ExplicitlyDenied');
    s.can('deployment role updates the local vault access policy', { caller: sourceDeployment, action: 'backup:PutBackupVaultAccessPolicy', resource: localVault });
    s.can('source admin still manages a vault this project does not own', { caller: sourceAdmin, action: 'backup:DeleteBackupVault', resource: teamVault });
  });

  s.property('a member-account administrator cannot delete or re-permission the backup role; the deployment role can', () => {
    s.cannot('source admin deletes the backup role', { caller: sourceAdmin, action: 'iam:DeleteRole', resource: backupRole }, 'ExplicitlyDenied');
    s.cannot("source admin rewrites the backup role's trust policy", { caller: sourceAdmin, action: 'iam:UpdateAssumeRolePolicy', resource: backupRole }, 'ExplicitlyDenied');
    s.cannot('source admin attaches a policy to the backup role', { caller: sourceAdmin, action: 'iam:AttachRolePolicy', resource: backupRole }, 'ExplicitlyDenied');
    s.can('deployment role deletes the backup role', { caller: sourceDeployment, action: 'iam:DeleteRole', resource: backupRole });
    s.can('source admin deletes a role this project does not own', { caller: sourceAdmin, action: 'iam:DeleteRole', resource: iam(SOURCE.accountId, 'AppRole') });
  });

  s.property('a member-account administrator cannot destroy or re-policy the backup key; the deployment role can', () => {
    s.cannot('source admin schedules deletion of the backup key', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: backupKeyContext }, 'ExplicitlyDenied');
    s.cannot('source admin disables the backup key', { caller: sourceAdmin, action: 'kms:DisableKey', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: backupKeyContext }, 'ExplicitlyDenied');
    s.cannot('source admin deletes the backup key alias (to escape the alias-scoped deny)', { caller: sourceAdmin, action: 'kms:DeleteAlias', resource: sourceKeyAlias }, 'ExplicitlyDenied');
    s.can('deployment role schedules deletion of the backup key', { caller: sourceDeployment, action: 'kms:ScheduleKeyDeletion', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: backupKeyContext });
    s.can('deployment role deletes the backup key alias', { caller: sourceDeployment, action: 'kms:DeleteAlias', resource: sourceKeyAlias });
    s.can('source admin schedules deletion of a key with another alias', {
      caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: { 'kms:ResourceAliases': ['alias/app-data'] },
    });
  });

  s.property('an administrator cannot take over the roles exempt from the denies (deployment, break-glass); the deployment role can change them', () => {
    const backupDeploymentRole = subjects.backupAccount.deploymentRoleArn;
    const backupDeployment = member(role(backupDeploymentRole, ADMINISTRATOR_ACCESS, ORG));
    s.cannot("Backup-account admin rewrites the deployment role's trust policy", { caller: backupAdmin, action: 'iam:UpdateAssumeRolePolicy', resource: backupDeploymentRole }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin attaches a policy to the deployment role', { caller: backupAdmin, action: 'iam:AttachRolePolicy', resource: backupDeploymentRole }, 'ExplicitlyDenied');
    if (subjects.breakGlassRoleArn) {
      s.cannot('Backup-account admin creates (or re-creates) the break-glass role', { caller: backupAdmin, action: 'iam:CreateRole', resource: subjects.breakGlassRoleArn }, 'ExplicitlyDenied');
      s.cannot("Backup-account admin rewrites the break-glass role's trust policy", { caller: backupAdmin, action: 'iam:UpdateAssumeRolePolicy', resource: subjects.breakGlassRoleArn }, 'ExplicitlyDenied');
      s.can("deployment role rewrites the break-glass role's trust policy", { caller: backupDeployment, action: 'iam:UpdateAssumeRolePolicy', resource: subjects.breakGlassRoleArn });
    }
    s.can('deployment role updates its own trust policy', { caller: backupDeployment, action: 'iam:UpdateAssumeRolePolicy', resource: backupDeploymentRole });
  });

  s.property('in the Backup account, nobody but break-glass and the AWS Backup role can share a snapshot through EC2 or RDS', () => {
    const ebsSnapshot = { resource: `arn:${partition}:ec2:${REGION}::snapshot/snap-0123456789abcdef0`, resourceAccount: BACKUP };
    const dbSnapshot = `arn:${partition}:rds:${REGION}:${BACKUP}:snapshot:awsbackup:job-0123456789abcdef`;
    const clusterSnapshot = `arn:${partition}:rds:${REGION}:${BACKUP}:cluster-snapshot:awsbackup:job-0123456789abcdef`;
    const backupDeployment = member(role(subjects.backupAccount.deploymentRoleArn, ADMINISTRATOR_ACCESS, ORG));
    const backupAccountBackupRole = member(role(iam(BACKUP, SOURCE.backupRoleName), BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS, ORG));
    const madeByBackup = { 'aws:ResourceTag/aws:backup:source-resource': `arn:${partition}:ec2:${REGION}:${SOURCE.accountId}:volume/vol-0123456789abcdef0` };
    s.cannot('Backup-account admin shares a central EBS snapshot with another account', { caller: backupAdmin, action: 'ec2:ModifySnapshotAttribute', ...ebsSnapshot }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin shares a central RDS snapshot', { caller: backupAdmin, action: 'rds:ModifyDBSnapshotAttribute', resource: dbSnapshot }, 'ExplicitlyDenied');
    s.cannot('Backup-account admin shares a central Aurora cluster snapshot', { caller: backupAdmin, action: 'rds:ModifyDBClusterSnapshotAttribute', resource: clusterSnapshot }, 'ExplicitlyDenied');
    s.cannot("the Backup account's deployment role shares a central EBS snapshot", { caller: backupDeployment, action: 'ec2:ModifySnapshotAttribute', ...ebsSnapshot }, 'ExplicitlyDenied');
    s.can('Backup-account admin shares a snapshot when the SCP is off', { caller: withoutScp(backupAdmin), action: 'ec2:ModifySnapshotAttribute', ...ebsSnapshot });
    s.can("the Backup account's AWS Backup role shares a snapshot AWS Backup made (cross-account copy)", {
      caller: backupAccountBackupRole, action: 'ec2:ModifySnapshotAttribute', ...ebsSnapshot, context: madeByBackup,
    });
    s.can('a source-account admin still shares its own snapshots (the deny is the Backup account only)', {
      caller: sourceAdmin, action: 'ec2:ModifySnapshotAttribute', resource: `arn:${partition}:ec2:${REGION}::snapshot/snap-0fedcba9876543210`, resourceAccount: SOURCE.accountId,
    });
    if (breakGlass) {
      s.can('the break-glass role shares a central EBS snapshot', { caller: breakGlass, action: 'ec2:ModifySnapshotAttribute', ...ebsSnapshot });
      s.can('the break-glass role shares a central RDS snapshot', { caller: breakGlass, action: 'rds:ModifyDBSnapshotAttribute', resource: dbSnapshot });
    }
  });

  s.property("a member-account administrator cannot change AWS Backup's region or global settings (opting a type out stops its backups); the deployment role can", () => {
    s.cannot('source admin opts resource types out of AWS Backup in its region', { caller: sourceAdmin, action: 'backup:UpdateRegionSettings', resource: '*' }, 'ExplicitlyDenied');
    s.cannot("source admin changes the account's AWS Backup global settings", { caller: sourceAdmin, action: 'backup:UpdateGlobalSettings', resource: '*' }, 'ExplicitlyDenied');
    s.cannot("Backup-account admin changes the Backup account's region settings", { caller: backupAdmin, action: 'backup:UpdateRegionSettings', resource: '*' }, 'ExplicitlyDenied');
    s.can('deployment role (Terraform) updates the region settings', { caller: sourceDeployment, action: 'backup:UpdateRegionSettings', resource: '*' });
    s.can('source admin updates the region settings when the SCP is off', { caller: withoutScp(sourceAdmin), action: 'backup:UpdateRegionSettings', resource: '*' });
    if (breakGlass) s.can('the break-glass role updates the global settings', { caller: breakGlass, action: 'backup:UpdateGlobalSettings', resource: '*' });
  });

  s.property('a member-account administrator cannot take the account out of the organization (and its backup plans with it)', () => {
    s.cannot('source admin leaves the organization', { caller: sourceAdmin, action: 'organizations:LeaveOrganization', resource: '*' }, 'ExplicitlyDenied');
    s.can('deployment role leaves the organization', { caller: sourceDeployment, action: 'organizations:LeaveOrganization', resource: '*' });
  });

  s.property('the SCP does not get in the way of AWS Backup or the break-glass role', () => {
    s.can("a source account's AWS Backup role copies into the central vault under the SCP", {
      caller: sourceBackupRole, action: 'backup:CopyIntoBackupVault', resource: central.vaultArn, resourcePolicy: central.vaultPolicy,
    });
    if (breakGlass) {
      s.can('the break-glass role replaces the central vault access policy under the SCP', {
        caller: breakGlass, action: 'backup:PutBackupVaultAccessPolicy', resource: central.vaultArn, resourcePolicy: central.vaultPolicy,
      });
    }
    // That a Backup-account administrator still cannot is the vault policy's doing, not the SCP's:
    // the resource suite proves it (a "cannot" here would pass with no SCP at all).
  });

  return [s.build()];
}

/**
 * A second member account, to attack the first source account's resources from: the second source
 * account, or with only one, an illustrative account id of the organization that the output names
 * nowhere (the policies grant nothing to member accounts by id, so any such account stands for all).
 */
export function otherMemberAccount(subjects: SecuritySubjects): string {
  if (subjects.sources[1]) return subjects.sources[1].accountId;
  const named = new Set([subjects.backupAccount.accountId, ...subjects.sources.map((s) => s.accountId)]);
  return ['123456789012', '210987654321'].find((id) => !named.has(id)) as string;
}

function vaultIn<T>(vaults: Readonly<Record<string, T>>, region: string, stack: string): T {
  const vault = vaults[region];
  if (!vault) throw new SubjectError(`stack ${stack} has no backup vault in ${region}`);
  return vault;
}

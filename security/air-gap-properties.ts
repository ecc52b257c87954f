/**
 * The security properties of the logically air-gapped vaults, as scenarios over the synthesized
 * output (none when it has no such vault): a member account the vault is shared with can restore
 * from it, nobody can delete from it, shorten it or re-policy it, only the organization copies in.
 *
 * AWS RAM is not a policy the evaluator knows. A share grants its principal accounts, on the shared
 * vault and its recovery points, the actions of the share's permission; AWS Backup's guide lists
 * them (AIR_GAPPED_SHARE_ACTIONS). The scenarios model the share as that grant, one Allow statement
 * per share built from the synthesized principal associations, added to the vault's synthesized
 * access policy: the combination AWS evaluates for a request on a shared vault. That the RAM
 * permission AWS attaches holds exactly these actions is AWS's documentation, not verified here.
 */
import { SynthesizedApp, type SynthesizedResource } from '../checks/model';
import type { SynthOutput } from '../output/synth-output';
import { ADMINISTRATOR_ACCESS, BACKUP_ROLE_COPY_STATEMENTS, role, type PolicyJson } from './requests';
import { SuiteBuilder, type ScenarioSuite } from './scenarios';
import { BACKUP_STACK, readSecuritySubjects, synthesizedPolicy, SubjectError, type SecuritySubjects } from './subjects';

/**
 * What an account a logically air-gapped vault is shared with may do, as AWS Backup's guide lists
 * the permissions of such a share ("Share a logically air-gapped vault"): see and restore recovery
 * points, nothing else (no copy, no deletion, no lifecycle change).
 */
export const AIR_GAPPED_SHARE_ACTIONS = [
  'backup:DescribeBackupVault',
  'backup:DescribeRecoveryPoint',
  'backup:GetRecoveryPointRestoreMetadata',
  'backup:ListProtectedResourcesByBackupVault',
  'backup:ListRecoveryPointsByBackupVault',
  'backup:ListTags',
  'backup:StartRestoreJob',
];

const OUTSIDE_ACCOUNT = '999999999999';
const OUTSIDE_ORGANIZATION = 'o-zzzzzzzzzz';
const RECOVERY_POINT_ID = '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4';
const KEY_ID = '5678efgh-56ef-78gh-90ij-5678901234ef';

export interface AirGappedSubject {
  readonly region: string;
  readonly vaultArn: string;
  readonly vaultAddress: string;
  /** The vault access policy as synthesized. */
  readonly vaultPolicy: PolicyJson;
  /** The accounts of the vault's RAM share, from the principal associations. */
  readonly sharedWith: readonly string[];
  /** The share's `allow_external_principals`. */
  readonly allowExternalPrincipals: unknown;
  /** The customer-managed key's policy, when the vault has one. */
  readonly keyPolicy?: PolicyJson;
}

/** The air-gapped vaults of the Backup account's stack with their policies and shares, per region. */
export function readAirGappedSubjects(out: SynthOutput): AirGappedSubject[] {
  const app = new SynthesizedApp(out.stacks);
  const account = String((out.stacks[BACKUP_STACK]?.provider?.aws as { allowed_account_ids?: string[] }[] | undefined)?.[0]?.allowed_account_ids?.[0] ?? '');
  const partition = String((out.stacks[BACKUP_STACK]?.provider?.aws as { assume_role?: { role_arn?: string }[] }[] | undefined)?.[0]?.assume_role?.[0]?.role_arn ?? 'arn:aws').split(':')[1];
  return app.inStack(BACKUP_STACK, 'aws_backup_logically_air_gapped_vault').map((vault) => {
    const region = vault.region;
    if (!region) throw new SubjectError(`${BACKUP_STACK} ${vault.address}: no provider region`);
    const policy = app.inStack(BACKUP_STACK, 'aws_backup_vault_policy').find((p) => app.referenced(p, p.body.backup_vault_name)?.address === vault.address);
    if (!policy) throw new SubjectError(`${BACKUP_STACK} ${vault.address}: no aws_backup_vault_policy for it`);
    const association = app.inStack(BACKUP_STACK, 'aws_ram_resource_association').find((a) => app.referenced(a, a.body.resource_arn)?.address === vault.address);
    const share = association ? app.referenced(association, association.body.resource_share_arn) : undefined;
    const sharedWith = share
      ? app
          .inStack(BACKUP_STACK, 'aws_ram_principal_association')
          .filter((p) => app.referenced(p, p.body.resource_share_arn)?.address === share.address)
          .map((p) => String(p.body.principal))
      : [];
    const key = app.referenced(vault, vault.body.encryption_key_arn);
    return {
      region,
      vaultArn: `arn:${partition}:backup:${region}:${account}:backup-vault:${String(vault.body.name)}`,
      vaultAddress: vault.address,
      vaultPolicy: synthesizedPolicy(policy, 'policy', out),
      sharedWith,
      allowExternalPrincipals: share?.body.allow_external_principals,
      ...(key ? { keyPolicy: synthesizedPolicy(key as SynthesizedResource, 'policy', out) } : {}),
    };
  });
}

/** The vault's access policy with the RAM share's grant added: what AWS evaluates on the shared vault. */
export function withShareGrant(subject: AirGappedSubject, partition: string): PolicyJson {
  if (subject.sharedWith.length === 0) return subject.vaultPolicy;
  const grant = {
    Sid: 'RamShareGrant',
    Effect: 'Allow',
    Principal: { AWS: subject.sharedWith.map((account) => `arn:${partition}:iam::${account}:root`) },
    Action: [...AIR_GAPPED_SHARE_ACTIONS],
    Resource: '*',
  };
  return { ...subject.vaultPolicy, Statement: [...subject.vaultPolicy.Statement, grant] };
}

/** One suite per region with an air-gapped vault; none when the output has none. */
export function airGapSuites(out: SynthOutput, subjects: SecuritySubjects = readSecuritySubjects(out)): ScenarioSuite[] {
  return readAirGappedSubjects(out).map((vault) => airGapSuite(subjects, vault));
}

function airGapSuite(subjects: SecuritySubjects, vault: AirGappedSubject): ScenarioSuite {
  const { partition, organizationId: ORG, region } = { ...subjects, region: vault.region };
  const BACKUP = subjects.backupAccount.accountId;
  const SOURCE = subjects.sources[0];
  const iam = (account: string, name: string) => `arn:${partition}:iam::${account}:role/${name}`;
  const shared = vault.sharedWith.filter((a) => a !== SOURCE.accountId);
  // A member account of the organization the share does not name (illustrative: the policies name no member account by id).
  const notShared = ['123456789012', '210987654321'].find((a) => !vault.sharedWith.includes(a) && a !== BACKUP);
  if (!vault.sharedWith.includes(SOURCE.accountId)) throw new SubjectError(`the air-gapped vault in ${region} is not shared with ${SOURCE.stack}`);

  const sourceAdmin = role(iam(SOURCE.accountId, 'Admin'), ADMINISTRATOR_ACCESS, ORG);
  const sourceBackupRole = role(iam(SOURCE.accountId, SOURCE.backupRoleName), BACKUP_ROLE_COPY_STATEMENTS, ORG);
  const recoveryAdmin = shared[0] ? role(iam(shared[0], 'Admin'), ADMINISTRATOR_ACCESS, ORG) : undefined;
  const unsharedAdmin = notShared ? role(iam(notShared, 'Admin'), ADMINISTRATOR_ACCESS, ORG) : undefined;
  const outsider = role(iam(OUTSIDE_ACCOUNT, 'Admin'), ADMINISTRATOR_ACCESS, OUTSIDE_ORGANIZATION);
  const backupAdmin = role(iam(BACKUP, 'Admin'), ADMINISTRATOR_ACCESS, ORG);
  const deployment = role(subjects.backupAccount.deploymentRoleArn, ADMINISTRATOR_ACCESS, ORG);
  const breakGlass = subjects.breakGlassRoleArn ? role(subjects.breakGlassRoleArn, ADMINISTRATOR_ACCESS, ORG) : undefined;

  const policy = withShareGrant(vault, partition);
  const recoveryPoint = `arn:${partition}:backup:${region}:${BACKUP}:recovery-point:${RECOVERY_POINT_ID}`;
  const onPoint = { resource: recoveryPoint, resourcePolicy: policy };
  const onVault = { resource: vault.vaultArn, resourcePolicy: policy };

  const s = new SuiteBuilder(`the air-gapped vault in ${region} and its RAM share, evaluated on the synthesized policies`, 'resource', region);

  s.property('a member account the vault is shared with can restore from it; an account it is not shared with, and the world, cannot', () => {
    s.can('a shared source account restores a recovery point of the air-gapped vault', { caller: sourceAdmin, action: 'backup:StartRestoreJob', ...onPoint });
    s.can('a shared source account reads the restore metadata of a recovery point', { caller: sourceAdmin, action: 'backup:GetRecoveryPointRestoreMetadata', ...onPoint });
    s.can('a shared source account lists the recovery points of the air-gapped vault', { caller: sourceAdmin, action: 'backup:ListRecoveryPointsByBackupVault', ...onVault });
    if (recoveryAdmin) s.can('the recovery account restores a recovery point of the air-gapped vault', { caller: recoveryAdmin, action: 'backup:StartRestoreJob', ...onPoint });
    if (unsharedAdmin) s.cannot('a member account the vault is not shared with restores from it', { caller: unsharedAdmin, action: 'backup:StartRestoreJob', ...onPoint }, 'ImplicitlyDenied');
    s.cannot('a principal of another organization restores from the air-gapped vault', { caller: outsider, action: 'backup:StartRestoreJob', ...onPoint }, 'ImplicitlyDenied');
    s.cannot('a shared source account copies a recovery point out (the share grants restores, not copies)', {
      caller: sourceAdmin, action: 'backup:CopyFromBackupVault', ...onPoint,
      context: { 'backup:CopyTargets': [`arn:${partition}:backup:${region}:${SOURCE.accountId}:backup-vault:any`], 'backup:CopyTargetOrgPaths': [subjects.memberOrgPath] },
    }, 'ImplicitlyDenied');
  });

  s.property('nobody can delete from the air-gapped vault, shorten it or re-policy it, not even a shared account or a Backup-account admin', () => {
    s.cannot('a shared source account deletes a recovery point', { caller: sourceAdmin, action: 'backup:DeleteRecoveryPoint', ...onPoint }, 'ExplicitlyDenied');
    s.cannot('a shared source account shortens the lifecycle of a recovery point', { caller: sourceAdmin, action: 'backup:UpdateRecoveryPointLifecycle', ...onPoint }, 'ExplicitlyDenied');
    if (recoveryAdmin) s.cannot('the recovery account deletes a recovery point', { caller: recoveryAdmin, action: 'backup:DeleteRecoveryPoint', ...onPoint }, 'ExplicitlyDenied');
    s.cannot('a Backup-account admin deletes a recovery point', { caller: backupAdmin, action: 'backup:DeleteRecoveryPoint', ...onPoint }, 'ExplicitlyDenied');
    s.cannot('a Backup-account admin shortens the lifecycle of a recovery point', { caller: backupAdmin, action: 'backup:UpdateRecoveryPointLifecycle', ...onPoint }, 'ExplicitlyDenied');
    s.cannot('a Backup-account admin deletes the air-gapped vault', { caller: backupAdmin, action: 'backup:DeleteBackupVault', ...onVault }, 'ExplicitlyDenied');
    s.cannot('a Backup-account admin replaces the air-gapped vault access policy', { caller: backupAdmin, action: 'backup:PutBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.cannot('a shared source account deletes the air-gapped vault access policy', { caller: sourceAdmin, action: 'backup:DeleteBackupVaultAccessPolicy', ...onVault }, 'ExplicitlyDenied');
    s.can('the deployment role (Terraform) updates the air-gapped vault access policy', { caller: deployment, action: 'backup:PutBackupVaultAccessPolicy', ...onVault });
    if (breakGlass) s.can('the break-glass role may ask to delete a recovery point (the compliance lock still refuses it before minRetentionDays)', { caller: breakGlass, action: 'backup:DeleteRecoveryPoint', ...onPoint });
  });

  s.property('only principals of the organization can copy into the air-gapped vault', () => {
    s.cannot('a principal of another organization copies into the air-gapped vault', { caller: outsider, action: 'backup:CopyIntoBackupVault', ...onVault }, 'ImplicitlyDenied');
    s.can("a source account's AWS Backup role copies into the air-gapped vault", { caller: sourceBackupRole, action: 'backup:CopyIntoBackupVault', ...onVault });
  });

  if (vault.keyPolicy) {
    const key = `arn:${partition}:kms:${region}:${BACKUP}:key/${KEY_ID}`;
    const onKey = { resource: key, resourcePolicy: vault.keyPolicy };
    s.property('nobody but the break-glass role can disable or delete the customer-managed air-gapped key', () => {
      s.cannot('a source admin schedules deletion of the air-gapped key', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', ...onKey, context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } }, 'ExplicitlyDenied');
      s.cannot('a Backup-account admin schedules deletion of the air-gapped key', { caller: backupAdmin, action: 'kms:ScheduleKeyDeletion', ...onKey, context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } }, 'ExplicitlyDenied');
      s.cannot('a Backup-account admin disables the air-gapped key', { caller: backupAdmin, action: 'kms:DisableKey', ...onKey }, 'ExplicitlyDenied');
      s.can('the deployment role updates the air-gapped key policy', { caller: deployment, action: 'kms:PutKeyPolicy', ...onKey });
      if (breakGlass) s.can('the break-glass role disables the air-gapped key', { caller: breakGlass, action: 'kms:DisableKey', ...onKey });
    });
  }

  return s.build();
}

/**
 * The optional service control policy (`protectBackupsScp: true`), proven on the SCP exactly as
 * synthesized into the management stack, attached at the root beside AWS's default FullAWSAccess.
 * A member-account administrator holds AdministratorAccess; the deployment role, the AWS Backup role
 * and the break-glass roles are the only exemptions.
 */
import { exampleConfig, synthApp } from '../support/synth';
import {
  ADMINISTRATOR_ACCESS,
  BACKUP_ROLE_COPY_STATEMENTS,
  FULL_AWS_ACCESS,
  role,
  synthesizedPolicy,
  underScps,
  type Caller,
} from '../support/policy-evaluation';
import { Scenarios } from '../support/scenarios';

const config = exampleConfig((draft) => {
  draft.protectBackupsScp = true;
});
const out = synthApp(config);
const management = out.stacks.management;
const scp = synthesizedPolicy(management, 'aws_organizations_policy', 'protect_backups', 'content');
const ORG = config.organization.id;
const ROOT = config.organization.rootId;
const BACKUP = config.backupAccount.accountId;
const SOURCE = config.sourceAccounts[0].accountId;
const REGION = config.regions[0];

const member = (caller: Caller) => underScps(caller, ROOT, [FULL_AWS_ACCESS, scp]);
const withoutScp = (caller: Caller) => underScps(caller, ROOT, [FULL_AWS_ACCESS]);
const sourceAdmin = member(role(`arn:aws:iam::${SOURCE}:role/Admin`, ADMINISTRATOR_ACCESS, ORG));
const sourceDeployment = member(role(`arn:aws:iam::${SOURCE}:role/${config.deploymentRoleName}`, ADMINISTRATOR_ACCESS, ORG));
const sourceBackupRole = member(role(`arn:aws:iam::${SOURCE}:role/${config.backupRoleName}`, BACKUP_ROLE_COPY_STATEMENTS, ORG));
const backupAdmin = member(role(`arn:aws:iam::${BACKUP}:role/Admin`, ADMINISTRATOR_ACCESS, ORG));
const breakGlass = member(role(config.backupAccount.breakGlassRoleArns[0], ADMINISTRATOR_ACCESS, ORG));

const localVault = `arn:aws:backup:${REGION}:${SOURCE}:backup-vault:${config.sourceVaultName}`;
const teamVault = `arn:aws:backup:${REGION}:${SOURCE}:backup-vault:team-owned-vault`;
const backupRole = `arn:aws:iam::${SOURCE}:role/${config.backupRoleName}`;
const sourceKey = `arn:aws:kms:${REGION}:${SOURCE}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const sourceKeyAlias = `arn:aws:kms:${REGION}:${SOURCE}:alias/org-backup`;
const backupKeyContext = { 'kms:ResourceAliases': ['alias/org-backup'] };
const sourceKeyPolicy = synthesizedPolicy(out.stacks[`source-${config.sourceAccounts[0].name}`], 'aws_kms_key', `backup_${REGION}`, 'policy');
const centralVault = `arn:aws:backup:${REGION}:${BACKUP}:backup-vault:${config.backupAccount.vaultName}`;
const centralVaultPolicy = synthesizedPolicy(out.stacks['backup-account'], 'aws_backup_vault_policy', `central_${REGION}`, 'policy');

describe('the backup protection SCP, evaluated as synthesized', () => {
  it('is synthesized as a SERVICE_CONTROL_POLICY attached at the organization root', () => {
    expect(management.resource?.aws_organizations_policy?.protect_backups).toMatchObject({ type: 'SERVICE_CONTROL_POLICY', name: 'org-backup-protect-backups' });
    expect(management.resource?.aws_organizations_policy_attachment?.[`protect_backups_${ROOT}`]).toMatchObject({ target_id: ROOT });
    const checks = (management.data?.aws_organizations_organization?.this.lifecycle as { postcondition: { error_message: string }[] }).postcondition;
    expect(checks.some((c) => c.error_message.startsWith('The SERVICE_CONTROL_POLICY policy type is not enabled'))).toBe(true);
  });

  it('is absent unless protectBackupsScp is true', () => {
    const plain = synthApp(exampleConfig()).stacks.management.resource ?? {};
    expect(Object.keys(plain.aws_organizations_policy ?? {})).not.toContain('protect_backups');
  });

  const s = new Scenarios('scp');

  describe('a member-account administrator cannot delete its own backup vault; the deployment role can', () => {
    s.cannot('source admin deletes the local backup vault', { caller: sourceAdmin, action: 'backup:DeleteBackupVault', resource: localVault }, 'ExplicitlyDenied');
    s.can('source admin deletes the local backup vault when the SCP is off', { caller: withoutScp(sourceAdmin), action: 'backup:DeleteBackupVault', resource: localVault });
    s.can('deployment role deletes the local backup vault', { caller: sourceDeployment, action: 'backup:DeleteBackupVault', resource: localVault });
    s.cannot('source admin replaces the local vault access policy', { caller: sourceAdmin, action: 'backup:PutBackupVaultAccessPolicy', resource: localVault }, 'ExplicitlyDenied');
    s.cannot('source admin puts a lock on the local vault (a short maximum would refuse every backup)', { caller: sourceAdmin, action: 'backup:PutBackupVaultLockConfiguration', resource: localVault }, 'ExplicitlyDenied');
    s.can('deployment role updates the local vault access policy', { caller: sourceDeployment, action: 'backup:PutBackupVaultAccessPolicy', resource: localVault });
    s.can('source admin still manages a vault this project does not own', { caller: sourceAdmin, action: 'backup:DeleteBackupVault', resource: teamVault });
  });

  describe('a member-account administrator cannot delete or re-permission the backup role; the deployment role can', () => {
    s.cannot('source admin deletes the backup role', { caller: sourceAdmin, action: 'iam:DeleteRole', resource: backupRole }, 'ExplicitlyDenied');
    s.cannot("source admin rewrites the backup role's trust policy", { caller: sourceAdmin, action: 'iam:UpdateAssumeRolePolicy', resource: backupRole }, 'ExplicitlyDenied');
    s.cannot('source admin attaches a policy to the backup role', { caller: sourceAdmin, action: 'iam:AttachRolePolicy', resource: backupRole }, 'ExplicitlyDenied');
    s.can('deployment role deletes the backup role', { caller: sourceDeployment, action: 'iam:DeleteRole', resource: backupRole });
    s.can('source admin deletes a role this project does not own', { caller: sourceAdmin, action: 'iam:DeleteRole', resource: `arn:aws:iam::${SOURCE}:role/AppRole` });
  });

  describe('a member-account administrator cannot destroy or re-policy the backup key; the deployment role can', () => {
    s.cannot('source admin schedules deletion of the backup key', { caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: backupKeyContext }, 'ExplicitlyDenied');
    s.cannot('source admin disables the backup key', { caller: sourceAdmin, action: 'kms:DisableKey', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: backupKeyContext }, 'ExplicitlyDenied');
    s.cannot('source admin deletes the backup key alias (to escape the alias-scoped deny)', { caller: sourceAdmin, action: 'kms:DeleteAlias', resource: sourceKeyAlias }, 'ExplicitlyDenied');
    s.can('deployment role schedules deletion of the backup key', { caller: sourceDeployment, action: 'kms:ScheduleKeyDeletion', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: backupKeyContext });
    s.can('deployment role deletes the backup key alias', { caller: sourceDeployment, action: 'kms:DeleteAlias', resource: sourceKeyAlias });
    s.can('source admin schedules deletion of a key with another alias', {
      caller: sourceAdmin, action: 'kms:ScheduleKeyDeletion', resource: sourceKey, resourcePolicy: sourceKeyPolicy, context: { 'kms:ResourceAliases': ['alias/app-data'] },
    });
  });

  describe('a member-account administrator cannot take the account out of the organization (and its backup plans with it)', () => {
    s.cannot('source admin leaves the organization', { caller: sourceAdmin, action: 'organizations:LeaveOrganization', resource: '*' }, 'ExplicitlyDenied');
    s.can('deployment role leaves the organization', { caller: sourceDeployment, action: 'organizations:LeaveOrganization', resource: '*' });
  });

  describe('the SCP does not get in the way of AWS Backup or the break-glass role', () => {
    s.can("a source account's AWS Backup role copies into the central vault under the SCP", {
      caller: sourceBackupRole, action: 'backup:CopyIntoBackupVault', resource: centralVault, resourcePolicy: centralVaultPolicy,
    });
    s.can('the break-glass role replaces the central vault access policy under the SCP', {
      caller: breakGlass, action: 'backup:PutBackupVaultAccessPolicy', resource: centralVault, resourcePolicy: centralVaultPolicy,
    });
    s.cannot('a Backup-account administrator replaces the central vault access policy', {
      caller: backupAdmin, action: 'backup:PutBackupVaultAccessPolicy', resource: centralVault, resourcePolicy: centralVaultPolicy,
    }, 'ExplicitlyDenied');
  });

  s.registerDenyEverythingCheck();
});

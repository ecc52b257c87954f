import type { Construct } from 'constructs';
import type { OrgConfig } from '../envs/schema';
import { buildBackupProtectionScp } from '../modules/management/backup-protection-scp';
import { CENTRAL_KEY_ALIAS } from '../modules/backup-account/central-backup-key';
import { OrganizationPolicy } from '../modules/management/organization-policy';
import { OrganizationSetup } from '../modules/management/organization-setup';
import { BackupDelegatedAdministrator } from '../modules/management/backup-delegated-administrator';
import { SOURCE_KEY_ALIAS } from '../modules/source-account/source-backup-key';
import { AccountStack } from './account-stack';
import { addBackupPolicies } from './backup-policies';
import { managementDeploymentRoleArn, memberDeploymentRoleNames } from '../envs/deployment-roles';
import { accountsWithLocalVault } from '../envs/policy-targets';
import { addBackupRole, addLocalVault } from './local-backup';

export const MANAGEMENT_STACK = 'management';

/**
 * `management`: the organization prerequisites and one BACKUP_POLICY per configured policy, whose
 * copy targets are the central vault ARNs read from the backup-account stack's remote state.
 */
export class ManagementStack extends AccountStack {
  constructor(scope: Construct, config: OrgConfig) {
    super(scope, MANAGEMENT_STACK, config, config.organization.managementAccountId, config.regions, managementDeploymentRoleArn(config));
    this.addBackupRegionSettings();
    if (accountsWithLocalVault(config).management) {
      // A policy attached to the root reaches the management account too: it needs the role and vaults.
      addBackupRole(this, config);
      for (const region of config.regions) addLocalVault(this, config, region);
    }
    const provider = this.provider(this.homeRegion);
    const setup = new OrganizationSetup(this, 'organization', {
      manageOrganization: config.manageOrganization,
      policyTypes: config.protectBackupsScp ? ['BACKUP_POLICY', 'SERVICE_CONTROL_POLICY'] : ['BACKUP_POLICY'],
      delegatedAdministration: config.delegatedAdministrator !== undefined,
      provider,
    });
    if (config.delegatedAdministrator) {
      new BackupDelegatedAdministrator(this, 'delegated-administrator', {
        accountId: config.delegatedAdministrator.accountId,
        partition: config.partition,
        managementAccountId: config.organization.managementAccountId,
        organizationId: config.organization.id,
        rootId: config.organization.rootId,
        dependsOn: setup.ready,
        provider,
      });
    }
    // With a delegated administrator that deploys them, the backup policies live in its stack instead.
    if (!config.delegatedAdministrator?.deployBackupPolicies) addBackupPolicies(this, config, provider, setup.ready, setup.accounts);
    if (config.protectBackupsScp) {
      // At the root: every member account, the Backup account included; SCPs never reach the management account.
      new OrganizationPolicy(this, 'protect-backups', {
        type: 'SERVICE_CONTROL_POLICY',
        name: 'org-backup-protect-backups',
        description: 'Only the deployment, AWS Backup and break-glass roles may delete or change the org-backup vaults, role and keys',
        content: backupProtectionScpContent(config),
        targetIds: [config.organization.rootId],
        address: 'protect_backups',
        dependsOn: setup.ready,
        provider,
      });
    }
  }
}

/** The SERVICE_CONTROL_POLICY document of `protectBackupsScp`. */
export function backupProtectionScpContent(config: OrgConfig): object {
  return buildBackupProtectionScp({
    partition: config.partition,
    vaultNames: [config.sourceVaultName, config.backupAccount.vaultName],
    backupRoleName: config.backupRoleName,
    deploymentRoleNames: memberDeploymentRoleNames(config),
    keyAliases: [SOURCE_KEY_ALIAS, CENTRAL_KEY_ALIAS],
    backupAccountId: config.backupAccount.accountId,
    breakGlassRoleArns: config.backupAccount.breakGlassRoleArns,
  });
}

import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import type { OrgConfig } from '../envs/schema';
import { CentralBackupKey } from '../modules/backup-account/central-backup-key';
import { CentralVault } from '../modules/backup-account/central-vault';
import { AirGappedVault } from '../modules/backup-account/air-gapped-vault';
import { AirGappedVaultShare } from '../modules/backup-account/air-gapped-vault-share';
import { RestoreTesting, RestoreTestingRole } from '../modules/backup-account/restore-testing';
import { airGappedShareAccounts, restoreTestingTypes } from '../envs/air-gap-schema';
import { AccountStack } from './account-stack';
import { backupAccountDeploymentRoleArn } from '../envs/deployment-roles';
import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { pinAddress } from '../modules/shared/address';
import { accountsWithLocalVault, coveredAccounts } from '../envs/policy-targets';
import type { BackupServiceRole } from '../modules/shared/backup-service-role';
import { addBackupRole, addLocalVault } from './local-backup';

import { addBackupAccountAlerts } from './alerts';
import { addBackupAccountAudit } from './audit';

export const BACKUP_ACCOUNT_STACK = 'backup-account';

/** The output through which the management stack reads a region's central vault ARN. */
export function centralVaultOutputName(region: string): string {
  return `central_vault_arn_${region.replace(/-/g, '_')}`;
}

/** The output that carries a region's central key ARN. */
export function centralKeyOutputName(region: string): string {
  return `central_key_arn_${region.replace(/-/g, '_')}`;
}

/** The output that carries a region's air-gapped vault ARN (with `backupAccount.airGappedVault`). */
export function airGappedVaultOutputName(region: string): string {
  return `air_gapped_vault_arn_${region.replace(/-/g, '_')}`;
}

/**
 * The output that maps the accounts a backup policy may reach without failing to why (`coveredAccounts`):
 * the stacks holding the policy attachments read it for their reach preconditions, so that they do
 * not grow with the number of accounts.
 */
export const COVERED_ACCOUNTS_OUTPUT = 'policy_covered_accounts';

/** The restore testing role in the Backup account (with `backupAccount.restoreTesting`). */
export const RESTORE_TESTING_ROLE_NAME = 'OrgBackupRestoreTesting';
/** The restore testing plan of every region. */
export const RESTORE_TESTING_PLAN_NAME = 'org_backup_restore_test';

/**
 * `backup-account`: the central key and locked vault of every region, receiving every copy; with
 * `airGappedVault`, a logically air-gapped vault per region shared through AWS RAM with the
 * recovery accounts; with `restoreTesting`, a restore testing plan per region over those vaults.
 */
export class BackupAccountStack extends AccountStack {
  /** The unique id of every role the Backup account's denies exempt, read at plan time, by ARN. */
  private readonly exemptRoleIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, config: OrgConfig) {
    super(scope, BACKUP_ACCOUNT_STACK, config, config.backupAccount.accountId, config.regions, backupAccountDeploymentRoleArn(config));
    this.addBackupRegionSettings();
    const { backupAccount, organization, partition } = config;
    this.exemptRoleIds = exemptRoleUniqueIds(this, config);
    // The copy back to a source account starts here (StartCopyJob), and AWS Backup runs it as the role
    // passed (IamRoleArn): the same AWS Backup role as in every source account (`backupRoleName`, the
    // backup and restore managed policies), the only principal the source vaults let copy in. Once
    // per account: IAM is global.
    this.backupServiceRole();
    for (const region of config.regions) {
      const provider = this.provider(region);
      const key = new CentralBackupKey(this, `key-${region}`, {
        partition,
        region,
        accountId: backupAccount.accountId,
        organizationId: organization.id,
        breakGlassRoleArns: backupAccount.breakGlassRoleArns,
        deploymentRoleArn: backupAccountDeploymentRoleArn(config),
        exemptRoleIds: this.exemptRoleIds,
        address: `central_${region}`,
        provider,
      });
      const central = new CentralVault(this, `vault-${region}`, {
        vaultName: backupAccount.vaultName,
        kmsKeyArn: key.key.arn,
        organizationId: organization.id,
        organizationRootId: organization.rootId,
        breakGlassRoleArns: backupAccount.breakGlassRoleArns,
        deploymentRoleArn: backupAccountDeploymentRoleArn(config),
        exemptRoleIds: this.exemptRoleIds,
        lock: backupAccount.vaultLock,
        address: `central_${region}`,
        provider,
      });
      // An explicit, non-sensitive output: ARNs are not secrets, and plan reviewers must see them.
      new TerraformOutput(this, centralVaultOutputName(region), {
        value: central.vault.arn,
        description: `ARN of the central backup vault in ${region}`,
      });
      new TerraformOutput(this, centralKeyOutputName(region), {
        value: key.key.arn,
        description: `ARN of the central backup vault's KMS key in ${region}`,
      });
      const airGapped = this.airGappedVault(region);
      const restoreTesting = backupAccount.restoreTesting;
      if (restoreTesting) {
        const vaults = [central.vault.arn, ...(airGapped && restoreTesting.includeAirGappedVault ? [airGapped.vault.arn] : [])];
        new RestoreTesting(this, `restore-testing-${region}`, {
          planName: RESTORE_TESTING_PLAN_NAME,
          schedule: restoreTesting.schedule,
          vaultArns: vaults,
          resourceTypes: restoreTestingTypes(this.config),
          recoveryPoint: restoreTesting.recoveryPoint,
          selectionWindowDays: restoreTesting.selectionWindowDays,
          startWindowHours: restoreTesting.startWindowHours,
          roleArn: this.restoreTestingRole().role.arn,
          address: `restore_test_${region}`,
          provider,
        });
      }

      addBackupAccountAlerts(this, config, region);
    }
    addBackupAccountAudit(this, config);
    new TerraformOutput(this, COVERED_ACCOUNTS_OUTPUT, {
      // A map, not a list: the HCL synth would write a list of 12-digit strings as numbers. Passed as a
      // token: given a plain object, cdktf 0.21 tests it with util.isArray, which Node 22 reports as a
      // deprecation on stderr (and the cdktf CLI labels that line [ERROR]).
      value: Token.asAny(coveredAccounts(config)),
      description: 'Accounts (id: why) that have the backup role and vault, or are deliberately excluded: a policy attachment fails its plan if it reaches any other',
    });
    if (accountsWithLocalVault(config).backup) {
      // A policy attached to the root reaches the Backup account too: its own resources are backed up
      // into a local vault under a key of their own, like a source account's, and copied centrally.
      this.backupServiceRole();
      for (const region of config.regions) addLocalVault(this, config, region, 'local-');
    }
  }

  private backupRole?: BackupServiceRole;

  /** The AWS Backup role of the account (`backupRoleName`), created once (IAM is global), whoever needs it first. */
  backupServiceRole(): BackupServiceRole {
    this.backupRole ??= addBackupRole(this, this.config);
    return this.backupRole;
  }

  private restoreRole?: RestoreTestingRole;

  /** The restore testing role, created once (IAM is global) in the home region. */
  private restoreTestingRole(): RestoreTestingRole {
    const { config } = this;
    this.restoreRole ??= new RestoreTestingRole(this, 'restore-testing-role', {
      partition: config.partition,
      roleName: RESTORE_TESTING_ROLE_NAME,
      resourceTypes: restoreTestingTypes(config),
      provider: this.provider(this.homeRegion),
    });
    return this.restoreRole;
  }

  /** The air-gapped vault of a region and its RAM share, when configured. */
  private airGappedVault(region: string): AirGappedVault | undefined {
    const { config } = this;
    const { backupAccount, organization, partition } = config;
    const settings = backupAccount.airGappedVault;
    if (!settings) return undefined;
    const provider = this.provider(region);
    const vault = new AirGappedVault(this, `air-gapped-${region}`, {
      vaultName: settings.name,
      minRetentionDays: settings.minRetentionDays,
      maxRetentionDays: settings.maxRetentionDays,
      encryption: settings.encryption,
      partition,
      region,
      accountId: backupAccount.accountId,
      organizationId: organization.id,
      organizationRootId: organization.rootId,
      breakGlassRoleArns: backupAccount.breakGlassRoleArns,
      deploymentRoleArn: backupAccountDeploymentRoleArn(config),
      exemptRoleIds: this.exemptRoleIds,
      address: `air_gapped_${region}`,
      provider,
    });
    new AirGappedVaultShare(this, `air-gapped-share-${region}`, {
      name: `${settings.name}-${region}`,
      vaultArn: vault.vault.arn,
      accountIds: airGappedShareAccounts(config),
      address: `air_gapped_${region}`,
      provider,
    });
    new TerraformOutput(this, airGappedVaultOutputName(region), {
      value: vault.vault.arn,
      description: `ARN of the logically air-gapped backup vault in ${region}`,
    });
    return vault;
  }
}

/**
 * The unique ids (`AROA...`) of the roles the central vault and key policies exempt, none of which
 * this stack creates (the deployment role, the break-glass roles), read at plan time with
 * `aws_iam_role` data sources (IAM is global: from the home region). The exemptions then require the
 * id as well as the ARN, so a role deleted and re-created under the same name is not exempt; such a
 * role must exist before the stack is planned.
 */
function exemptRoleUniqueIds(stack: BackupAccountStack, config: OrgConfig): Record<string, string> {
  const provider = stack.provider(stack.homeRegion);
  const ids: Record<string, string> = {};
  const used = new Set<string>();
  const read = (arn: string, address: string) => {
    if (ids[arn] !== undefined) return;
    let unique = address;
    for (let i = 2; used.has(unique); i++) unique = `${address}_${i}`;
    used.add(unique);
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    ids[arn] = pinAddress(new DataAwsIamRole(stack, `exempt-role-${unique}`, { provider, name }), unique).uniqueId;
  };
  read(backupAccountDeploymentRoleArn(config), 'deployment');
  for (const arn of config.backupAccount.breakGlassRoleArns) read(arn, `break_glass_${arn.slice(arn.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9_-]/g, '_')}`);
  return ids;
}

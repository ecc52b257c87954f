import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { policyScansForMalware } from '../envs/backup-policy-content';
import type { OrgConfig, SourceAccountConfig } from '../envs/schema';
import { MalwareScanRole } from '../modules/source-account/malware-scan-role';
import { BackupServiceRole } from '../modules/shared/backup-service-role';
import { EbsDefaultEncryption } from '../modules/source-account/ebs-default-encryption';
import { SourceBackupKey } from '../modules/source-account/source-backup-key';
import { SourceVault } from '../modules/source-account/source-vault';
import { AccountStack } from './account-stack';
import { sourceDeploymentRoleArn } from '../envs/deployment-roles';

import { addSourceAccountAlerts } from './alerts';
import { addSourceAccountAudit } from './audit';

/** `source-<name>`: a member account whose tagged resources the organization backup policy backs up. */
export class SourceAccountStack extends AccountStack {
  constructor(scope: Construct, config: OrgConfig, account: SourceAccountConfig) {
    super(scope, `source-${account.name}`, config, account.accountId, config.regions, sourceDeploymentRoleArn(config, account));
    this.addBackupRegionSettings();
    if (account.ou !== undefined) {
      // Only the review report reads it (to group accounts by OU); an output keeps it in cdktf.out.
      new TerraformOutput(this, 'organizational_unit', { value: account.ou, description: 'Where the account sits in the organization (config sourceAccounts[].ou)' });
    }
    // IAM is global: the role is created once, from the home region's provider.
    const malwareScans = config.policies.some(policyScansForMalware);
    new BackupServiceRole(this, 'backup-role', {
      partition: config.partition,
      roleName: config.backupRoleName,
      malwareScans,
      provider: this.provider(this.homeRegion),
    });
    if (malwareScans) {
      new MalwareScanRole(this, 'malware-scan-role', {
        partition: config.partition,
        roleName: config.malwareScanRoleName,
        provider: this.provider(this.homeRegion),
      });
    }
    for (const region of config.regions) {
      const provider = this.provider(region);
      const key = new SourceBackupKey(this, `key-${region}`, {
        partition: config.partition,
        region,
        accountId: account.accountId,
        backupAccountId: config.backupAccount.accountId,
        address: `backup_${region}`,
        provider,
      });
      // One reference for the vault and EBS: cdktf captures a stack trace for every reference created.
      const keyArn = key.key.arn;
      new SourceVault(this, `vault-${region}`, {
        partition: config.partition,
        vaultName: config.sourceVaultName,
        kmsKeyArn: keyArn,
        backupAccountId: config.backupAccount.accountId,
        address: `local_${region}`,
        provider,
      });
      if (account.ebsDefaultEncryption) {
        new EbsDefaultEncryption(this, `ebs-${region}`, { kmsKeyArn: keyArn, address: region, provider });
      }
      addSourceAccountAlerts(this, config, account, region);
      addSourceAccountAudit(this, config, region);
    }
  }
}

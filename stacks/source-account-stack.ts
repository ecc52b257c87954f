import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { OrgConfig, SourceAccountConfig } from '../envs/schema';
import { EbsDefaultEncryption } from '../modules/source-account/ebs-default-encryption';
import { AccountStack } from './account-stack';
import { addBackupRole, addLocalVault } from './local-backup';
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
    addBackupRole(this, config);
    for (const region of config.regions) {
      const provider = this.provider(region);
      const { keyArn } = addLocalVault(this, config, region);
      if (account.ebsDefaultEncryption) {
        new EbsDefaultEncryption(this, `ebs-${region}`, { kmsKeyArn: keyArn, address: region, provider });
      }
      addSourceAccountAlerts(this, config, account, region);
      addSourceAccountAudit(this, config, region);
    }
  }
}

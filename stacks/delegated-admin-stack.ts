import type { Construct } from 'constructs';
import type { OrgConfig } from '../envs/schema';
import { defaultDeploymentRoleArn } from '../envs/deployment-roles';
import { AccountStack } from './account-stack';
import { addBackupPolicies } from './backup-policies';

export const DELEGATED_ADMIN_STACK = 'delegated-admin';

/**
 * `delegated-admin` (with `delegatedAdministrator.deployBackupPolicies`): the backup policies and
 * their attachments, deployed from the AWS Backup delegated administrator's account, which the
 * management stack's Organizations resource policy lets manage backup policies and nothing else.
 * It deploys after the management stack (the delegation must exist first).
 */
export class DelegatedAdminStack extends AccountStack {
  constructor(scope: Construct, config: OrgConfig) {
    const admin = config.delegatedAdministrator;
    if (!admin) throw new Error('DelegatedAdminStack: the configuration has no delegatedAdministrator');
    super(scope, DELEGATED_ADMIN_STACK, config, admin.accountId, [config.regions[0]], defaultDeploymentRoleArn(config, admin.accountId));
    addBackupPolicies(this, config, this.provider(this.homeRegion));
  }
}

/**
 * Which role Terraform assumes in each account: one `deploymentRoleName` for every account, with
 * per-stack overrides, because organizations do not have one role everywhere. Control Tower's
 * `AWSControlTowerExecution` exists in member accounts only, and many pipelines deploy the
 * management stack with their own identity. The fields live here; `deploymentRoleOf` is the one
 * place that answers "which role deploys this account" for the providers, the vault and key
 * exemptions, the SCP and the published modules' examples.
 */
import { z } from 'zod';
import { IAM_ROLE_ARN, IAM_ROLE_NAME } from './fields';
import { fail, type Clean, type Ctx } from './rules';
import type { OrgConfig, SourceAccountConfig } from './schema';

/** `management.deploymentRoleArn: none`: no assumed role, the pipeline's own credentials. */
export const NO_ASSUMED_ROLE = 'none';

export const managementSchema = z
  .strictObject({
    deploymentRoleArn: z
      .union([z.literal(NO_ASSUMED_ROLE), IAM_ROLE_ARN])
      .optional()
      .describe(
        'Role the management stack assumes, an ARN in the management account; none: no assumed role, the credentials the pipeline runs with (still pinned to the management account by allowed_account_ids). Default: deploymentRoleName in the management account.',
      ),
  })
  .describe('How the management stack is deployed.');

export const BACKUP_ACCOUNT_DEPLOYMENT_ROLE = IAM_ROLE_NAME.optional().describe(
  'Role the backup-account stack assumes there, instead of deploymentRoleName; the central vault and key policies exempt this role.',
);
export const SOURCE_ACCOUNT_DEPLOYMENT_ROLE = IAM_ROLE_NAME.optional().describe(
  "Role the account's stack assumes there, instead of deploymentRoleName (e.g. AWSControlTowerExecution).",
);

/** The role ARN a stack's providers assume in the account, or undefined for none. */
export function managementDeploymentRoleArn(config: OrgConfig): string | undefined {
  const arn = config.management?.deploymentRoleArn;
  if (arn === NO_ASSUMED_ROLE) return undefined;
  return arn ?? roleArnIn(config, config.organization.managementAccountId, config.deploymentRoleName);
}

/** Any other member account (the delegated administrator's): `deploymentRoleName` there. */
export function defaultDeploymentRoleArn(config: OrgConfig, accountId: string): string {
  return roleArnIn(config, accountId, config.deploymentRoleName);
}

export function backupAccountDeploymentRoleName(config: OrgConfig): string {
  return config.backupAccount.deploymentRoleName ?? config.deploymentRoleName;
}

export function backupAccountDeploymentRoleArn(config: OrgConfig): string {
  return roleArnIn(config, config.backupAccount.accountId, backupAccountDeploymentRoleName(config));
}

export function sourceDeploymentRoleArn(config: OrgConfig, account: SourceAccountConfig): string {
  return roleArnIn(config, account.accountId, account.deploymentRoleName ?? config.deploymentRoleName);
}

/**
 * Every role name that deploys a member account (the Backup account and the source accounts), each
 * once: the SCP exempts these names in every account, so that an account added later, deployed
 * with the default name, is covered too.
 */
export function memberDeploymentRoleNames(config: OrgConfig): string[] {
  return [...new Set([config.deploymentRoleName, backupAccountDeploymentRoleName(config), ...config.sourceAccounts.map((a) => a.deploymentRoleName ?? config.deploymentRoleName)])];
}

function roleArnIn(config: OrgConfig, accountId: string, roleName: string): string {
  return `arn:${config.partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * The management stack's role must be in the management account: its providers are pinned there.
 * Break-glass roles must be in the Backup account: the central policies exempt them there, and the
 * backup-account stack reads their unique ids there at plan time.
 */
export function checkDeploymentRoles(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (clean(['backupAccount', 'accountId']) && clean.shaped(['backupAccount', 'breakGlassRoleArns'])) {
    cfg.backupAccount.breakGlassRoleArns.forEach((arn, i) => {
      if (!clean(['backupAccount', 'breakGlassRoleArns', i]) || typeof arn !== 'string') return;
      const account = arn.split(':')[4];
      if (account !== cfg.backupAccount.accountId) {
        fail(
          ctx,
          ['backupAccount', 'breakGlassRoleArns', i],
          `the role is in account ${account}, but break-glass roles must be in the Backup account ${cfg.backupAccount.accountId}: the central policies exempt them there, and their unique ids are read there at plan time`,
          arn,
        );
      }
    });
  }
  const path = ['management', 'deploymentRoleArn'];
  const arn = cfg.management?.deploymentRoleArn;
  if (arn === undefined || arn === NO_ASSUMED_ROLE || !clean(path)) return;
  const [, partition, , , account] = arn.split(':');
  if (clean(['partition']) && partition !== cfg.partition) {
    fail(ctx, path, `the ARN is in partition ${partition}, but partition is ${cfg.partition}: expected arn:${cfg.partition}:iam::...`, arn);
  } else if (clean(['organization', 'managementAccountId']) && account !== cfg.organization.managementAccountId) {
    fail(
      ctx,
      path,
      `the role is in account ${account}, but the management stack deploys into the management account ${cfg.organization.managementAccountId}: name a role there, or none for the pipeline's own credentials`,
      arn,
    );
  }
}

/**
 * The rules between fields of the air-gapped vault, its copies, its RAM share, restore testing and
 * the delegated administrator (air-gap-schema.ts), in the validator's form: one issue per problem
 * at the path to fix, with the value given and what AWS allows.
 */
import { cleanItems, fail, type Clean, type Ctx, type Path } from './rules';
import { restoreTestingTypes } from './air-gap-schema';
import type { OrgConfig } from './schema';

/**
 * Regions of AWS Backup where logically air-gapped vaults are not available (AWS Backup developer
 * guide, "Logically air-gapped vault", comparison table): Asia Pacific (Malaysia, Thailand, Taipei,
 * New Zealand), Canada West (Calgary), Mexico (Central), both China regions and both GovCloud regions.
 */
export const AIR_GAPPED_UNAVAILABLE_REGIONS = [
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-east-2',
  'ap-southeast-6',
  'ca-west-1',
  'mx-central-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

export function checkAirGap(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  checkAirGappedVault(cfg, ctx, clean);
  checkAirGappedCopies(cfg, ctx, clean);
  checkRestoreTesting(cfg, ctx, clean);
  checkDelegatedAdministrator(cfg, ctx, clean);
}

function checkAirGappedVault(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const at: Path = ['backupAccount', 'airGappedVault'];
  const vault = cfg.backupAccount?.airGappedVault;
  if (!vault || !clean.shaped(at)) return;
  if (clean([...at, 'minRetentionDays']) && clean([...at, 'maxRetentionDays']) && vault.maxRetentionDays <= vault.minRetentionDays) {
    fail(ctx, [...at, 'maxRetentionDays'], `must be greater than minRetentionDays (${vault.minRetentionDays})`, vault.maxRetentionDays);
  }
  if (clean([...at, 'name']) && clean(['backupAccount', 'vaultName']) && vault.name === cfg.backupAccount.vaultName) {
    fail(ctx, [...at, 'name'], 'is the central vault name (backupAccount.vaultName); vault names are unique in an account and region', vault.name);
  }
  if (clean.shaped(['regions'])) {
    const unavailable = cleanItems(cfg.regions, ['regions'], clean).filter((r): r is string => r !== undefined && AIR_GAPPED_UNAVAILABLE_REGIONS.includes(r));
    if (unavailable.length > 0) {
      fail(ctx, at, `logically air-gapped vaults are not available in ${unavailable.join(', ')} (AWS Backup); remove the region or the air-gapped vault`);
    }
  }
  if (!clean.shaped([...at, 'shareWith'])) return;
  const shareWith = cleanItems(vault.shareWith, [...at, 'shareWith'], clean);
  shareWith.forEach((principal, i) => {
    if (principal === undefined) return;
    const path = [...at, 'shareWith', i];
    if (principal.startsWith('ou-')) {
      fail(ctx, path, 'AWS RAM shares a logically air-gapped vault with accounts only, not with an OU or an organization as a whole: list the account ids, or organization for every source account', principal);
    } else if (clean(['backupAccount', 'accountId']) && principal === cfg.backupAccount.accountId) {
      fail(ctx, path, 'is the Backup account, which owns the vault; share with the accounts that restore from it', principal);
    } else if (shareWith.indexOf(principal) < i) {
      fail(ctx, path, 'listed twice; list each principal once', principal);
    }
  });
}

function checkAirGappedCopies(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (!clean.shaped(['policies'])) return;
  const vault = cfg.backupAccount?.airGappedVault;
  const bounds = vault && clean(['backupAccount', 'airGappedVault', 'minRetentionDays']) && clean(['backupAccount', 'airGappedVault', 'maxRetentionDays']) ? vault : undefined;
  cfg.policies.forEach((policy, p) => {
    if (!clean.shaped(['policies', p, 'rules'])) return;
    policy.rules.forEach((rule, r) => {
      const at: Path = ['policies', p, 'rules', r, 'copyToAirGappedVault'];
      const copy = rule?.copyToAirGappedVault;
      if (!copy || !clean(at)) return;
      if (!vault) {
        // Not configured, unless the Backup account itself is missing or wrong: that has its own error.
        if (clean(['backupAccount', 'airGappedVault'])) {
          fail(ctx, at, 'copies to the air-gapped vault, but backupAccount.airGappedVault is not configured: add it, or remove copyToAirGappedVault');
        }
        return;
      }
      if (bounds && (copy.deleteAfterDays < bounds.minRetentionDays || copy.deleteAfterDays > bounds.maxRetentionDays)) {
        fail(
          ctx,
          [...at, 'deleteAfterDays'],
          `outside the air-gapped vault's retention (minRetentionDays ${bounds.minRetentionDays} to maxRetentionDays ${bounds.maxRetentionDays}): the vault would refuse every copy`,
          copy.deleteAfterDays,
        );
      }
    });
  });
}

function checkRestoreTesting(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const at: Path = ['backupAccount', 'restoreTesting'];
  const testing = cfg.backupAccount?.restoreTesting;
  if (!testing || !clean.shaped([...at, 'resourceTypes'])) return;
  if (testing.resourceTypes === undefined) {
    if (clean.shaped(['policies']) && cfg.policies.every((_, p) => clean(['policies', p, 'selection'])) && restoreTestingTypes(cfg).length === 0) {
      fail(ctx, [...at, 'resourceTypes'], 'the policies select no resource type restore testing supports (Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3): name the types to test, or leave restoreTesting out');
    }
    return;
  }
  const types = cleanItems(testing.resourceTypes, [...at, 'resourceTypes'], clean);
  types.forEach((type, i) => {
    if (type !== undefined && types.indexOf(type) < i) fail(ctx, [...at, 'resourceTypes', i], 'listed twice; list each resource type once', type);
  });
}

function checkDelegatedAdministrator(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const at: Path = ['delegatedAdministrator', 'accountId'];
  const admin = cfg.delegatedAdministrator;
  if (!admin || !clean(at)) return;
  if (clean(['backupAccount', 'accountId']) && admin.accountId === cfg.backupAccount.accountId) {
    fail(
      ctx,
      at,
      'is the Backup account: its administrators could then rewrite the backup policies that feed it and lift the protections of the vaults they guard; choose a separate account',
      admin.accountId,
    );
  }
  if (clean(['organization', 'managementAccountId']) && admin.accountId === cfg.organization.managementAccountId) {
    fail(ctx, at, 'is the management account, which administers AWS Backup already and cannot be registered as its own delegated administrator', admin.accountId);
  }
}

/** Advice on the air-gapped settings that AWS accepts but recommends against. */
export function airGapWarnings(cfg: OrgConfig): string[] {
  const warnings: string[] = [];
  if (cfg.backupAccount.airGappedVault?.encryption === 'customer-managed') {
    warnings.push(
      'backupAccount.airGappedVault.encryption = "customer-managed": AWS recommends the AWS-owned key for logically air-gapped vaults, and a customer-managed key from the same account only for testing: whoever controls the Backup account controls this key, and a disabled or deleted key makes the vault unreadable',
    );
  }
  const admin = cfg.delegatedAdministrator?.accountId;
  const source = cfg.sourceAccounts.findIndex((a) => a.accountId === admin);
  if (source >= 0) {
    warnings.push(
      `delegatedAdministrator.accountId = "${admin}": this is sourceAccounts[${source}]; an administrator of that account could then change the organization's backup policies (and stop the copies out of it): prefer a dedicated account`,
    );
  }
  return warnings;
}

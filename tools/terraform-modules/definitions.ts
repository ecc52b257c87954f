/**
 * The three published modules, each a CDKTF stack built from the project's own constructs with
 * Terraform variables where the app has literal config. Each module uses its caller's default `aws`
 * provider: one call per account and region (Terraform cannot create providers from a list).
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { BackupGlobalSettings } from '@cdktf/provider-aws/lib/backup-global-settings';
import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Fn, TerraformIterator, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable, Token, type IResolvable } from 'cdktf';
import type { Construct } from 'constructs';
import { pinAddress } from '../../modules/shared/address';
import { roleArn } from '../../modules/shared/arn';
import { BACKUP_POLICY_MAX_CHARACTERS } from '../../modules/management/backup-policy-document';
import { BackupServiceRole } from '../../modules/shared/backup-service-role';
import { CentralBackupKey } from '../../modules/backup-account/central-backup-key';
import { CentralVault } from '../../modules/backup-account/central-vault';
import { AirGappedVault } from '../../modules/backup-account/air-gapped-vault';
import { AIR_GAPPED_MIN_RETENTION_DAYS } from '../../modules/backup-account/facts';
import { AirGappedVaultShare } from '../../modules/backup-account/air-gapped-vault-share';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { EbsDefaultEncryption } from '../../modules/source-account/ebs-default-encryption';
import { backupPolicyName, OrganizationPolicy } from '../../modules/management/organization-policy';
import { OrganizationSetup } from '../../modules/management/organization-setup';
import { SourceBackupKey } from '../../modules/source-account/source-backup-key';
import { SourceVault } from '../../modules/source-account/source-vault';
import { MAX_WINDOW_MINUTES } from '../../envs/fields';
import { backupPolicyPlansTemplate, printExpr, ruleObjectType } from './policy-template';
import { declare, matches, PATTERNS, type VariableSpec } from './variables';

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
}

export interface ModuleDefinition {
  readonly name: string;
  /** One paragraph: what the module creates and where to call it. */
  readonly summary: string;
  /** What differs from the CDKTF app, and why. */
  readonly notes: readonly string[];
  /** The inputs whose value lowers the protection of the backups, and what each value allows. */
  readonly weakening: readonly string[];
  readonly variables: readonly VariableSpec[];
  readonly outputs: readonly OutputSpec[];
  /** `locals` entries whose HCL expression the module writes itself (see policy-template.ts), by name. */
  readonly localExpressions?: () => Readonly<Record<string, string>>;
  /** Builds the module's resources into a stack with a default `aws` provider; returns each output's value. */
  build(stack: TerraformStack, provider: AwsProvider): Readonly<Record<string, string>>;
}

/**
 * Inputs every module has, as terraform-aws-modules do: `create` (the toggle the publishing step
 * writes into every resource's count, see tools/modules.ts) and `tags` (merged into every resource
 * that takes tags, after the caller's provider default_tags).
 */
export const COMMON_VARIABLES: readonly VariableSpec[] = [
  {
    name: 'create',
    type: 'bool',
    description: 'Create the resources of this module; false creates nothing (and reads nothing).',
    default: true,
    example: true,
  },
  {
    name: 'tags',
    type: 'map(string)',
    description: "Tags for every resource of this module that takes tags, merged with the provider's default_tags.",
    default: {},
    validation: [
      {
        condition: 'length(var.tags) <= 50 && alltrue([for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])',
        message: 'tags: at most 50; keys of 1 to 128 characters not starting with aws:, values of at most 256.',
      },
    ],
    example: {},
  },
];

/** Every input of a module: its own, then the common ones. */
export function moduleVariables(definition: ModuleDefinition): readonly VariableSpec[] {
  return [...definition.variables, ...COMMON_VARIABLES];
}

/** Whether a resource takes `tags` (its binding has the argument, as the provider schema does). */
function isTaggable(resource: TerraformResource): resource is TerraformResource & { tags: Record<string, string>; readonly tagsInput: Record<string, string> | undefined } {
  return 'tagsInput' in resource;
}

/** A stack for one module: the default provider (removed from the published files), the module's resources. */
export function moduleStack(scope: Construct, definition: ModuleDefinition): TerraformStack {
  const stack = new TerraformStack(scope, definition.name);
  const provider = new AwsProvider(stack, 'aws', {});
  const common = Object.fromEntries(COMMON_VARIABLES.map((spec) => [spec.name, declare(stack, spec)]));
  const values = definition.build(stack, provider);
  for (const resource of childrenOf(stack, TerraformResource)) {
    if (!isTaggable(resource)) continue;
    // The configured tags (the `tags` getter is a reference to the resource's own attribute).
    const own = resource.tagsInput;
    resource.tags = own && Object.keys(own).length > 0 ? Token.asStringMap(Fn.merge([common.tags.value, own])) : Token.asStringMap(common.tags.value);
  }
  const missing = definition.outputs.filter((o) => values[o.name] === undefined).map((o) => o.name);
  if (missing.length > 0 || Object.keys(values).length !== definition.outputs.length) {
    throw new Error(`module ${definition.name}: outputs declared and built differ (missing: ${missing.join(', ') || 'none'})`);
  }
  for (const o of definition.outputs) new TerraformOutput(stack, o.name, { value: values[o.name], description: o.description });
  return stack;
}

/** The partition and account of the caller's provider. */
function currentContext(stack: TerraformStack, provider: AwsProvider) {
  return {
    partition: pinAddress(new DataAwsPartition(stack, 'partition', { provider }), 'current'),
    identity: pinAddress(new DataAwsCallerIdentity(stack, 'identity', { provider }), 'current'),
  };
}

/** `count = var.<flag> ? 1 : 0` on resources the construct created. */
function countIf(resources: readonly TerraformResource[], flag: IResolvable): void {
  for (const resource of resources) resource.count = Token.asNumber(Fn.conditional(flag, 1, 0));
}

function childrenOf<T>(scope: Construct, type: abstract new (...args: never[]) => T): T[] {
  return scope.node.findAll().filter((c): c is T & Construct => c instanceof type);
}

/**
 * The AWS Backup role named `var.backup_role_name`, created where `var.create_backup_role` is true
 * (IAM is global: one region of an account creates it). Its policy attachments follow the role:
 * the same count, the role's name, and created after it.
 */
function optionalBackupRole(stack: TerraformStack, provider: AwsProvider, partition: string, vars: Record<string, TerraformVariable>): void {
  const role = new BackupServiceRole(stack, 'backup-role', { partition, roleName: vars.backup_role_name.stringValue, provider });
  countIf([role.role], vars.create_backup_role.booleanValue);
  for (const attachment of childrenOf(role, IamRolePolicyAttachment)) {
    countIf([attachment], vars.create_backup_role.booleanValue);
    attachment.role = vars.backup_role_name.stringValue;
    attachment.dependsOn = [role.role.fqn];
  }
}

const vaultName = (name: string, fallback: string, what: string): VariableSpec => ({
  name,
  type: 'string',
  description: what,
  default: fallback,
  validation: [matches(name, PATTERNS.vaultName, `${name}: 2 to 50 of letters, digits, hyphen and underscore.`)],
  example: fallback,
});

const roleName = (name: string, fallback: string, what: string): VariableSpec => ({
  name,
  type: 'string',
  description: what,
  default: fallback,
  validation: [matches(name, PATTERNS.iamRoleName, `${name}: 1 to 64 of letters, digits and +=,.@_-.`)],
  example: fallback,
});

const SOURCE_VARIABLES: VariableSpec[] = [
  {
    name: 'backup_account_id',
    type: 'string',
    description: 'The dedicated Backup account: it may use this key for copies and copy recovery points back into the vault.',
    validation: [matches('backup_account_id', PATTERNS.accountId, 'backup_account_id: a 12-digit account id as a string.')],
    example: '222222222222',
  },
  vaultName('vault_name', 'org-local-backup', 'The local vault; the organization backup policy names it as target_backup_vault_name, so it is the same in every account.'),
  roleName('backup_role_name', 'OrgBackupServiceRole', 'The IAM role AWS Backup assumes; the backup policy names it as arn:<partition>:iam::$account:role/<name>. The Backup account\'s role of the same name is the only principal that may copy back into the vault.'),
  {
    name: 'create_backup_role',
    type: 'bool',
    description: 'Create the IAM role (it is global): true in one region of the account, false in the others.',
    default: true,
    example: true,
  },
  {
    name: 'ebs_default_encryption',
    type: 'bool',
    description: "Turn on default EBS encryption in this region with this module's key, so volume snapshots can be copied to the Backup account.",
    default: true,
    example: true,
  },
];

export const SOURCE_ACCOUNT: ModuleDefinition = {
  name: 'source-account',
  summary:
    "A member account's side of organization backups in one region: a customer-managed KMS key the Backup account may use, a local vault encrypted with it whose policy lets the Backup account's AWS Backup role (backup_role_name) copy recovery points back, optional default EBS encryption with the key, and (once per account) the IAM role AWS Backup assumes. Call it in each source account and each region the backup policy covers.",
  notes: [
    'One call per account and region, with that account and region\'s `aws` provider; set `create_backup_role = false` in all but one region of an account (IAM is global).',
    "The account and partition are read from the provider (`aws_caller_identity`, `aws_partition`), not passed in, so the key policy always names the account the key is in.",
    'Tags: set `default_tags` on your provider; the module sets none of its own.',
  ],
  weakening: [
    '`ebs_default_encryption = false`: new EBS volumes are encrypted with the AWS managed key `aws/ebs` (or not at all), which cannot be shared, so their snapshots are never copied to the Backup account. The same holds for any resource under an AWS managed key (`aws/rds`, ...) or a customer key not shared with the Backup account.',
    '`backup_account_id`: the account named here may use the key, and its role named `backup_role_name` may copy recovery points back into the vault; a wrong id hands both to another account.',
    '`create_backup_role = false` in every region: no role exists, and every backup the policy schedules in this account fails.',
  ],
  variables: SOURCE_VARIABLES,
  outputs: [
    { name: 'backup_vault_arn', description: 'ARN of the local backup vault.' },
    { name: 'backup_vault_name', description: 'Name of the local backup vault.' },
    { name: 'kms_key_arn', description: 'ARN of the backup key (also the default EBS key when ebs_default_encryption is on).' },
    { name: 'kms_alias_name', description: 'Alias of the backup key.' },
    { name: 'backup_role_arn', description: 'ARN of the AWS Backup role; null where create_backup_role is false.' },
  ],
  build(stack, provider) {
    const vars = Object.fromEntries(SOURCE_VARIABLES.map((spec) => [spec.name, declare(stack, spec)]));
    const { partition, identity } = currentContext(stack, provider);
    optionalBackupRole(stack, provider, partition.partition, vars);
    const region = pinAddress(new DataAwsRegion(stack, 'region', { provider }), 'current');
    const key = new SourceBackupKey(stack, 'key', {
      partition: partition.partition,
      region: region.region,
      accountId: identity.accountId,
      backupAccountId: vars.backup_account_id.stringValue,
      address: 'this',
      provider,
    });
    const vault = new SourceVault(stack, 'vault', {
      partition: partition.partition,
      vaultName: vars.vault_name.stringValue,
      kmsKeyArn: key.key.arn,
      backupAccountId: vars.backup_account_id.stringValue,
      // The Backup account's AWS Backup role has the same name as this account's (one backupRoleName).
      copyBackRoleName: vars.backup_role_name.stringValue,
      address: 'this',
      provider,
    });
    const ebs = new EbsDefaultEncryption(stack, 'ebs', { kmsKeyArn: key.key.arn, address: 'this', provider });
    countIf([...childrenOf(ebs, EbsEncryptionByDefault), ...childrenOf(ebs, EbsDefaultKmsKey)], vars.ebs_default_encryption.booleanValue);
    return {
      backup_vault_arn: vault.vault.arn,
      backup_vault_name: vault.vault.name,
      kms_key_arn: key.key.arn,
      kms_alias_name: key.alias.name,
      backup_role_arn: '${one(aws_iam_role.backup[*].arn)}',
    };
  },
};

const BACKUP_VARIABLES: VariableSpec[] = [
  {
    name: 'organization_id',
    type: 'string',
    description: 'The AWS Organization id: only its principals may copy into the vault or use the key (aws:PrincipalOrgID).',
    validation: [matches('organization_id', PATTERNS.organizationId, 'organization_id: o- followed by 10 to 32 lowercase letters or digits.')],
    example: 'o-a1b2c3d4e5',
  },
  {
    name: 'organization_root_id',
    type: 'string',
    description: "The organization's root id: copies out of the vault may only go to vaults inside the organization.",
    validation: [matches('organization_root_id', PATTERNS.rootId, 'organization_root_id: r- followed by 4 to 32 lowercase letters or digits.')],
    example: 'r-a1b2',
  },
  vaultName('vault_name', 'org-central-backup', 'The central vault; every copy lands here.'),
  roleName(
    'backup_role_name',
    'OrgBackupServiceRole',
    "The AWS Backup role of this account, which a copy back to a source account (StartCopyJob here) runs as: the source-account module's backup_role_name, the only principal its vaults let copy in.",
  ),
  {
    name: 'create_backup_role',
    type: 'bool',
    description: 'Create that IAM role (it is global): true in one region of the account, false in the others.',
    default: true,
    example: true,
  },
  roleName(
    'deployment_role_name',
    'OrganizationAccountAccessRole',
    'The role Terraform uses in the Backup account: the only principal besides the break-glass role that may change the vault policy and lock.',
  ),
  {
    name: 'break_glass_role_arns',
    type: 'list(string)',
    description:
      'The roles exempt from the denies on deleting or shortening recovery points, deleting or disabling the key, copying out of the organization, and changing the vault policy or lock: zero or more role ARNs.',
    default: [],
    validation: [
      {
        condition: `alltrue([for arn in var.break_glass_role_arns : can(regex(${JSON.stringify(PATTERNS.iamRoleArn)}, arn))]) && length(distinct(var.break_glass_role_arns)) == length(var.break_glass_role_arns)`,
        message: 'break_glass_role_arns: IAM role ARNs (arn:<partition>:iam::<account>:role/<name>), each once.',
      },
    ],
    example: ['arn:aws:iam::222222222222:role/backup-break-glass'],
  },
  {
    name: 'min_retention_days',
    type: 'number',
    description: 'Vault lock: the shortest retention a recovery point in the vault may have.',
    default: 7,
    validation: [{ condition: 'var.min_retention_days >= 1 && floor(var.min_retention_days) == var.min_retention_days', message: 'min_retention_days: a whole number, at least 1.' }],
    example: 7,
  },
  {
    name: 'max_retention_days',
    type: 'number',
    description: 'Vault lock: the longest retention a recovery point in the vault may have (greater than min_retention_days).',
    default: 3650,
    validation: [{ condition: 'var.max_retention_days <= 36500 && floor(var.max_retention_days) == var.max_retention_days', message: 'max_retention_days: a whole number, at most 36500.' }],
    example: 3650,
  },
  {
    name: 'changeable_for_days',
    type: 'number',
    description: 'Vault lock in compliance mode: days (at least 3) before the lock becomes immutable, which cannot be undone. null: governance mode.',
    default: null,
    validation: [
      { condition: 'try(var.changeable_for_days >= 3, var.changeable_for_days == null)', message: 'changeable_for_days: null (governance mode) or at least 3.' },
    ],
    example: 3,
  },
  {
    name: 'create_air_gapped_vault',
    type: 'bool',
    description:
      'Also create a logically air-gapped vault in this region (locked in compliance mode from creation, AWS-owned key), with the same access-policy denies as the central vault, shared through AWS RAM with air_gapped_share_account_ids.',
    default: false,
    example: false,
  },
  vaultName('air_gapped_vault_name', 'org-air-gapped', 'Name of the logically air-gapped vault.'),
  {
    name: 'air_gapped_min_retention_days',
    type: 'number',
    description: 'Shortest retention the air-gapped vault accepts; fixed at creation (changing it replaces the vault).',
    default: 30,
    validation: [
      {
        condition: `var.air_gapped_min_retention_days >= ${AIR_GAPPED_MIN_RETENTION_DAYS} && floor(var.air_gapped_min_retention_days) == var.air_gapped_min_retention_days`,
        message: `air_gapped_min_retention_days: a whole number, at least ${AIR_GAPPED_MIN_RETENTION_DAYS}.`,
      },
    ],
    example: 30,
  },
  {
    name: 'air_gapped_max_retention_days',
    type: 'number',
    description: 'Longest retention the air-gapped vault accepts (greater than air_gapped_min_retention_days, at most 36500); fixed at creation.',
    default: 3650,
    validation: [
      {
        condition: 'var.air_gapped_max_retention_days <= 36500 && var.air_gapped_max_retention_days > var.air_gapped_min_retention_days',
        message: 'air_gapped_max_retention_days: at most 36500 and greater than air_gapped_min_retention_days.',
      },
    ],
    example: 3650,
  },
  {
    name: 'air_gapped_share_account_ids',
    type: 'list(string)',
    description:
      'Accounts of the organization the air-gapped vault is shared with through AWS RAM, so that they can restore from it even when this account is lost (AWS shares these vaults with accounts only, never with an organization or OU).',
    default: [],
    validation: [
      {
        condition: `alltrue([for id in var.air_gapped_share_account_ids : can(regex(${JSON.stringify(PATTERNS.accountId)}, id))])`,
        message: 'air_gapped_share_account_ids: 12-digit account ids.',
      },
    ],
    example: [],
  },
];

export const BACKUP_ACCOUNT: ModuleDefinition = {
  name: 'backup-account',
  summary:
    "The dedicated Backup account in one region: a KMS key that the organization's principals may use only through the services that copy recovery points (AWS Backup, EC2, RDS), the central vault encrypted with it, a key policy that denies disabling or deleting the key to everyone but the break-glass role, a vault access policy that lets the organization copy in and denies deletion, retention shortening and policy changes to everyone but the break-glass role, and the vault lock.",
  notes: [
    "One call per region, with the Backup account's `aws` provider for that region; set `create_backup_role = false` in all but one region (IAM is global).",
    'The break-glass roles are a list (`break_glass_role_arns`, default none): the policies join them with the deployment role by `concat`, and a deny that exempts only break-glass roles carries its exemption only when the list is not empty (`merge` with a plan-time condition).',
    'Vault lock mode follows `changeable_for_days`: null is governance mode, a number is compliance mode. That max_retention_days exceeds min_retention_days is checked by AWS, not by a validation block (cross-variable validation needs Terraform 1.9).',
  ],
  weakening: [
    '`create_air_gapped_vault = false` (the default): no copy survives a compromise of this account\'s deployment role or root, which can re-policy the central key and schedule its deletion (30 days at least).',
    '`air_gapped_share_account_ids`: every account listed can restore any recovery point of the air-gapped vault; an empty list leaves only this account to restore from it.',
    '`break_glass_role_arns`: each role listed is exempt from every deny: it may delete recovery points, shorten their retention, copy them out of the organization, re-policy or unlock the vault and disable or delete the key. Guard them as the most powerful principals of the organization. An empty list (the default) exempts nobody: no recovery point can be deleted before its retention ends, and the deployment role alone can change the vault and key policies.',
    '`changeable_for_days = null` (the default): the lock is in governance mode, which whoever is allowed `backup:DeleteBackupVaultLockConfiguration` can remove (the vault policy denies it to all but the break-glass and deployment roles). A number turns on compliance mode, which nobody can remove once the days have passed.',
    '`min_retention_days`: the shortest retention a copy may have; a low value lets a compromised source account send copies that expire soon.',
    '`deployment_role_name`: this role may change the vault policy and lock and the key policy; whoever can assume it can undo the other denies.',
  ],
  variables: BACKUP_VARIABLES,
  outputs: [
    { name: 'central_vault_arn', description: 'ARN of the central backup vault: the copy target of the backup policy in this region.' },
    { name: 'central_vault_name', description: 'Name of the central backup vault.' },
    { name: 'central_kms_key_arn', description: "ARN of the central vault's KMS key." },
    { name: 'air_gapped_vault_arn', description: 'ARN of the logically air-gapped vault (the organization-policy module\'s air_gapped_vault_arns); null without create_air_gapped_vault.' },
    { name: 'backup_role_arn', description: 'ARN of the AWS Backup role that copies back to the source accounts run as (pass it to StartCopyJob); null where create_backup_role is false.' },
  ],
  build(stack, provider) {
    const vars = Object.fromEntries(BACKUP_VARIABLES.map((spec) => [spec.name, declare(stack, spec)]));
    const { partition, identity } = currentContext(stack, provider);
    // The copy back's role, as the app's backup-account stack has it.
    optionalBackupRole(stack, provider, partition.partition, vars);
    const region = pinAddress(new DataAwsRegion(stack, 'region', { provider }), 'current');
    const breakGlassRoleArns = vars.break_glass_role_arns.listValue;
    const deploymentRoleArn = roleArn(partition.partition, identity.accountId, vars.deployment_role_name.stringValue);
    const key = new CentralBackupKey(stack, 'key', {
      partition: partition.partition,
      region: region.region,
      accountId: identity.accountId,
      organizationId: vars.organization_id.stringValue,
      breakGlassRoleArns,
      deploymentRoleArn,
      address: 'this',
      provider,
    });
    const central = new CentralVault(stack, 'vault', {
      vaultName: vars.vault_name.stringValue,
      kmsKeyArn: key.key.arn,
      organizationId: vars.organization_id.stringValue,
      organizationRootId: vars.organization_root_id.stringValue,
      breakGlassRoleArns,
      deploymentRoleArn,
      // Compliance only when changeable_for_days is set: a null value leaves the lock in governance mode.
      lock: {
        mode: 'compliance',
        minRetentionDays: vars.min_retention_days.numberValue,
        maxRetentionDays: vars.max_retention_days.numberValue,
        changeableForDays: vars.changeable_for_days.numberValue,
      },
      address: 'this',
      provider,
    });
    // The air-gapped vault: AWS-owned key (a customer key per vault is the app's option), counted on its flag.
    const airGapped = new AirGappedVault(stack, 'air-gapped', {
      vaultName: vars.air_gapped_vault_name.stringValue,
      minRetentionDays: vars.air_gapped_min_retention_days.numberValue,
      maxRetentionDays: vars.air_gapped_max_retention_days.numberValue,
      encryption: 'aws-owned',
      partition: partition.partition,
      region: region.region,
      accountId: identity.accountId,
      organizationId: vars.organization_id.stringValue,
      organizationRootId: vars.organization_root_id.stringValue,
      breakGlassRoleArns,
      deploymentRoleArn,
      address: 'air_gapped',
      provider,
    });
    const share = new AirGappedVaultShare(stack, 'air-gapped-share', {
      name: Token.asString(Fn.format('%s-%s', [vars.air_gapped_vault_name.stringValue, region.region])),
      vaultArn: airGapped.vault.arn,
      accountIds: ['shared'],
      address: 'air_gapped',
      provider,
    });
    countIf([airGapped.vault, airGapped.policy, ...childrenOf(share, RamResourceShare), ...childrenOf(share, RamResourceAssociation)], vars.create_air_gapped_vault.booleanValue);
    // One principal association per account: the construct's single one, iterated over the variable.
    const accounts = TerraformIterator.fromList(
      Token.asList(Fn.conditional(vars.create_air_gapped_vault.booleanValue, vars.air_gapped_share_account_ids.listValue, [])),
    );
    for (const association of childrenOf(share, RamPrincipalAssociation)) {
      association.forEach = accounts;
      association.principal = Token.asString(accounts.value);
      association.overrideLogicalId('air_gapped');
    }
    return {
      central_vault_arn: central.vault.arn,
      central_vault_name: central.vault.name,
      central_kms_key_arn: key.key.arn,
      air_gapped_vault_arn: '${one(aws_backup_logically_air_gapped_vault.air_gapped[*].arn)}',
      backup_role_arn: '${one(aws_iam_role.backup[*].arn)}',
    };
  },
};

const POLICY_VARIABLES: VariableSpec[] = [
  {
    name: 'name',
    type: 'string',
    description:
      'The policy name, as in the app: the Organizations policy is org-backup-<name>, its backup plans <name>-<region> (at most 50 characters), its tag selection <name>.',
    validation: [
      matches('name', PATTERNS.policyName, 'name: 1 to 50 of letters, digits, hyphen and underscore.'),
      {
        condition: 'alltrue([for region in var.regions : length("${var.name}-${region}") <= 50])',
        message: 'name: every backup plan name <name>-<region> must have at most 50 characters; shorten name.',
      },
    ],
    example: 'standard',
  },
  {
    name: 'regions',
    type: 'list(string)',
    description: 'Regions the backup plans run in: one plan per region, each copying to the central vault of its own region.',
    validation: [
      {
        condition: `length(var.regions) > 0 && length(distinct(var.regions)) == length(var.regions) && alltrue([for r in var.regions : can(regex(${JSON.stringify(PATTERNS.region)}, r))])`,
        message: 'regions: at least one AWS region code such as eu-west-1, each once.',
      },
    ],
    example: ['eu-west-1'],
  },
  {
    name: 'selection',
    type: 'object({\n  tag_key    = string\n  tag_values = list(string)\n})',
    description: 'The resources backed up: those tagged tag_key with one of tag_values.',
    validation: [
      {
        condition: 'length(var.selection.tag_key) >= 1 && length(var.selection.tag_key) <= 128 && !startswith(lower(var.selection.tag_key), "aws:") && length(var.selection.tag_values) > 0',
        message: 'selection: tag_key of 1 to 128 characters, not starting with aws:, and at least one tag value.',
      },
    ],
    example: { tag_key: 'backup-plan', tag_values: ['standard'] },
  },
  {
    name: 'rules',
    type: `list(${ruleObjectType()})`,
    description:
      'The backup rules: name, schedule (AWS cron or rate, UTC), start and completion windows in minutes, the lifecycle in the source vault, copy_to_backup_account (the lifecycle of the copy in the central vault; null: no copy) and copy_to_air_gapped_vault (the retention of a copy in the air-gapped vault; null: none).',
    validation: [
      {
        condition: `length(var.rules) > 0 && length(distinct([for r in var.rules : r.name])) == length(var.rules) && alltrue([for r in var.rules : can(regex(${JSON.stringify(PATTERNS.ruleName)}, r.name))])`,
        message: 'rules: at least one rule; names of 1 to 50 letters, digits and -_. , each once.',
      },
      {
        condition: `alltrue([for r in var.rules : can(regex(${JSON.stringify('^(cron|rate)\\(.+\\)$')}, r.schedule))])`,
        message: 'rules: schedule must be cron(...) or rate(...).',
      },
      {
        condition: `alltrue([for r in var.rules : r.start_window_minutes >= 60 && r.completion_window_minutes > r.start_window_minutes && r.completion_window_minutes <= ${MAX_WINDOW_MINUTES}])`,
        message: `rules: start_window_minutes at least 60; completion_window_minutes greater than it and at most ${MAX_WINDOW_MINUTES}.`,
      },
      {
        condition:
          'alltrue(flatten([for r in var.rules : [for l in [r.lifecycle, r.copy_to_backup_account] : l == null ? true : (l.move_to_cold_storage_after_days == null || l.delete_after_days == null ? true : l.delete_after_days >= l.move_to_cold_storage_after_days + 90)]]))',
        message: 'rules: delete_after_days must be at least move_to_cold_storage_after_days + 90 (AWS keeps cold storage 90 days at least), in lifecycle and copy_to_backup_account.',
      },
      {
        condition: 'alltrue([for r in var.rules : r.copy_to_backup_account == null ? true : r.copy_to_backup_account.delete_after_days != null])',
        message: 'rules: copy_to_backup_account needs delete_after_days (inside the central vault lock bounds).',
      },
    ],
    example: [],
  },
  {
    name: 'central_vault_arns',
    type: 'map(string)',
    description:
      "The central vault of each region, by region (the backup-account module's central_vault_arn output): the copy target of that region's plan.",
    validation: [
      {
        condition: `alltrue([for region, arn in var.central_vault_arns : can(regex(${JSON.stringify(PATTERNS.backupVaultArn)}, arn)) && split(":", arn)[3] == region])`,
        message: 'central_vault_arns: each value a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>) in the region of its key.',
      },
      {
        condition: 'alltrue([for r in var.rules : r.copy_to_backup_account == null]) || alltrue([for region in var.regions : contains(keys(var.central_vault_arns), region)])',
        message: 'central_vault_arns: rules copy to the Backup account, so every region of regions needs its central vault ARN.',
      },
    ],
    example: {},
  },
  {
    name: 'air_gapped_vault_arns',
    type: 'map(string)',
    description:
      "The logically air-gapped vault of each region, by region: the target of rules with copy_to_air_gapped_vault (empty: no rule copies there).",
    default: {},
    validation: [
      {
        condition: `alltrue([for region, arn in var.air_gapped_vault_arns : can(regex(${JSON.stringify(PATTERNS.backupVaultArn)}, arn)) && split(":", arn)[3] == region])`,
        message: 'air_gapped_vault_arns: each value a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>) in the region of its key.',
      },
      {
        condition: 'alltrue([for r in var.rules : r.copy_to_air_gapped_vault == null]) || alltrue([for region in var.regions : contains(keys(var.air_gapped_vault_arns), region)])',
        message: 'air_gapped_vault_arns: rules copy to the air-gapped vault, so every region of regions needs its air-gapped vault ARN.',
      },
    ],
    example: {},
  },
  {
    name: 'target_ids',
    type: 'list(string)',
    description: 'Where the policy is attached: the root (r-...), OUs (ou-...) or account ids. The policy reaches every account below a root or OU, and each needs the backup role and the local vault.',
    validation: [
      {
        condition: `length(var.target_ids) > 0 && alltrue([for t in var.target_ids : can(regex(${JSON.stringify(PATTERNS.target)}, t))])`,
        message: 'target_ids: at least one of a root id (r-...), an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id.',
      },
    ],
    example: ['r-a1b2'],
  },
  vaultName('vault_name', 'org-local-backup', 'The local vault the plans back up into: the same name in every account (the source-account module\'s vault_name).'),
  roleName('backup_role_name', 'OrgBackupServiceRole', 'The IAM role AWS Backup assumes in every account (the source-account module\'s backup_role_name).'),
  {
    name: 'description',
    type: 'string',
    description: 'Description of the Organizations policy.',
    default: 'Organization backup policy',
    example: 'Backups by tag backup-plan=standard, copied to the Backup account',
  },
  {
    name: 'manage_cross_account_backup',
    type: 'bool',
    description:
      'Manage the cross-account backup setting (aws_backup_global_settings) of the organization. It is one setting per organization: set true in exactly one call of this module.',
    default: false,
    example: true,
  },
];

export const ORGANIZATION_POLICY: ModuleDefinition = {
  name: 'organization-policy',
  summary:
    'One AWS Organizations BACKUP_POLICY and its attachments, in the management account, rendered from typed inputs (regions, rules, selection, the central vault of each region) into AWS backup policy syntax by the same document builder as the app, with plan-time checks that AWS Backup trusted access and the BACKUP_POLICY type are enabled, and (in one call) the cross-account backup setting.',
  notes: [
    'Call it once per policy, with the management account\'s `aws` provider; set `manage_cross_account_backup = true` in one call only.',
    'The document is built in `locals.backup_policy_plans` with `for` expressions over `regions` and `rules`: one plan per region, because a backup policy has no `$region` variable and the copy target differs by region. It is the document the app builds for the same input (tested).',
    'AWS rejects a BACKUP_POLICY longer than 10,000 characters: a precondition on the policy says so at plan time.',
    'The organization prerequisites are checked, never managed: `aws_organizations_organization` owns every trusted service and policy type at once and belongs to whoever runs the organization.',
  ],
  weakening: [
    '`rules[*].copy_to_backup_account = null`: recovery points of that rule stay in the member account only, where an administrator of that account can delete them.',
    '`rules[*].lifecycle.delete_after_days` and `copy_to_backup_account.delete_after_days`: how long a point survives; shorter means less to restore from after a slow-burning attack.',
    '`target_ids`: accounts outside the targets get no backups at all; a root or OU target reaches every account below it, each of which needs the backup role and the local vault.',
  ],
  variables: POLICY_VARIABLES,
  outputs: [
    { name: 'policy_id', description: 'Id of the BACKUP_POLICY.' },
    { name: 'policy_arn', description: 'ARN of the BACKUP_POLICY.' },
    { name: 'policy_content', description: 'The BACKUP_POLICY document as AWS receives it (JSON).' },
    { name: 'attached_target_ids', description: 'The roots, OUs and accounts the policy is attached to.' },
  ],
  localExpressions: () => ({ backup_policy_plans: printExpr(backupPolicyPlansTemplate()) }),
  build(stack, provider) {
    const vars = Object.fromEntries(POLICY_VARIABLES.map((spec) => [spec.name, declare(stack, spec)]));
    const partition = pinAddress(new DataAwsPartition(stack, 'partition', { provider }), 'current');
    new TerraformLocal(stack, 'local-partition', partition.partition).overrideLogicalId('partition');
    // Written by localExpressions: the document built from the variables.
    const plans = new TerraformLocal(stack, 'backup_policy_plans', {});
    const setup = new OrganizationSetup(stack, 'organization', {
      manageOrganization: false,
      policyTypes: ['BACKUP_POLICY'],
      enableHint: 'in the management account (this module checks it and never manages the organization)',
      provider,
    });
    countIf(childrenOf(setup, BackupGlobalSettings), vars.manage_cross_account_backup.booleanValue);
    const content = { plans: plans.asString };
    const policy = new OrganizationPolicy(stack, 'policy', {
      type: 'BACKUP_POLICY',
      name: backupPolicyName(vars.name.stringValue),
      description: vars.description.stringValue,
      content,
      targetIds: ['target'],
      address: 'this',
      dependsOn: setup.ready,
      provider,
    });
    policy.policy.addOverride('lifecycle.precondition', [
      {
        condition: `\${length(jsonencode({ plans = local.backup_policy_plans })) <= ${BACKUP_POLICY_MAX_CHARACTERS}}`,
        error_message: `The rendered BACKUP_POLICY is longer than the ${BACKUP_POLICY_MAX_CHARACTERS} characters AWS accepts: fewer rules, regions or tag values in this call.`,
      },
    ]);
    // One attachment per target id: the construct's single attachment, iterated over the variable.
    const targets = TerraformIterator.fromList(vars.target_ids.listValue);
    for (const attachment of childrenOf(policy, OrganizationsPolicyAttachment)) {
      attachment.forEach = targets;
      attachment.targetId = Token.asString(targets.value);
      attachment.overrideLogicalId('this');
    }
    return {
      policy_id: policy.policy.id,
      policy_arn: policy.policy.arn,
      policy_content: policy.policy.content,
      attached_target_ids: '${[for a in aws_organizations_policy_attachment.this : a.target_id]}',
    };
  },
};

export const MODULES: readonly ModuleDefinition[] = [SOURCE_ACCOUNT, BACKUP_ACCOUNT, ORGANIZATION_POLICY];

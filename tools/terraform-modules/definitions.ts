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
import { Fn, TerraformIterator, TerraformOutput, TerraformStack, Token, type IResolvable, type TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { pinAddress } from '../../modules/shared/address';
import { roleArn } from '../../modules/shared/arn';
import { BACKUP_POLICY_MAX_CHARACTERS } from '../../modules/management/backup-policy-document';
import { BackupServiceRole } from '../../modules/shared/backup-service-role';
import { CentralBackupKey } from '../../modules/backup-account/central-backup-key';
import { CentralVault } from '../../modules/backup-account/central-vault';
import { EbsDefaultEncryption } from '../../modules/source-account/ebs-default-encryption';
import { OrganizationPolicy } from '../../modules/management/organization-policy';
import { OrganizationSetup } from '../../modules/management/organization-setup';
import { SourceBackupKey } from '../../modules/source-account/source-backup-key';
import { SourceVault } from '../../modules/source-account/source-vault';
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
  readonly variables: readonly VariableSpec[];
  readonly outputs: readonly OutputSpec[];
  /** Builds the module's resources into a stack with a default `aws` provider; returns each output's value. */
  build(stack: TerraformStack, provider: AwsProvider): Readonly<Record<string, string>>;
}

/** A stack for one module: the default provider (removed from the published files), the module's resources. */
export function moduleStack(scope: Construct, definition: ModuleDefinition): TerraformStack {
  const stack = new TerraformStack(scope, definition.name);
  const provider = new AwsProvider(stack, 'aws', {});
  const values = definition.build(stack, provider);
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
  roleName('backup_role_name', 'OrgBackupServiceRole', 'The IAM role AWS Backup assumes; the backup policy names it as arn:<partition>:iam::$account:role/<name>.'),
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
    "A member account's side of organization backups in one region: a customer-managed KMS key the Backup account may use, a local vault encrypted with it whose policy lets the Backup account copy recovery points back, optional default EBS encryption with the key, and (once per account) the IAM role AWS Backup assumes. Call it in each source account and each region the backup policy covers.",
  notes: [
    'One call per account and region, with that account and region\'s `aws` provider; set `create_backup_role = false` in all but one region of an account (IAM is global).',
    "The account and partition are read from the provider (`aws_caller_identity`, `aws_partition`), not passed in, so the key policy always names the account the key is in.",
    'Tags: set `default_tags` on your provider; the module sets none of its own.',
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
    const role = new BackupServiceRole(stack, 'backup-role', { partition: partition.partition, roleName: vars.backup_role_name.stringValue, provider });
    countIf([role.role], vars.create_backup_role.booleanValue);
    // The attachments follow the role: same count, the role's name, and created after it.
    for (const attachment of childrenOf(role, IamRolePolicyAttachment)) {
      countIf([attachment], vars.create_backup_role.booleanValue);
      attachment.role = vars.backup_role_name.stringValue;
      attachment.dependsOn = [role.role.fqn];
    }
    const key = new SourceBackupKey(stack, 'key', {
      partition: partition.partition,
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
    'deployment_role_name',
    'OrganizationAccountAccessRole',
    'The role Terraform uses in the Backup account: the only principal besides the break-glass role that may change the vault policy and lock.',
  ),
  {
    name: 'break_glass_role_arn',
    type: 'string',
    description: 'The one principal exempt from the denies on deleting or shortening recovery points and on changing the vault policy or lock.',
    validation: [matches('break_glass_role_arn', PATTERNS.iamRoleArn, 'break_glass_role_arn: an IAM role ARN (arn:<partition>:iam::<account>:role/<name>).')],
    example: 'arn:aws:iam::222222222222:role/backup-break-glass',
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
];

export const BACKUP_ACCOUNT: ModuleDefinition = {
  name: 'backup-account',
  summary:
    "The dedicated Backup account in one region: a KMS key that the organization's principals may use only through the services that copy recovery points (AWS Backup, EC2, RDS), the central vault encrypted with it, a key policy that denies disabling or deleting the key to everyone but the break-glass role, a vault access policy that lets the organization copy in and denies deletion, retention shortening and policy changes to everyone but the break-glass role, and the vault lock.",
  notes: [
    "One call per region, with the Backup account's `aws` provider for that region.",
    'One break-glass role (`break_glass_role_arn`, required) instead of the app\'s list: the vault policy appends the deployment role to it, which a list variable cannot be spread into.',
    'Vault lock mode follows `changeable_for_days`: null is governance mode, a number is compliance mode. That max_retention_days exceeds min_retention_days is checked by AWS, not by a validation block (cross-variable validation needs Terraform 1.9).',
  ],
  variables: BACKUP_VARIABLES,
  outputs: [
    { name: 'central_vault_arn', description: 'ARN of the central backup vault: the copy target of the backup policy in this region.' },
    { name: 'central_vault_name', description: 'Name of the central backup vault.' },
    { name: 'central_kms_key_arn', description: "ARN of the central vault's KMS key." },
  ],
  build(stack, provider) {
    const vars = Object.fromEntries(BACKUP_VARIABLES.map((spec) => [spec.name, declare(stack, spec)]));
    const { partition, identity } = currentContext(stack, provider);
    const region = pinAddress(new DataAwsRegion(stack, 'region', { provider }), 'current');
    const breakGlassRoleArns = [vars.break_glass_role_arn.stringValue];
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
    return { central_vault_arn: central.vault.arn, central_vault_name: central.vault.name, central_kms_key_arn: key.key.arn };
  },
};

const POLICY_VARIABLES: VariableSpec[] = [
  {
    name: 'name',
    type: 'string',
    description: 'Name of the AWS Organizations policy.',
    validation: [{ condition: 'length(var.name) >= 1 && length(var.name) <= 128', message: 'name: 1 to 128 characters.' }],
    example: 'org-backup-standard',
  },
  {
    name: 'description',
    type: 'string',
    description: 'Description of the policy.',
    default: 'Organization backup policy',
    example: 'Backups by tag backup-plan=standard, copied to the Backup account',
  },
  {
    name: 'content',
    type: 'string',
    description:
      'The BACKUP_POLICY document as JSON, in AWS backup policy syntax (plans, @@assign). `npm run synth` of this project renders one per configured policy; the example reads one from a file.',
    validation: [
      { condition: 'can(jsondecode(var.content).plans)', message: 'content: a JSON document with a top-level "plans" object.' },
      {
        condition: `length(var.content) <= ${BACKUP_POLICY_MAX_CHARACTERS}`,
        message: `content: AWS accepts a backup policy of at most ${BACKUP_POLICY_MAX_CHARACTERS} characters.`,
      },
    ],
    example: '${file("${path.module}/backup-policy.json")}',
  },
  {
    name: 'target_ids',
    type: 'list(string)',
    description: 'Where the policy is attached: the root (r-...), OUs (ou-...) or account ids.',
    validation: [
      {
        condition: `length(var.target_ids) > 0 && alltrue([for t in var.target_ids : can(regex(${JSON.stringify(PATTERNS.target)}, t))])`,
        message: 'target_ids: at least one of a root id (r-...), an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id.',
      },
    ],
    example: ['r-a1b2'],
  },
  {
    name: 'manage_cross_account_backup',
    type: 'bool',
    description: 'Manage the cross-account backup setting (aws_backup_global_settings): true in exactly one call per organization.',
    default: true,
    example: true,
  },
];

export const ORGANIZATION_POLICY: ModuleDefinition = {
  name: 'organization-policy',
  summary:
    'One AWS Organizations BACKUP_POLICY and its attachments, in the management account, with plan-time checks that AWS Backup trusted access and the BACKUP_POLICY type are enabled, and the cross-account backup setting.',
  notes: [
    "The policy document is an input (`content`), not built from lists of rules and regions: its keys (plan, rule and copy-target names) must be literal, and Terraform variables cannot be object keys in the document the app builds. Render it with this project's `npm run synth`, or write it in AWS's backup policy syntax.",
    'The organization prerequisites are checked, never managed: `aws_organizations_organization` owns every trusted service and policy type at once and belongs to whoever runs the organization.',
    'Call it once per policy; set `manage_cross_account_backup = true` in one call only.',
  ],
  variables: POLICY_VARIABLES,
  outputs: [
    { name: 'policy_id', description: 'Id of the BACKUP_POLICY.' },
    { name: 'policy_arn', description: 'ARN of the BACKUP_POLICY.' },
    { name: 'attached_target_ids', description: 'The roots, OUs and accounts the policy is attached to.' },
  ],
  build(stack, provider) {
    const vars = Object.fromEntries(POLICY_VARIABLES.map((spec) => [spec.name, declare(stack, spec)]));
    const setup = new OrganizationSetup(stack, 'organization', { manageOrganization: false, policyTypes: ['BACKUP_POLICY'], provider });
    countIf(childrenOf(setup, BackupGlobalSettings), vars.manage_cross_account_backup.booleanValue);
    const policy = new OrganizationPolicy(stack, 'policy', {
      type: 'BACKUP_POLICY',
      name: vars.name.stringValue,
      description: vars.description.stringValue,
      // Literal key, token value: the same jsonencode path as the app's documents.
      content: { plans: Token.asString(Fn.lookup(Fn.jsondecode(vars.content.stringValue), 'plans')) },
      targetIds: ['target'],
      address: 'this',
      dependsOn: setup.ready,
      provider,
    });
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
      attached_target_ids: '${[for a in aws_organizations_policy_attachment.this : a.target_id]}',
    };
  },
};

export const MODULES: readonly ModuleDefinition[] = [SOURCE_ACCOUNT, BACKUP_ACCOUNT, ORGANIZATION_POLICY];

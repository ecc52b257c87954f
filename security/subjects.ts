/**
 * What the security proofs need to know, read from the synthesized output (never from the config),
 * so that the review report can prove the properties of any `cdktf.out`: the organization and its
 * root (from the central vault's policy), the accounts (from each stack's pinned provider), the
 * deployment role (the role each provider assumes), the break-glass role (the one exempted from the
 * central vault's and key's denies besides the deployment role), and per region the vaults and keys
 * with their policies exactly as Terraform receives them.
 */
import { SynthesizedApp, type SynthesizedResource } from '../checks/model';
import { isOrganizationCopyTarget } from '../checks/vaults';
import { readJsonDocument } from '../output/terraform-expression';
import type { StackJson, SynthOutput } from '../output/synth-output';
import { modelledRoleId, type PolicyJson } from './requests';

/** The stack names `stacks/org-backup-app.ts` gives. */
export const BACKUP_STACK = 'backup-account';
export const MANAGEMENT_STACK = 'management';
const SOURCE_STACK_PREFIX = 'source-';

export interface VaultSubject {
  readonly region: string;
  readonly vaultName: string;
  readonly vaultArn: string;
  /** Address of the vault access policy, and the policy as synthesized. */
  readonly vaultPolicyAddress: string;
  readonly vaultPolicy: PolicyJson;
  readonly keyAddress: string;
  readonly keyPolicy: PolicyJson;
  /** The key's aliases (`alias/org-backup`). */
  readonly keyAliases: readonly string[];
}

export interface AccountSubject {
  readonly stack: string;
  /** The source account's name (stack name without `source-`), or the stack name. */
  readonly name: string;
  readonly accountId: string;
  /** The role every provider of the stack assumes: Terraform's deployment role. */
  readonly deploymentRoleArn: string;
  /** Vaults and keys by region. */
  readonly vaults: Readonly<Record<string, VaultSubject>>;
}

export interface SourceSubject extends AccountSubject {
  /** Name of the role AWS Backup assumes (the role trusting backup.amazonaws.com). */
  readonly backupRoleName: string;
}

export interface ScpSubject {
  readonly address: string;
  readonly name: string;
  readonly policy: PolicyJson;
  readonly targets: readonly string[];
}

export interface SecuritySubjects {
  readonly partition: string;
  readonly organizationId: string;
  readonly rootId: string;
  /** The organization path of a member account: under the first OU a policy is attached to, else the root. */
  readonly memberOrgPath: string;
  readonly regions: readonly string[];
  /** The Backup account, with the AWS Backup role its copy jobs back to the source accounts run as. */
  readonly backupAccount: AccountSubject & { readonly backupRoleName: string };
  /** The break-glass role, if the central policies exempt one. */
  readonly breakGlassRoleArn?: string;
  /** Source accounts in deploy order (the management stack's dependencies). */
  readonly sources: readonly SourceSubject[];
  /** Service control policies of the management stack; empty when `protectBackupsScp` is off. */
  readonly scps: readonly ScpSubject[];
}

export class SubjectError extends Error {}

/** `app` is the output's SynthesizedApp when the caller has one already. */
export function readSecuritySubjects(out: SynthOutput, app: SynthesizedApp = new SynthesizedApp(out.stacks)): SecuritySubjects {
  const backupStack = requireStack(out, BACKUP_STACK);
  const partition = partitionOf(backupStack);
  // The central vaults: those open to the organization's copies (the Backup account may also hold a
  // local vault of its own, for the backup policies that reach it).
  const backupAccount = {
    ...accountSubject(out, app, BACKUP_STACK, partition, (vault) => isOrganizationCopyTarget(app, vault)),
    backupRoleName: backupRoleName(app, BACKUP_STACK),
  };
  const regions = Object.keys(backupAccount.vaults).sort();
  if (regions.length === 0) throw new SubjectError(`stack ${BACKUP_STACK} has no backup vault`);
  const centralPolicies = Object.values(backupAccount.vaults).flatMap((v) => [v.vaultPolicy, v.keyPolicy]);

  const organizationId = first(centralPolicies.flatMap((p) => conditionValues(p, 'aws:PrincipalOrgID')), 'an aws:PrincipalOrgID condition in the central vault or key policies');
  const management = out.stacks[MANAGEMENT_STACK];
  const attachmentTargets = Object.values(management?.resource?.aws_organizations_policy_attachment ?? {}).map((a) => String(a.target_id));
  const rootId = first(
    [
      ...centralPolicies.flatMap((p) => conditionValues(p, 'backup:CopyTargetOrgPaths')).map((path) => path.split('/')[1] ?? ''),
      ...attachmentTargets,
    ].filter((id) => /^r-[0-9a-z]+$/.test(id)),
    'the organization root in the central vault policy (backup:CopyTargetOrgPaths) or a policy attachment',
  );
  const ou = attachmentTargets.find((id) => /^ou-[0-9a-z]+-[0-9a-z]+$/.test(id));

  const sourceNames = sourceStacks(out);
  if (sourceNames.length === 0) throw new SubjectError('the output has no source-account stack');
  const sources = sourceNames.map((stack) => ({ ...accountSubject(out, app, stack, partition), backupRoleName: backupRoleName(app, stack) }));

  const exempted = centralPolicies.flatMap(exemptedPrincipals).filter((arn) => arn !== backupAccount.deploymentRoleArn && !/[*?]/.test(arn));
  return {
    partition,
    organizationId,
    rootId,
    memberOrgPath: `${organizationId}/${rootId}/${ou ? `${ou}/` : ''}`,
    regions,
    backupAccount,
    breakGlassRoleArn: exempted[0],
    sources,
    scps: management ? scpSubjects(management) : [],
  };
}

function requireStack(out: SynthOutput, name: string): StackJson {
  const stack = out.stacks[name];
  if (!stack) throw new SubjectError(`the output has no stack ${name}`);
  return stack;
}

/**
 * The local vaults of the management or Backup account (its vaults not open to the organization's
 * copies: the ones a backup policy attached to the root runs into there) with the account's backup
 * role, read like a source account's, so that the source-vault proofs can be run on them.
 */
export function localVaultSubject(out: SynthOutput, stack: string): SourceSubject {
  const app = new SynthesizedApp(out.stacks);
  const partition = partitionOf(requireStack(out, BACKUP_STACK));
  const subject = accountSubject(out, app, stack, partition, (vault) => !isOrganizationCopyTarget(app, vault));
  if (Object.keys(subject.vaults).length === 0) throw new SubjectError(`stack ${stack} has no local backup vault`);
  return { ...subject, backupRoleName: backupRoleName(app, stack) };
}

/** Source stacks in deploy order: as the management stack lists them, then any others by name. */
function sourceStacks(out: SynthOutput): string[] {
  const all = Object.keys(out.stacks).filter((name) => name.startsWith(SOURCE_STACK_PREFIX));
  // Sets, not Array.includes: with 10,000 source stacks the lists' quadratic scans took a second.
  const present = new Set(all);
  const ordered = (out.manifest.stacks[MANAGEMENT_STACK]?.dependencies ?? []).filter((name) => present.has(name));
  const listed = new Set(ordered);
  return [...ordered, ...all.filter((name) => !listed.has(name)).sort()];
}

interface ProviderJson {
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
  readonly assume_role?: readonly { role_arn?: string }[];
}

function providersOf(stack: StackJson): ProviderJson[] {
  return (stack.provider?.aws ?? []) as ProviderJson[];
}

function partitionOf(stack: StackJson): string {
  const arn = providersOf(stack).flatMap((p) => p.assume_role ?? []).find((r) => r.role_arn)?.role_arn;
  return arn?.split(':')[1] ?? 'aws';
}

function accountSubject(
  out: SynthOutput,
  app: SynthesizedApp,
  stack: string,
  partition: string,
  isSubject: (vault: SynthesizedResource) => boolean = () => true,
): AccountSubject {
  const providers = providersOf(requireStack(out, stack));
  const accountId = first(providers.flatMap((p) => p.allowed_account_ids ?? []), `allowed_account_ids on the providers of stack ${stack}`);
  const deploymentRoleArn = first(
    providers.flatMap((p) => p.assume_role ?? []).flatMap((r) => (r.role_arn ? [r.role_arn] : [])),
    `an assume_role on the providers of stack ${stack}`,
  );
  const vaults: Record<string, VaultSubject> = {};
  for (const vault of app.inStack(stack, 'aws_backup_vault').filter(isSubject)) {
    if (!vault.region) throw new SubjectError(`${stack} ${vault.address}: no provider region`);
    if (vaults[vault.region]) throw new SubjectError(`${stack} has more than one backup vault in ${vault.region}`);
    vaults[vault.region] = vaultSubject(out, app, stack, vault, accountId, partition);
  }
  return { stack, name: stack.startsWith(SOURCE_STACK_PREFIX) ? stack.slice(SOURCE_STACK_PREFIX.length) : stack, accountId, deploymentRoleArn, vaults };
}

function vaultSubject(out: SynthOutput, app: SynthesizedApp, stack: string, vault: SynthesizedResource, accountId: string, partition: string): VaultSubject {
  const vaultName = String(vault.body.name);
  const policy = app.inStack(stack, 'aws_backup_vault_policy').find((p) => app.referenced(p, p.body.backup_vault_name)?.address === vault.address || (p.body.backup_vault_name === vaultName && p.region === vault.region));
  if (!policy) throw new SubjectError(`${stack} ${vault.address}: no aws_backup_vault_policy for it`);
  const key = app.referenced(vault, vault.body.kms_key_arn);
  if (!key || key.type !== 'aws_kms_key') throw new SubjectError(`${stack} ${vault.address}: kms_key_arn does not reference a key of the stack`);
  const keyAliases = app
    .inStack(stack, 'aws_kms_alias')
    .filter((alias) => app.referenced(alias, alias.body.target_key_id)?.address === key.address)
    .map((alias) => String(alias.body.name));
  return {
    region: vault.region as string,
    vaultName,
    vaultArn: `arn:${partition}:backup:${vault.region}:${accountId}:backup-vault:${vaultName}`,
    vaultPolicyAddress: policy.address,
    vaultPolicy: synthesizedPolicy(policy, 'policy', out),
    keyAddress: key.address,
    keyPolicy: synthesizedPolicy(key, 'policy', out),
    keyAliases,
  };
}

/** The address of the AWS Backup role (`BackupServiceRole`) in every stack that has one. */
const BACKUP_ROLE_ADDRESS = 'aws_iam_role.backup';

/** The role of the stack that only AWS Backup may assume. */
function backupRoleName(app: SynthesizedApp, stack: string): string {
  const roles = app.inStack(stack, 'aws_iam_role').filter((r) => {
    const trust = synthesizedPolicy(r, 'assume_role_policy');
    return statements(trust).some((s) => s.Effect === 'Allow' && asList((s.Principal as { Service?: unknown } | undefined)?.Service).includes('backup.amazonaws.com'));
  });
  // The Backup account has a restore testing role too: the AWS Backup role is the one at its pinned address.
  const role = roles.length > 1 ? roles.filter((r) => r.address === BACKUP_ROLE_ADDRESS) : roles;
  if (role.length !== 1) throw new SubjectError(`stack ${stack}: expected one role trusting backup.amazonaws.com (or one at ${BACKUP_ROLE_ADDRESS}), found ${roles.length}`);
  return String(role[0].body.name);
}

function scpSubjects(management: StackJson): ScpSubject[] {
  const attachments = Object.values(management.resource?.aws_organizations_policy_attachment ?? {});
  return Object.entries(management.resource?.aws_organizations_policy ?? {})
    .filter(([, body]) => body.type === 'SERVICE_CONTROL_POLICY')
    .map(([name, body]) => {
      const address = `aws_organizations_policy.${name}`;
      const policy = parseDocument(body.content, `${MANAGEMENT_STACK} ${address}.content`);
      return {
        address,
        name: String(body.name),
        policy,
        targets: attachments.filter((a) => a.policy_id === `\${${address}.id}`).map((a) => String(a.target_id)),
      };
    });
}

/**
 * A policy attribute of a synthesized resource, parsed as Terraform will send it (`jsonencode` or a
 * JSON string). Given the output, a role's unique id read by an `aws_iam_role` data source of the
 * stack (`${data.aws_iam_role.<name>.unique_id}`) becomes the id the proofs model for that role in
 * the resource's account (`modelledRoleId`), as Terraform would fill in the real one at plan time.
 */
export function synthesizedPolicy(resource: SynthesizedResource, attribute: string, out?: SynthOutput): PolicyJson {
  const value = resource.body[attribute];
  return parseDocument(out && typeof value === 'string' ? withModelledRoleIds(value, out.stacks[resource.stack], resource.account) : value, `${resource.stack} ${resource.address}.${attribute}`);
}

/**
 * The text of a policy with every `${data.aws_iam_role.<name>.unique_id}` of the stack replaced by
 * the id the proofs model for that role in the account (`modelledRoleId`); a reference to a data
 * source the stack does not declare, or without an account, is left as it is. The review uses it
 * too, so that its documents and the scenarios' policies are the same text.
 */
export function withModelledRoleIds(value: string, stack: StackJson | undefined, account: string | undefined): string {
  const roles = (stack?.data?.aws_iam_role ?? {}) as Record<string, { name?: unknown }>;
  return value.replace(/\$\{data\.aws_iam_role\.([A-Za-z0-9_-]+)\.unique_id\}/g, (ref, id: string) => {
    const name = roles[id]?.name;
    return typeof name === 'string' && account ? modelledRoleId(account, name) : ref;
  });
}

function parseDocument(value: unknown, what: string): PolicyJson {
  if (typeof value !== 'string') throw new SubjectError(`${what} is not a policy document`);
  let policy: PolicyJson;
  try {
    policy = readJsonDocument(value) as PolicyJson;
  } catch (err) {
    throw new SubjectError(`${what} is not readable JSON: ${(err as Error).message}`);
  }
  if (JSON.stringify(policy).includes('${')) {
    throw new SubjectError(`${what} holds a Terraform reference; it cannot be evaluated as written`);
  }
  return policy;
}

type StatementJson = Record<string, unknown>;

function statements(policy: PolicyJson): StatementJson[] {
  const raw = (policy as { Statement?: unknown }).Statement;
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as StatementJson[];
}

function asList(value: unknown): string[] {
  return value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String);
}

/** Every value of a condition key in the policy, under any operator (keys compare case-insensitively). */
function conditionValues(policy: PolicyJson, key: string): string[] {
  return statements(policy).flatMap((s) =>
    Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap((entries) =>
      Object.entries(entries).flatMap(([k, v]) => (k.toLowerCase() === key.toLowerCase() ? asList(v) : [])),
    ),
  );
}

/** Principal ARNs a Deny statement exempts through `ArnNotLike`/`ArnNotEquals` on aws:PrincipalArn. */
function exemptedPrincipals(policy: PolicyJson): string[] {
  return statements(policy)
    .filter((s) => s.Effect === 'Deny')
    .flatMap((s) =>
      Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>)
        .filter(([op]) => op === 'ArnNotLike' || op === 'ArnNotEquals')
        .flatMap(([, entries]) => Object.entries(entries).flatMap(([k, v]) => (k.toLowerCase() === 'aws:principalarn' ? asList(v) : []))),
    );
}

function first(values: readonly string[], what: string): string {
  if (values.length === 0) throw new SubjectError(`the output has no ${what}`);
  return values[0];
}

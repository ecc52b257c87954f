/**
 * What a reviewer needs to know, read back from the synthesized output (never from the config):
 * accounts and regions per stack, vaults and their locks, and the backup policies as AWS will
 * receive them, with the copy targets resolved through remote state to the vault they name.
 */
import { readJsonDocument } from '../../output/terraform-expression';
import { dataSourcesOf, resourcesOf, type AddressedResource, type StackJson, type SynthOutput } from '../../output/synth-output';

export interface StackView {
  readonly name: string;
  readonly accountId: string;
  /** `the Backup account`, `the management account`, or the source account's name. */
  readonly accountLabel: string;
  readonly regions: readonly string[];
  readonly resources: readonly AddressedResource[];
  readonly dataSources: readonly AddressedResource[];
  /** Stacks whose remote state this stack reads. */
  readonly remoteStates: readonly string[];
  readonly dependencies: readonly string[];
  readonly vaults: readonly VaultView[];
  /** The roles the stack's providers assume: Terraform's deployment role. */
  readonly deploymentRoles: readonly string[];
  /** `sourceAccounts[].ou`, kept as the stack's `organizational_unit` output. */
  readonly ou?: string;
}

export interface VaultView {
  readonly address: string;
  readonly name: string;
  readonly region: string;
  readonly lock?: { readonly minRetentionDays: number; readonly maxRetentionDays: number; readonly mode: 'governance' | 'compliance' };
  /** Accounts whose root the vault access policy allows to copy in. */
  readonly copyInAccounts: readonly string[];
  /** The policy lets any principal of an organization copy in. */
  readonly copyInFromOrganization: boolean;
}

export interface Retention {
  readonly moveToColdStorageAfterDays?: number;
  readonly deleteAfterDays?: number;
}

export interface CopyView {
  /** The `copy_actions` key: the target vault ARN as written in the policy. */
  readonly targetArn: string;
  readonly vaultName: string;
  readonly region: string;
  readonly accountId: string;
  /** Where the `target_backup_vault_arn` value comes from, when it is a reference. */
  readonly resolvedFrom?: string;
  readonly lifecycle: Retention;
}

export interface RuleView {
  readonly name: string;
  readonly schedule: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly vaultName: string;
  readonly lifecycle: Retention;
  readonly copies: readonly CopyView[];
}

export interface PlanView {
  readonly name: string;
  readonly regions: readonly string[];
  readonly selection: readonly { name: string; tagKey: string; tagValues: readonly string[]; roleArn: string }[];
  readonly rules: readonly RuleView[];
}

export interface PolicyView {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  /** Root, OU or account ids the policy is attached to. */
  readonly targets: readonly string[];
  readonly plans: readonly PlanView[];
}

export interface ReviewModel {
  readonly stacks: readonly StackView[];
  readonly policies: readonly PolicyView[];
}

export function buildReviewModel(out: SynthOutput): ReviewModel {
  const names = Object.keys(out.manifest.stacks).sort(byDeployOrder);
  // State key -> stack, once: each stack's remote states are looked up in it.
  const keyOwner = new Map(Object.entries(out.stacks).map(([name, s]) => [String(s.terraform?.backend?.s3?.key ?? ''), name]));
  const stacks = names.map((name) => stackView(out, name, keyOwner));
  const policies = names.flatMap((name) => policyViews(out, name));
  return { stacks, policies };
}

/** Backup account first, management last, sources by name between: the order they deploy in. */
function byDeployOrder(a: string, b: string): number {
  const rank = (s: string) => (s === 'backup-account' ? 0 : s === 'management' ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function stackView(out: SynthOutput, name: string, keyOwner: ReadonlyMap<string, string>): StackView {
  const stack = out.stacks[name];
  const providers = stack.provider?.aws ?? [];
  const accountIds = [...new Set(providers.flatMap((p) => (p.allowed_account_ids as string[] | undefined) ?? []))];
  const accountId = accountIds.join(', ') || 'unknown';
  const resources = resourcesOf(stack);
  return {
    name,
    accountId,
    accountLabel: accountLabel(name),
    regions: providers.map((p) => p.region as string),
    resources,
    dataSources: dataSourcesOf(stack),
    remoteStates: remoteStateStacks(keyOwner, stack),
    dependencies: out.manifest.stacks[name].dependencies,
    vaults: vaultViews(stack, resources),
    deploymentRoles: [...new Set(providers.flatMap((p) => ((p.assume_role as { role_arn?: string }[] | undefined) ?? []).map((r) => String(r.role_arn))))],
    ou: typeof stack.output?.organizational_unit?.value === 'string' ? stack.output.organizational_unit.value : undefined,
  };
}

function accountLabel(stack: string): string {
  if (stack === 'backup-account') return 'the Backup account';
  if (stack === 'management') return 'the management account';
  return stack.replace(/^source-/, '');
}

/** A remote-state data source names another stack by its state key. */
function remoteStateStacks(keyOwner: ReadonlyMap<string, string>, stack: StackJson): string[] {
  return Object.values(stack.data?.terraform_remote_state ?? {}).map((body) => {
    const key = String((body.config as Record<string, unknown> | undefined)?.key ?? '');
    return keyOwner.get(key) ?? `state ${key}`;
  });
}

function regionOf(stack: StackJson, body: Record<string, unknown>): string {
  const alias = String(body.provider ?? '').replace(/^aws\./, '');
  const provider = (stack.provider?.aws ?? []).find((p) => p.alias === alias);
  return String(provider?.region ?? (alias || 'default'));
}

function vaultViews(stack: StackJson, resources: readonly AddressedResource[]): VaultView[] {
  const byAddress = (type: string, name: string) => resources.find((r) => r.type === type && r.name === name)?.body;
  return resources
    .filter((r) => r.type === 'aws_backup_vault')
    .map((vault) => {
      const lock = byAddress('aws_backup_vault_lock_configuration', vault.name);
      const policyText = byAddress('aws_backup_vault_policy', vault.name)?.policy;
      const statements = policyText ? statementsOf(readJsonDocument(String(policyText))) : [];
      const copyIn = statements.filter(
        (s) => s.Effect === 'Allow' && asList(s.Action).includes('backup:CopyIntoBackupVault'),
      );
      return {
        address: vault.address,
        name: String(vault.body.name),
        region: regionOf(stack, vault.body),
        lock: lock
          ? {
              minRetentionDays: Number(lock.min_retention_days),
              maxRetentionDays: Number(lock.max_retention_days),
              mode: lock.changeable_for_days === undefined ? 'governance' : 'compliance',
            }
          : undefined,
        copyInAccounts: copyIn
          .flatMap((s) => asList(principalAws(s)))
          .map((arn) => /^arn:[\w-]+:iam::(\d{12}):root$/.exec(arn)?.[1])
          .filter((id): id is string => id !== undefined),
        copyInFromOrganization: copyIn.some((s) => JSON.stringify(s.Condition ?? {}).includes('aws:PrincipalOrgID')),
      };
    });
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | { AWS?: string | string[] };
  Condition?: unknown;
}

function statementsOf(document: unknown): Statement[] {
  const statement = (document as { Statement?: Statement | Statement[] }).Statement;
  return statement === undefined ? [] : Array.isArray(statement) ? statement : [statement];
}

function principalAws(s: Statement): string | string[] | undefined {
  return typeof s.Principal === 'object' ? s.Principal.AWS : s.Principal;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function policyViews(out: SynthOutput, stackName: string): PolicyView[] {
  const stack = out.stacks[stackName];
  const policies = stack.resource?.aws_organizations_policy ?? {};
  const attachments = Object.values(stack.resource?.aws_organizations_policy_attachment ?? {});
  return Object.entries(policies)
    .filter(([, body]) => body.type === 'BACKUP_POLICY')
    .map(([address, body]) => {
      const document = readJsonDocument(String(body.content));
      return {
        stack: stackName,
        address: `aws_organizations_policy.${address}`,
        name: String(body.name),
        targets: attachments
          .filter((a) => a.policy_id === `\${aws_organizations_policy.${address}.id}`)
          .map((a) => String(a.target_id)),
        plans: entries(at(document, 'plans')).map(([name, plan]) => planView(out, stack, name, plan)),
      };
    });
}

/** A value inside a parsed policy document, by key path; `undefined` where the path does not exist. */
function at(node: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((n, key) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[key] : undefined), node);
}

function entries(node: unknown): [string, unknown][] {
  return node !== null && typeof node === 'object' ? Object.entries(node as Record<string, unknown>) : [];
}

const assigned = (node: unknown, ...keys: string[]): unknown => at(node, ...keys, '@@assign');
const days = (node: unknown, key: string): number | undefined => {
  const value = assigned(node, key);
  return value === undefined ? undefined : Number(value);
};
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function retention(lifecycle: unknown): Retention {
  return {
    moveToColdStorageAfterDays: days(lifecycle, 'move_to_cold_storage_after_days'),
    deleteAfterDays: days(lifecycle, 'delete_after_days'),
  };
}

function planView(out: SynthOutput, stack: StackJson, name: string, plan: unknown): PlanView {
  return {
    name,
    regions: strings(assigned(plan, 'regions')),
    selection: entries(at(plan, 'selections', 'tags')).map(([selectionName, s]) => ({
      name: selectionName,
      tagKey: String(assigned(s, 'tag_key')),
      tagValues: strings(assigned(s, 'tag_value')),
      roleArn: String(assigned(s, 'iam_role_arn')),
    })),
    rules: entries(at(plan, 'rules')).map(([ruleName, rule]) => ({
      name: ruleName,
      schedule: String(assigned(rule, 'schedule_expression')),
      startWindowMinutes: Number(assigned(rule, 'start_backup_window_minutes')),
      completionWindowMinutes: Number(assigned(rule, 'complete_backup_window_minutes')),
      vaultName: String(assigned(rule, 'target_backup_vault_name')),
      lifecycle: retention(at(rule, 'lifecycle')),
      copies: entries(at(rule, 'copy_actions')).map(([targetArn, copy]) =>
        copyView(out, stack, targetArn, String(assigned(copy, 'target_backup_vault_arn')), at(copy, 'lifecycle')),
      ),
    })),
  };
}

function copyView(out: SynthOutput, stack: StackJson, targetArn: string, value: string, lifecycle: unknown): CopyView {
  const arn = /^arn:[\w-]+:backup:([\w-]+):(\d{12}):backup-vault:(.+)$/.exec(targetArn);
  return {
    targetArn,
    region: arn?.[1] ?? 'unknown',
    accountId: arn?.[2] ?? 'unknown',
    vaultName: arn?.[3] ?? targetArn,
    resolvedFrom: resolveReference(out, stack, value),
    lifecycle: retention(lifecycle),
  };
}

/**
 * `${data.terraform_remote_state.x.outputs.y}` -> `<stack> output y = aws_backup_vault.z.arn`: the
 * resource the copy target will be at apply time.
 */
function resolveReference(out: SynthOutput, stack: StackJson, value: string): string | undefined {
  const remote = /^\$\{data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)\}$/.exec(value);
  if (!remote) return value.startsWith('${') ? value.slice(2, -1) : undefined;
  const key = String((stack.data?.terraform_remote_state?.[remote[1]]?.config as Record<string, unknown> | undefined)?.key ?? '');
  const owner = Object.entries(out.stacks).find(([, s]) => s.terraform?.backend?.s3?.key === key);
  if (!owner) return `remote state ${key}, output ${remote[2]}`;
  const output = owner[1].output?.[remote[2]]?.value;
  const target = typeof output === 'string' ? output.replace(/^\$\{(.*)\}$/, '$1') : undefined;
  return `${owner[0]} output ${remote[2]}${target ? ` = ${target}` : ' (missing)'}`;
}

/**
 * The AWS Organizations BACKUP_POLICY document, in AWS's own syntax: `plans` with one plan per
 * region (the only policy variable is `$account`, so a copy target that differs by region needs its
 * own plan), every value under `@@assign`, numbers as strings, `copy_actions` keyed by the central
 * vault ARN of the plan's region.
 */

/** AWS rejects a backup policy longer than this many characters. */
export const BACKUP_POLICY_MAX_CHARACTERS = 10_000;

export interface PolicyLifecycle {
  readonly moveToColdStorageAfterDays?: number;
  readonly deleteAfterDays?: number;
}

export interface PolicyRule {
  readonly name: string;
  readonly schedule: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly lifecycle: PolicyLifecycle;
  /** @default - no copy */
  readonly copyToBackupAccount?: PolicyLifecycle;
}

export interface CopyTarget {
  /** The central vault ARN as built from config: literal, used as the `copy_actions` key. */
  readonly key: string;
  /** The same ARN as Terraform knows it (a remote-state value, or the literal). */
  readonly arn: string;
}

export interface BackupPolicyDocumentProps {
  /** Plans are named `<name>-<region>`. */
  readonly name: string;
  readonly regions: readonly string[];
  readonly partition: string;
  /** The backup role in every account: `arn:<partition>:iam::$account:role/<roleName>`. */
  readonly roleName: string;
  /** The local vault, same name in every account. */
  readonly vaultName: string;
  readonly selection: { readonly tagKey: string; readonly tagValues: readonly string[] };
  readonly rules: readonly PolicyRule[];
  /** The central vault of each region, for rules that copy. */
  readonly copyTargets: Readonly<Record<string, CopyTarget>>;
}

type Assigned<T> = { '@@assign': T };
const assign = <T>(value: T): Assigned<T> => ({ '@@assign': value });

export function buildBackupPolicyDocument(props: BackupPolicyDocumentProps): object {
  const plans: Record<string, object> = {};
  for (const region of props.regions) {
    plans[`${props.name}-${region}`] = {
      regions: assign([region]),
      rules: Object.fromEntries(props.rules.map((rule) => [rule.name, renderRule(props, rule, region)])),
      selections: {
        tags: {
          [props.name]: {
            iam_role_arn: assign(`arn:${props.partition}:iam::$account:role/${props.roleName}`),
            tag_key: assign(props.selection.tagKey),
            tag_value: assign([...props.selection.tagValues]),
          },
        },
      },
    };
  }
  return { plans };
}

function renderRule(props: BackupPolicyDocumentProps, rule: PolicyRule, region: string): object {
  const copy = rule.copyToBackupAccount;
  const target = props.copyTargets[region];
  if (copy && !target) {
    throw new Error(`backup policy ${props.name}: rule ${rule.name} copies, but no central vault is known for ${region}`);
  }
  return {
    schedule_expression: assign(rule.schedule),
    start_backup_window_minutes: assign(String(rule.startWindowMinutes)),
    complete_backup_window_minutes: assign(String(rule.completionWindowMinutes)),
    target_backup_vault_name: assign(props.vaultName),
    lifecycle: renderLifecycle(rule.lifecycle),
    ...(copy && target
      ? {
          copy_actions: {
            [target.key]: {
              target_backup_vault_arn: assign(target.arn),
              lifecycle: renderLifecycle(copy),
            },
          },
        }
      : {}),
  };
}

function renderLifecycle(lifecycle: PolicyLifecycle): object {
  return {
    ...(lifecycle.moveToColdStorageAfterDays !== undefined
      ? { move_to_cold_storage_after_days: assign(String(lifecycle.moveToColdStorageAfterDays)) }
      : {}),
    ...(lifecycle.deleteAfterDays !== undefined ? { delete_after_days: assign(String(lifecycle.deleteAfterDays)) } : {}),
  };
}

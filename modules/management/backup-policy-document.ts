/**
 * The AWS Organizations BACKUP_POLICY document, in AWS's own syntax: `plans` with one plan per
 * region (the only policy variable is `$account`, so a copy target that differs by region needs its
 * own plan), every value under `@@assign`, numbers as strings, `copy_actions` keyed by the central
 * vault ARN of the plan's region, and by the air-gapped vault ARN of that region for rules that also
 * copy there (a cross-account copy action like the first: AWS's syntax has no separate key for an
 * air-gapped copy target; `target_logically_air_gapped_backup_vault_arn` is a same-account primary
 * target, the only place where `$region` is allowed, and not what a copy to the Backup account needs).
 */

import {
  MALWARE_SCAN_MODES,
  MALWARE_SCANNER,
  type IndexResourceType,
  type MalwareScanMode,
  type MalwareScanResourceType,
} from './backup-policy-features';

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
  /** Scan each new recovery point with GuardDuty Malware Protection (`scan_actions`). @default - no scan */
  readonly malwareScan?: { readonly mode: MalwareScanMode };
  /** Index recovery points of these types for backup search (`index_actions`). @default - no index */
  readonly backupIndex?: { readonly resourceTypes: readonly IndexResourceType[] };
  /** Continuous backups for point-in-time restore (`enable_continuous_backup`). @default false */
  readonly continuousBackup?: boolean;
  /** Copy to the Backup account's logically air-gapped vault of the same region. @default - no copy */
  readonly copyToAirGappedVault?: { readonly deleteAfterDays: number };
}

/**
 * What a plan backs up: by tag (`selections.tags`), or by resource type (`selections.resources`)
 * with, optionally, one tag condition.
 */
export interface PolicySelection {
  readonly tagKey?: string;
  readonly tagValues?: readonly string[];
  /** Resource type ARN patterns (or `*`); selects by `selections.resources`. @default - by tag only */
  readonly resourceTypes?: readonly string[];
  /** Resource types left out of `resourceTypes`. @default - none */
  readonly notResourceTypes?: readonly string[];
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
  readonly selection: PolicySelection;
  readonly rules: readonly PolicyRule[];
  /** Windows VSS for EC2 instances (`advanced_backup_settings.ec2.windows_vss`). @default false */
  readonly windowsVss?: boolean;
  /** Tags on the backup plan itself (`backup_plan_tags`). @default - none */
  readonly planTags?: Readonly<Record<string, string>>;
  /**
   * The plan's `scan_settings`, rendered when a rule scans: the role GuardDuty assumes in every
   * account (`arn:<partition>:iam::$account:role/<roleName>`) and the recovery point types it scans.
   */
  readonly malwareScanning?: { readonly roleName: string; readonly resourceTypes: readonly MalwareScanResourceType[] };
  /** The central vault of each region, for rules that copy. */
  readonly copyTargets: Readonly<Record<string, CopyTarget>>;
  /** The air-gapped vault of each region, for rules with `copyToAirGappedVault`. @default - none */
  readonly airGappedTargets?: Readonly<Record<string, CopyTarget>>;
}

type Assigned<T> = { '@@assign': T };
const assign = <T>(value: T): Assigned<T> => ({ '@@assign': value });

export function buildBackupPolicyDocument(props: BackupPolicyDocumentProps): object {
  const plans: Record<string, object> = {};
  for (const region of props.regions) {
    plans[`${props.name}-${region}`] = {
      regions: assign([region]),
      rules: Object.fromEntries(props.rules.map((rule) => [rule.name, renderRule(props, rule, region)])),
      selections: renderSelection(props),
      ...renderPlanSettings(props),
    };
  }
  return { plans };
}

function renderSelection(props: BackupPolicyDocumentProps): object {
  const { selection } = props;
  const iamRoleArn = assign(`arn:${props.partition}:iam::$account:role/${props.roleName}`);
  if (selection.resourceTypes === undefined) {
    return {
      tags: {
        [props.name]: {
          iam_role_arn: iamRoleArn,
          tag_key: assign(selection.tagKey),
          tag_value: assign([...(selection.tagValues ?? [])]),
        },
      },
    };
  }
  // AWS: tags and resources are mutually exclusive; a selection by type and tag is a resources
  // block whose condition names the tag (conditions are ANDed, so one tag value).
  const [tagValue] = selection.tagValues ?? [];
  return {
    resources: {
      [props.name]: {
        iam_role_arn: iamRoleArn,
        resource_types: assign([...selection.resourceTypes]),
        ...(selection.notResourceTypes?.length ? { not_resource_types: assign([...selection.notResourceTypes]) } : {}),
        ...(selection.tagKey !== undefined && tagValue !== undefined
          ? {
              conditions: {
                string_equals: {
                  // The condition's own name: fixed, since a tag key may hold characters a policy key should not.
                  tag: {
                    condition_key: assign(`aws:ResourceTag/${selection.tagKey}`),
                    condition_value: assign(tagValue),
                  },
                },
              },
            }
          : {}),
      },
    },
  };
}

/** Plan-level settings: Windows VSS, the plan's own tags, and the malware scanner when a rule scans. */
function renderPlanSettings(props: BackupPolicyDocumentProps): object {
  const scans = props.rules.some((rule) => rule.malwareScan);
  if (scans && !props.malwareScanning) {
    throw new Error(`backup policy ${props.name}: a rule scans for malware, but no scanner role is given`);
  }
  const tags = Object.entries(props.planTags ?? {});
  return {
    ...(props.windowsVss ? { advanced_backup_settings: { ec2: { windows_vss: assign('enabled') } } } : {}),
    ...(tags.length > 0
      ? { backup_plan_tags: Object.fromEntries(tags.map(([key, value]) => [key, { tag_key: assign(key), tag_value: assign(value) }])) }
      : {}),
    ...(scans && props.malwareScanning
      ? {
          scan_settings: {
            [MALWARE_SCANNER]: {
              malware_scanner: assign(MALWARE_SCANNER),
              resource_types: assign([...props.malwareScanning.resourceTypes]),
              scanner_role_arn: assign(`arn:${props.partition}:iam::$account:role/${props.malwareScanning.roleName}`),
            },
          },
        }
      : {}),
  };
}

function renderRule(props: BackupPolicyDocumentProps, rule: PolicyRule, region: string): object {
  const copy = rule.copyToBackupAccount;
  const target = props.copyTargets[region];
  if (copy && !target) {
    throw new Error(`backup policy ${props.name}: rule ${rule.name} copies, but no central vault is known for ${region}`);
  }
  const airGapped = rule.copyToAirGappedVault;
  const airGappedTarget = props.airGappedTargets?.[region];
  if (airGapped && !airGappedTarget) {
    throw new Error(`backup policy ${props.name}: rule ${rule.name} copies to an air-gapped vault, but none is known for ${region}`);
  }
  const copyActions: Record<string, object> = {
    ...(copy && target ? { [target.key]: renderCopyAction(target, copy) } : {}),
    ...(airGapped && airGappedTarget ? { [airGappedTarget.key]: renderCopyAction(airGappedTarget, airGapped) } : {}),
  };
  return {
    schedule_expression: assign(rule.schedule),
    start_backup_window_minutes: assign(String(rule.startWindowMinutes)),
    complete_backup_window_minutes: assign(String(rule.completionWindowMinutes)),
    target_backup_vault_name: assign(props.vaultName),
    lifecycle: renderLifecycle(rule.lifecycle),
    ...(Object.keys(copyActions).length > 0 ? { copy_actions: copyActions } : {}),
    ...renderRuleFeatures(rule),
  };
}

/** The rule's optional actions: continuous backup, backup index, malware scan. */
function renderRuleFeatures(rule: PolicyRule): object {
  return {
    ...(rule.continuousBackup ? { enable_continuous_backup: assign(true) } : {}),
    ...(rule.backupIndex ? { index_actions: { resource_types: assign([...rule.backupIndex.resourceTypes]) } } : {}),
    ...(rule.malwareScan
      ? {
          scan_actions: {
            [MALWARE_SCANNER]: {
              malware_scanner: assign(MALWARE_SCANNER),
              scan_mode: assign(MALWARE_SCAN_MODES[rule.malwareScan.mode]),
            },
          },
        }
      : {}),
  };
}

function renderCopyAction(target: CopyTarget, lifecycle: PolicyLifecycle): object {
  return { target_backup_vault_arn: assign(target.arn), lifecycle: renderLifecycle(lifecycle) };
}

function renderLifecycle(lifecycle: PolicyLifecycle): object {
  return {
    ...(lifecycle.moveToColdStorageAfterDays !== undefined
      ? { move_to_cold_storage_after_days: assign(String(lifecycle.moveToColdStorageAfterDays)) }
      : {}),
    ...(lifecycle.deleteAfterDays !== undefined ? { delete_after_days: assign(String(lifecycle.deleteAfterDays)) } : {}),
  };
}

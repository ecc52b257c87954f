/**
 * What a change does to the resources that protect the backups, resource by resource: locks, keys,
 * vaults, the SCP, the resource-type opt-in, the air-gapped vault and its RAM share, restore
 * testing, tamper and job alerts, audit evidence, and the roles Terraform and AWS Backup use. One
 * table (PROTECTION) says what each type is for; a destroyed or replaced one weakens protection,
 * and the attribute rules below say which in-place changes weaken or strengthen it.
 */
import type { AddressedResource } from '../../output/synth-output';
import type { Effect, Finding } from './findings';
import type { ReviewModel, StackView } from './model';

/** Resource types that protect the backups, and what losing one means. */
export const PROTECTION: Readonly<Record<string, string>> = {
  aws_kms_key: 'a key that encrypts recovery points: losing it makes them unreadable',
  aws_kms_alias: 'the alias the SCP protects keys by',
  aws_backup_vault: 'a vault that holds recovery points',
  aws_backup_vault_policy: 'the access policy whose denies protect a vault',
  aws_backup_vault_lock_configuration: 'a vault lock',
  aws_backup_logically_air_gapped_vault: 'the logically air-gapped vault, the copy that survives a lost Backup account',
  aws_ram_resource_share: 'the RAM share that lets other accounts restore from the air-gapped vault',
  aws_ram_resource_association: 'the air-gapped vault in its RAM share',
  aws_ram_principal_association: 'a principal the air-gapped vault is shared with',
  aws_backup_restore_testing_plan: 'a restore testing plan: the organization learns a backup does not restore',
  aws_backup_restore_testing_selection: 'what a restore testing plan restores',
  aws_backup_region_settings: 'the resource types AWS Backup protects in an account and region',
  aws_backup_global_settings: 'cross-account backup for the organization',
  aws_organizations_policy: 'an organization policy (backup policy or SCP)',
  aws_organizations_policy_attachment: 'where an organization policy applies',
  aws_iam_role: 'a role AWS Backup or the restore tests use',
  aws_ebs_encryption_by_default: 'default EBS encryption with a key the Backup account can use',
  aws_ebs_default_kms_key: 'the default EBS key, shareable with the Backup account',
  aws_cloudwatch_event_rule: 'an alert rule on tampering or failed jobs',
  aws_cloudwatch_event_target: 'where an alert rule delivers',
  aws_sns_topic: 'the alert topic',
  aws_sns_topic_policy: 'who may publish to the alert topic',
  aws_sns_topic_subscription: 'who receives the alerts',
  aws_backup_framework: 'an AWS Backup Audit Manager framework',
  aws_backup_report_plan: 'an AWS Backup Audit Manager report plan',
  aws_s3_bucket: 'the bucket of the audit reports',
};

/**
 * Arguments the AWS provider cannot update in place (ForceNew / RequiresReplace). Every argument of
 * a vault lock and of an air-gapped vault is one (provider source: vault_lock_configuration.go,
 * logically_air_gapped_vault.go).
 */
export const REPLACING_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_backup_vault: ['name', 'kms_key_arn'],
  aws_backup_vault_policy: ['backup_vault_name'],
  aws_backup_vault_lock_configuration: ['backup_vault_name', 'min_retention_days', 'max_retention_days', 'changeable_for_days'],
  aws_backup_logically_air_gapped_vault: ['name', 'min_retention_days', 'max_retention_days', 'encryption_key_arn'],
  aws_ram_resource_association: ['resource_arn', 'resource_share_arn'],
  aws_ram_principal_association: ['principal', 'resource_share_arn'],
  aws_backup_restore_testing_plan: ['name'],
  aws_backup_restore_testing_selection: ['name', 'restore_testing_plan_name', 'protected_resource_type'],
  aws_kms_alias: ['name'],
  aws_kms_key: ['customer_master_key_spec', 'key_usage', 'multi_region'],
  aws_iam_role: ['name'],
  aws_organizations_policy: ['type'],
  aws_organizations_policy_attachment: ['policy_id', 'target_id'],
  aws_sns_topic: ['name'],
  aws_cloudwatch_event_rule: ['name', 'event_bus_name'],
  aws_backup_framework: ['name'],
  aws_backup_report_plan: ['name'],
  aws_s3_bucket: ['bucket'],
};

const code = (text: string) => `\`${text}\``;
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function resourceFindings(base: ReviewModel, current: ReviewModel): Finding[] {
  const baseStacks = new Map(base.stacks.map((s) => [s.name, s]));
  const findings: Finding[] = [];
  for (const stack of current.stacks) {
    const before = baseStacks.get(stack.name);
    if (!before) continue;
    findings.push(...stackFindings(before, stack));
  }
  for (const stack of base.stacks) {
    if (!current.stacks.some((s) => s.name === stack.name)) {
      findings.push({ effect: 'weakens', kind: 'account-dropped', stack: stack.name, subject: stack.name, text: `the stack of ${stack.accountLabel} (${stack.accountId}) is gone: its account is dropped from protection` });
    }
  }
  return findings;
}

function stackFindings(before: StackView, after: StackView): Finding[] {
  const f = (effect: Effect, kind: string, subject: string, text: string): Finding => ({ effect, kind, stack: after.name, subject, text });
  const findings: Finding[] = [];
  for (const region of before.regions.filter((r) => !after.regions.includes(r))) {
    findings.push(f('weakens', 'region-dropped', region, `region ${region} is dropped from ${after.accountLabel}: nothing there is protected or copied any more`));
  }
  const roleBefore = before.deploymentRoles.join(', ');
  const roleAfter = after.deploymentRoles.join(', ');
  if (roleBefore !== roleAfter) {
    findings.push(f('weakens', 'deployment-role-changed', 'provider', `the deployment role changes from ${code(roleBefore)} to ${code(roleAfter)}: the denies exempt the deployment role by ARN, so check which role now holds that exemption`));
  }
  const now = new Map(after.resources.map((r) => [r.address, r]));
  const was = new Map(before.resources.map((r) => [r.address, r]));
  for (const r of before.resources) {
    const still = now.get(r.address);
    if (!still) {
      if (PROTECTION[r.type]) findings.push(f('weakens', removalKind(r), r.address, `${code(r.address)} is destroyed: ${PROTECTION[r.type]}${removalNote(r)}`));
      continue;
    }
    const forcing = (REPLACING_ATTRIBUTES[r.type] ?? []).filter((a) => !same(r.body[a], still.body[a]));
    if (forcing.length > 0 && PROTECTION[r.type]) {
      findings.push(f('weakens', 'replaced', r.address, `${code(r.address)} is replaced (${forcing.map((a) => `${a}: ${show(r.body[a])} -> ${show(still.body[a])}`).join('; ')}): ${replacementNote(r)}`));
    }
    findings.push(...attributeFindings(r, still).map((x) => f(x.effect, x.kind, r.address, `${code(r.address)}: ${x.text}`)));
  }
  for (const r of after.resources) {
    if (!was.has(r.address) && STRENGTHENING_WHEN_ADDED.has(r.type)) {
      findings.push(f('strengthens', 'protection-added', r.address, `${code(r.address)} is added: ${PROTECTION[r.type]}`));
    }
  }
  return findings;
}

/** Adding one of these to an existing account is a protection gained. */
const STRENGTHENING_WHEN_ADDED = new Set([
  'aws_backup_vault_lock_configuration',
  'aws_backup_logically_air_gapped_vault',
  'aws_ram_principal_association',
  'aws_backup_restore_testing_plan',
  'aws_backup_restore_testing_selection',
  'aws_backup_region_settings',
  'aws_cloudwatch_event_rule',
  'aws_sns_topic_subscription',
  'aws_backup_framework',
  'aws_backup_report_plan',
]);

function show(v: unknown): string {
  return v === undefined ? 'none' : typeof v === 'string' ? v : JSON.stringify(v);
}

function removalKind(r: AddressedResource): string {
  if (r.type === 'aws_organizations_policy') return r.body.type === 'SERVICE_CONTROL_POLICY' ? 'scp-off' : 'policy-removed';
  if (r.type === 'aws_organizations_policy_attachment') return 'policy-detached';
  if (r.type === 'aws_backup_vault_lock_configuration') return 'lock-removed';
  if (r.type === 'aws_kms_key') return 'key-destroyed';
  if (r.type === 'aws_backup_vault' || r.type === 'aws_backup_logically_air_gapped_vault') return 'vault-destroyed';
  if (r.type === 'aws_backup_region_settings') return 'opt-in-turned-off';
  if (r.type.startsWith('aws_ram_')) return 'share-narrowed';
  if (r.type.startsWith('aws_backup_restore_testing')) return 'restore-testing-removed';
  if (/^aws_(cloudwatch_event|sns_)/.test(r.type)) return 'alert-removed';
  if (r.type === 'aws_backup_framework' || r.type === 'aws_backup_report_plan' || r.type === 'aws_s3_bucket') return 'audit-removed';
  if (r.type === 'aws_iam_role') return 'backup-role-changed';
  return 'destroyed';
}

function removalNote(r: AddressedResource): string {
  if (r.type === 'aws_organizations_policy' && r.body.type === 'SERVICE_CONTROL_POLICY') return '; **the backup protection SCP is off**: member-account administrators are no longer denied deleting their vaults and keys';
  if (r.type === 'aws_backup_vault_lock_configuration') return '; **the vault lock is removed**';
  if (r.type === 'aws_backup_region_settings') return '; the resource-type opt-in falls back to whatever the account had';
  return '';
}

function replacementNote(r: AddressedResource): string {
  if (r.type === 'aws_backup_vault_lock_configuration') {
    return 'every argument of a vault lock forces a new resource, so Terraform deletes the lock and puts a new one: a compliance lock past its grace days cannot be deleted, so the apply fails halfway (prevent_destroy stops the plan first); change bounds the way the README says';
  }
  if (r.type === 'aws_backup_logically_air_gapped_vault') return 'every argument of an air-gapped vault forces a new vault: its recovery points stay in the old one, which cannot be deleted while it holds them';
  return `Terraform destroys and re-creates it: ${PROTECTION[r.type]}`;
}

type AttributeFinding = { effect: Effect; kind: string; text: string };

function attributeFindings(before: AddressedResource, after: AddressedResource): AttributeFinding[] {
  const a = before.body;
  const b = after.body;
  const out: AttributeFinding[] = [];
  const add = (effect: Effect, kind: string, text: string) => out.push({ effect, kind, text });
  switch (before.type) {
    case 'aws_backup_vault_lock_configuration':
    case 'aws_backup_logically_air_gapped_vault': {
      const [minA, minB, maxA, maxB] = [num(a.min_retention_days), num(b.min_retention_days), num(a.max_retention_days), num(b.max_retention_days)];
      if (minA !== minB) add(minB === undefined || (minA !== undefined && minB < minA) ? 'weakens' : 'strengthens', minB === undefined || (minA !== undefined && minB < minA) ? 'lock-minimum-lowered' : 'lock-minimum-raised', `minimum retention ${show(minA)} -> ${show(minB)} days${minB !== undefined && minA !== undefined && minB < minA ? ': recovery points can be deleted sooner' : ''}`);
      if (maxA !== maxB) add(maxB === undefined || (maxA !== undefined && maxB > maxA) ? 'weakens' : 'strengthens', maxB === undefined || (maxA !== undefined && maxB > maxA) ? 'lock-maximum-raised' : 'lock-maximum-lowered', `maximum retention ${show(maxA)} -> ${show(maxB)} days`);
      if (before.type === 'aws_backup_vault_lock_configuration') {
        const modeA = a.changeable_for_days === undefined ? 'governance' : 'compliance';
        const modeB = b.changeable_for_days === undefined ? 'governance' : 'compliance';
        if (modeA !== modeB) add(modeB === 'governance' ? 'weakens' : 'strengthens', 'lock-mode-changed', `lock mode ${modeA} -> ${modeB}${modeB === 'governance' ? ': the lock can be removed by a principal allowed to' : ''}`);
        else if (!same(a.changeable_for_days, b.changeable_for_days)) add('neutral', 'lock-grace-changed', `changeable for ${show(a.changeable_for_days)} -> ${show(b.changeable_for_days)} days`);
      }
      if (!same(a.encryption_key_arn, b.encryption_key_arn)) add('weakens', 'key-changed', `encryption key ${show(a.encryption_key_arn)} -> ${show(b.encryption_key_arn)}`);
      break;
    }
    case 'aws_kms_key': {
      if (a.enable_key_rotation === true && b.enable_key_rotation !== true) add('weakens', 'key-rotation-changed', 'key rotation turned off');
      if (a.enable_key_rotation !== true && b.enable_key_rotation === true) add('strengthens', 'key-rotation-changed', 'key rotation turned on');
      const [pA, pB] = [num(a.rotation_period_in_days), num(b.rotation_period_in_days)];
      if (pA !== pB) add(pB === undefined || pA === undefined || pB > pA ? 'weakens' : 'strengthens', 'key-rotation-changed', `rotation period ${show(pA)} -> ${show(pB)} days`);
      const [dA, dB] = [num(a.deletion_window_in_days), num(b.deletion_window_in_days)];
      if (dA !== dB) add(dB === undefined || (dA !== undefined && dB < dA) ? 'weakens' : 'strengthens', 'key-deletion-window-changed', `deletion window ${show(dA)} -> ${show(dB)} days`);
      if (a.is_enabled !== false && b.is_enabled === false) add('weakens', 'key-disabled', 'the key is disabled: nothing it encrypts can be read');
      break;
    }
    case 'aws_backup_region_settings': {
      for (const attribute of ['resource_type_opt_in_preference', 'resource_type_management_preference']) {
        const was = (a[attribute] ?? {}) as Record<string, unknown>;
        const now = (b[attribute] ?? {}) as Record<string, unknown>;
        for (const type of Object.keys(was)) {
          if (was[type] === true && now[type] !== true) add('weakens', 'opt-in-turned-off', `${attribute} ${type}: ${show(was[type])} -> ${show(now[type])}${attribute.includes('opt_in') ? ': AWS Backup stops protecting this resource type' : ': AWS Backup no longer manages its backups (no cross-account copy)'}`);
        }
        for (const type of Object.keys(now)) {
          if (now[type] === true && was[type] !== true) add('strengthens', 'opt-in-turned-on', `${attribute} ${type}: ${show(was[type])} -> true`);
        }
      }
      break;
    }
    case 'aws_ram_resource_share':
      if (a.allow_external_principals !== true && b.allow_external_principals === true) add('weakens', 'share-widened', 'allow_external_principals turned on: the air-gapped vault can be shared outside the organization');
      if (a.allow_external_principals === true && b.allow_external_principals !== true) add('strengthens', 'share-narrowed-to-organization', 'allow_external_principals turned off');
      break;
    case 'aws_backup_restore_testing_plan': {
      const sel = (x: Record<string, unknown>) => ((x.recovery_point_selection as Record<string, unknown>[] | Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
      const vaults = (x: Record<string, unknown>) => listOf((Array.isArray(x.recovery_point_selection) ? x.recovery_point_selection[0] : sel(x))?.include_vaults);
      const lost = vaults(a).filter((v) => !vaults(b).includes(v));
      if (lost.length > 0) add('weakens', 'restore-testing-narrowed', `restore tests no longer cover ${lost.map(code).join(', ')}`);
      if (!same(a.schedule_expression, b.schedule_expression)) add('neutral', 'restore-testing-schedule', `schedule ${show(a.schedule_expression)} -> ${show(b.schedule_expression)}`);
      break;
    }
    case 'aws_backup_restore_testing_selection': {
      const lost = listOf(a.protected_resource_arns).filter((v) => !listOf(b.protected_resource_arns).includes(v));
      if (lost.length > 0) add('weakens', 'restore-testing-narrowed', `restore tests no longer select ${lost.map(code).join(', ')}`);
      if (!same(a.protected_resource_conditions, b.protected_resource_conditions)) add('weakens', 'restore-testing-narrowed', 'the selection conditions change: check which resources are still tested');
      break;
    }
    case 'aws_cloudwatch_event_rule': {
      if ((a.state ?? 'ENABLED') !== 'DISABLED' && b.state === 'DISABLED') add('weakens', 'alert-removed', 'the rule is disabled');
      if (a.is_enabled !== false && b.is_enabled === false) add('weakens', 'alert-removed', 'the rule is disabled');
      const lost = eventNames(a.event_pattern).filter((e) => !eventNames(b.event_pattern).includes(e));
      if (lost.length > 0) add('weakens', 'alert-narrowed', `no longer alerts on ${lost.map(code).join(', ')}`);
      else if (!same(a.event_pattern, b.event_pattern)) add('neutral', 'alert-pattern-changed', 'the event pattern changes');
      break;
    }
    case 'aws_backup_framework': {
      const controls = (x: Record<string, unknown>) => listOf(x.control, (c) => String((c as Record<string, unknown>).name));
      const lost = controls(a).filter((c) => !controls(b).includes(c));
      if (lost.length > 0) add('weakens', 'audit-narrowed', `controls removed: ${lost.map(code).join(', ')}`);
      break;
    }
    case 'aws_sns_topic':
      if (a.kms_master_key_id !== undefined && b.kms_master_key_id === undefined) add('weakens', 'alert-unencrypted', 'the topic is no longer encrypted');
      break;
    case 'aws_iam_role':
      if (!same(a.managed_policy_arns, b.managed_policy_arns)) add('weakens', 'backup-role-changed', 'its managed policies change');
      break;
    default:
      break;
  }
  return out;
}

function listOf(value: unknown, map: (v: unknown) => string = String): string[] {
  return value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(map);
}

/** `detail.eventName` values of an EventBridge pattern (a JSON string), and the detail-types of job events. */
function eventNames(pattern: unknown): string[] {
  if (typeof pattern !== 'string') return [];
  try {
    const p = JSON.parse(pattern) as { detail?: { eventName?: unknown; state?: unknown }; 'detail-type'?: unknown };
    return [...listOf(p.detail?.eventName), ...listOf(p['detail-type']).map((d) => `detail-type ${d}`), ...listOf(p.detail?.state).map((s) => `state ${s}`)];
  } catch {
    return [];
  }
}

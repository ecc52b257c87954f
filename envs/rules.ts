/**
 * Rules that relate several fields of the configuration. Each adds an issue at the path of the
 * value to fix, with the value given and what is allowed; all are reported together.
 *
 * The rules run even when some fields failed their own checks, so that one run reports every
 * problem. A rule reads a value only when no earlier issue touches its path (`clean`), so it never
 * reasons about a value that is already known to be wrong, and never repeats a field's own error.
 */
import type { z } from 'zod';
import { BACKUP_POLICY_MAX_CHARACTERS } from '../modules/management/backup-policy-document';
import { airGapWarnings, checkAirGap } from './air-gap-rules';
import { checkDeploymentRoles } from './deployment-roles';
import { backupPolicyContent, literalAirGappedTargets, literalCopyTargets } from './backup-policy-content';
import { MAX_TAGS } from './fields';
import { checkDetection } from './detection-rules';
import { checkPolicyFeatures } from './policy-feature-rules';
import { checkPolicyTargets } from './policy-targets';
import { REGIONS_BY_PARTITION } from './regions';
import type { OrgConfig } from './schema';

export type Ctx = z.RefinementCtx<OrgConfig>;
export type Path = (string | number)[];
type Lifecycle = { moveToColdStorageAfterDays?: number; deleteAfterDays?: number };

const COLD_STORAGE_MINIMUM_DAYS = 90;
/** AWS Organizations: at most this many BACKUP_POLICY documents per organization. */
export const MAX_BACKUP_POLICIES_PER_ORGANIZATION = 1000;
/** AWS Organizations: at most this many BACKUP_POLICY documents attached to one root, OU or account. */
export const MAX_BACKUP_POLICIES_PER_TARGET = 10;
/** AWS Backup plan names (`<policy>-<region>`) are at most this long. */
const MAX_PLAN_NAME_LENGTH = 50;

/**
 * A problem found by a rule: the message says what is allowed; `value` is the value given, printed
 * before the message (omitted when the message itself names it).
 */
export function fail(ctx: Ctx, path: Path, message: string, value?: unknown): void {
  ctx.addIssue({ code: 'custom', path, message, params: value === undefined ? { rule: true } : { rule: true, value } });
}

export function refineConfig(cfg: OrgConfig, ctx: Ctx): void {
  const clean = cleanPaths(ctx);
  if (!clean.shaped([])) return;
  checkRegions(cfg, ctx, clean);
  checkArns(cfg, ctx, clean);
  checkAccounts(cfg, ctx, clean);
  checkVaultLock(cfg, ctx, clean);
  checkPolicies(cfg, ctx, clean);
  checkPolicyFeatures(cfg, ctx, clean);
  checkDetection(cfg, ctx, clean);
  checkTags(cfg, ctx, clean);
  checkAirGap(cfg, ctx, clean);
  checkDeploymentRoles(cfg, ctx, clean);
  checkPolicyTargets(cfg, ctx, clean);
}

/**
 * `clean(path)`: the value at a path passed its own checks: no issue at it, inside it, or at an
 * ancestor. `clean.shaped(path)`: the value has the right type, though something inside it may be
 * wrong (no issue at it or at an ancestor). An unknown key does not make the object around it wrong.
 */
export interface Clean {
  (path: Path): boolean;
  shaped(path: Path): boolean;
}

function cleanPaths(ctx: Ctx): Clean {
  const bad = ctx.issues.filter((issue) => issue.code !== 'unrecognized_keys').map((issue) => issue.path ?? []);
  const prefix = (short: readonly PropertyKey[], long: readonly PropertyKey[]) => short.every((segment, i) => long[i] === segment);
  const clean = (path: Path) => !bad.some((issuePath) => prefix(issuePath, path) || prefix(path, issuePath));
  clean.shaped = (path: Path) => !bad.some((issuePath) => prefix(issuePath, path));
  return clean;
}

/** The items of a list whose own path is clean, others undefined (indexes kept). */
export function cleanItems<T>(items: readonly T[], path: Path, clean: Clean, key?: keyof T & string): (T | undefined)[] {
  return items.map((item, i) => (clean(key ? [...path, i, key] : [...path, i]) ? item : undefined));
}

function checkRegions(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (!clean(['partition'])) return;
  const known = REGIONS_BY_PARTITION[cfg.partition] ?? [];
  const inPartition = (region: string | undefined, path: Path) => {
    if (region !== undefined && clean(path) && !known.includes(region)) {
      fail(ctx, path, `region "${region}" is not in partition ${cfg.partition} (allowed: ${known.join(', ')})`);
    }
  };
  if (clean.shaped(['regions'])) {
    cfg.regions.forEach((region, i) => inPartition(region, ['regions', i]));
    duplicates(cleanItems(cfg.regions, ['regions'], clean)).forEach((i) =>
      fail(ctx, ['regions', i], 'listed twice; list each region once', cfg.regions[i]),
    );
  }
  if (clean(['state', 'region'])) inPartition(cfg.state.region, ['state', 'region']);
}

/** ARNs name their partition; one from another partition names a role that cannot exist here. */
function checkArns(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (!clean(['partition'])) return;
  const check = (arn: string, path: Path) => {
    // Only a value that passed its own checks is read (a null in the list has its own error).
    if (!clean(path)) return;
    const partition = arn.split(':')[1];
    if (partition !== cfg.partition) {
      fail(ctx, path, `the ARN is in partition ${partition}, but partition is ${cfg.partition}: expected arn:${cfg.partition}:iam::...`, arn);
    }
  };
  if (clean.shaped(['backupAccount', 'breakGlassRoleArns'])) {
    cfg.backupAccount.breakGlassRoleArns.forEach((arn, i) => check(arn, ['backupAccount', 'breakGlassRoleArns', i]));
  }
  if (clean(['state', 'roleArn']) && cfg.state.roleArn !== undefined) check(cfg.state.roleArn, ['state', 'roleArn']);
}

function checkAccounts(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const management = clean(['organization', 'managementAccountId']) ? cfg.organization.managementAccountId : undefined;
  const backup = clean(['backupAccount', 'accountId']) ? cfg.backupAccount.accountId : undefined;
  if (backup !== undefined && backup === management) {
    fail(ctx, ['backupAccount', 'accountId'], 'the Backup account must not be the management account (organization.managementAccountId)', backup);
  }
  if (!clean.shaped(['sourceAccounts'])) return;
  const special = new Map<string | undefined, string>([
    [management, 'the management account'],
    [backup, 'the Backup account'],
  ]);
  cfg.sourceAccounts.forEach((account, i) => {
    const role = clean(['sourceAccounts', i, 'accountId']) ? special.get(account.accountId) : undefined;
    if (role) fail(ctx, ['sourceAccounts', i, 'accountId'], `this is ${role}, which cannot be a source account`, account.accountId);
  });
  const ids = cleanItems(cfg.sourceAccounts, ['sourceAccounts'], clean, 'accountId').map((a) => a?.accountId);
  duplicates(ids).forEach((i) =>
    fail(ctx, ['sourceAccounts', i, 'accountId'], `already listed at sourceAccounts[${ids.indexOf(ids[i])}]; list each account once`, ids[i]),
  );
  const names = cleanItems(cfg.sourceAccounts, ['sourceAccounts'], clean, 'name').map((a) => a?.name);
  duplicates(names).forEach((i) =>
    fail(ctx, ['sourceAccounts', i, 'name'], `already used by sourceAccounts[${names.indexOf(names[i])}]; stack names must be unique`, names[i]),
  );
}

function checkVaultLock(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const path: Path = ['backupAccount', 'vaultLock'];
  if (!clean.shaped(path)) return;
  const lock = cfg.backupAccount.vaultLock;
  if (clean([...path, 'minRetentionDays']) && clean([...path, 'maxRetentionDays']) && lock.maxRetentionDays <= lock.minRetentionDays) {
    fail(ctx, [...path, 'maxRetentionDays'], `must be greater than minRetentionDays (${lock.minRetentionDays})`, lock.maxRetentionDays);
  }
  if (!clean([...path, 'mode']) || !clean([...path, 'changeableForDays'])) return;
  if (lock.mode === 'compliance' && lock.changeableForDays === undefined) {
    fail(ctx, [...path, 'changeableForDays'], 'required in compliance mode: at least 3 days (AWS enforces a 72-hour cooling-off period)');
  }
  if (lock.mode === 'governance' && lock.changeableForDays !== undefined) {
    fail(ctx, [...path, 'changeableForDays'], 'applies to compliance mode only; remove it or set mode: compliance', lock.changeableForDays);
  }
}

function checkPolicies(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (!clean.shaped(['policies'])) return;
  if (cfg.policies.length > MAX_BACKUP_POLICIES_PER_ORGANIZATION) {
    fail(ctx, ['policies'], `${cfg.policies.length} policies; AWS Organizations allows at most ${MAX_BACKUP_POLICIES_PER_ORGANIZATION} BACKUP_POLICY per organization`);
  }
  duplicates(cleanItems(cfg.policies, ['policies'], clean, 'name').map((p) => p?.name)).forEach((i) =>
    fail(ctx, ['policies', i, 'name'], 'already used by another policy; policy names must be unique', cfg.policies[i].name),
  );
  checkTargets(cfg, ctx, clean);
  const regions = clean.shaped(['regions']) ? cleanItems(cfg.regions, ['regions'], clean).filter((r) => r !== undefined) : [];
  cfg.policies.forEach((policy, p) => {
    if (clean(['policies', p, 'name']) && regions.length > 0) {
      const longest = regions.reduce((a, b) => (b.length > a.length ? b : a));
      const plan = `${policy.name}-${longest}`;
      if (plan.length > MAX_PLAN_NAME_LENGTH) {
        fail(
          ctx,
          ['policies', p, 'name'],
          `too long: the backup plan name "${plan}" has ${plan.length} characters, AWS allows ${MAX_PLAN_NAME_LENGTH} (at most ${MAX_PLAN_NAME_LENGTH - 1 - longest.length} for the policy name)`,
          policy.name,
        );
      }
    }
    if (!clean.shaped(['policies', p, 'rules'])) return;
    const ruleNames = cleanItems(policy.rules, ['policies', p, 'rules'], clean, 'name').map((r) => r?.name);
    duplicates(ruleNames).forEach((i) =>
      fail(ctx, ['policies', p, 'rules', i, 'name'], `already used by another rule of policy "${policy.name}"; rule names must be unique in a policy`, ruleNames[i]),
    );
    policy.rules.forEach((rule, r) => checkRule(cfg, ctx, clean, rule, ['policies', p, 'rules', r]));
  });
  checkPolicySizes(cfg, ctx, clean);
}

function checkTargets(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const attached = new Map<string, number>();
  cfg.policies.forEach((policy, p) => {
    if (!clean.shaped(['policies', p, 'targets'])) return;
    const targets = cleanItems(policy.targets, ['policies', p, 'targets'], clean);
    duplicates(targets).forEach((i) =>
      fail(ctx, ['policies', p, 'targets', i], 'listed twice in this policy; list each target once', policy.targets[i]),
    );
    new Set(targets.filter((t) => t !== undefined)).forEach((target) => {
      const count = (attached.get(target) ?? 0) + 1;
      attached.set(target, count);
      if (count === MAX_BACKUP_POLICIES_PER_TARGET + 1) {
        fail(
          ctx,
          ['policies', p, 'targets', policy.targets.indexOf(target)],
          `the ${count}th policy attached here; AWS Organizations allows at most ${MAX_BACKUP_POLICIES_PER_TARGET} BACKUP_POLICY per root, OU or account`,
          target,
        );
      }
    });
  });
}

type Rule = OrgConfig['policies'][number]['rules'][number];

function checkRule(cfg: OrgConfig, ctx: Ctx, clean: Clean, rule: Rule, at: Path): void {
  if (!clean.shaped(at)) return;
  const start = [...at, 'startWindowMinutes'];
  const completion = [...at, 'completionWindowMinutes'];
  if (clean(start) && clean(completion) && rule.completionWindowMinutes <= rule.startWindowMinutes) {
    fail(ctx, completion, `must be greater than startWindowMinutes (${rule.startWindowMinutes})`, rule.completionWindowMinutes);
  }
  if (clean([...at, 'lifecycle'])) checkLifecycle(ctx, rule.lifecycle, [...at, 'lifecycle']);
  const copyAt: Path = [...at, 'copyToBackupAccount'];
  if (!rule.copyToBackupAccount || !clean(copyAt)) return;
  checkLifecycle(ctx, rule.copyToBackupAccount, copyAt);
  const lockPath: Path = ['backupAccount', 'vaultLock'];
  if (!clean([...lockPath, 'minRetentionDays']) || !clean([...lockPath, 'maxRetentionDays'])) return;
  const lock = cfg.backupAccount.vaultLock;
  const keep = rule.copyToBackupAccount.deleteAfterDays;
  if (keep < lock.minRetentionDays || keep > lock.maxRetentionDays) {
    fail(
      ctx,
      [...copyAt, 'deleteAfterDays'],
      `outside the central vault lock's retention (minRetentionDays ${lock.minRetentionDays} to maxRetentionDays ${lock.maxRetentionDays}): AWS Backup would fail every copy job`,
      keep,
    );
  }
}

function checkLifecycle(ctx: Ctx, lifecycle: Lifecycle, at: Path): void {
  const { moveToColdStorageAfterDays: cold, deleteAfterDays: del } = lifecycle;
  if (cold !== undefined && del !== undefined && del < cold + COLD_STORAGE_MINIMUM_DAYS) {
    fail(
      ctx,
      [...at, 'deleteAfterDays'],
      `must be at least moveToColdStorageAfterDays + ${COLD_STORAGE_MINIMUM_DAYS} = ${cold + COLD_STORAGE_MINIMUM_DAYS}: AWS keeps a recovery point in cold storage 90 days at least`,
      del,
    );
  }
}

/**
 * The rendered BACKUP_POLICY of each policy must fit AWS's limit. It is measured on the document the
 * management stack builds (`backupPolicyContent`), with the central vault ARNs written out as the
 * remote-state values resolve to them, serialized as compactly as Terraform's jsonencode does.
 */
function checkPolicySizes(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  const inputs: Path[] = [['partition'], ['regions'], ['backupRoleName'], ['sourceVaultName'], ['backupAccount', 'accountId'], ['backupAccount', 'vaultName'], ['backupAccount', 'airGappedVault']];
  if (!inputs.every(clean)) return;
  cfg.policies.forEach((policy, p) => {
    if (!clean(['policies', p])) return;
    // A copy to an air-gapped vault that is not configured is reported by checkAirGap; nothing to measure.
    if (!cfg.backupAccount.airGappedVault && policy.rules.some((rule) => rule.copyToAirGappedVault)) return;
    const size = renderedPolicySize(cfg, policy);
    if (size > BACKUP_POLICY_MAX_CHARACTERS) {
      fail(
        ctx,
        ['policies', p],
        `the BACKUP_POLICY "org-backup-${policy.name}" renders to ${size} characters; AWS Organizations allows ${BACKUP_POLICY_MAX_CHARACTERS} (fewer rules, tag values or regions per policy, or split it)`,
      );
    }
  });
}

/** The length of a policy's BACKUP_POLICY document once Terraform has resolved the vault ARNs. */
export function renderedPolicySize(cfg: OrgConfig, policy: OrgConfig['policies'][number]): number {
  return JSON.stringify(backupPolicyContent(cfg, policy, literalCopyTargets(cfg), literalAirGappedTargets(cfg))).length;
}

function checkTags(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (!clean.shaped(['tags'])) return;
  const count = Object.keys(cfg.tags).length;
  if (count > MAX_TAGS) fail(ctx, ['tags'], `${count} tags; AWS allows at most ${MAX_TAGS} tags on a resource`);
}

/**
 * Advice that does not stop the run: settings AWS accepts but applies only in part. One line per
 * finding, `path = value: why`.
 */
export function configWarnings(cfg: OrgConfig): string[] {
  const warnings: string[] = [];
  cfg.policies.forEach((policy, p) =>
    policy.rules.forEach((rule, r) => {
      const lifecycles: [string, Lifecycle | undefined][] = [
        ['lifecycle', rule.lifecycle],
        ['copyToBackupAccount', rule.copyToBackupAccount],
      ];
      for (const [key, lifecycle] of lifecycles) {
        const cold = lifecycle?.moveToColdStorageAfterDays;
        if (cold === undefined) continue;
        warnings.push(
          `policies[${p}].rules[${r}].${key}.moveToColdStorageAfterDays = ${cold}: only the resource types marked for "Lifecycle to cold storage" in AWS Backup's feature availability table move to cold storage; AWS Backup ignores this setting for the others, which stay in warm storage until deleteAfterDays`,
        );
      }
      const centralCold = rule.copyToBackupAccount?.moveToColdStorageAfterDays;
      if (centralCold !== undefined) {
        warnings.push(
          `policies[${p}].rules[${r}].copyToBackupAccount.moveToColdStorageAfterDays = ${centralCold}: AWS Backup cannot copy a recovery point in cold storage, so after ${centralCold} days a central copy can no longer be copied back to a source account (the copy back of the restore path); it can still be restored in the Backup account`,
        );
      }
    }),
  );
  cfg.sourceAccounts.forEach((account, i) => {
    if (account.ebsDefaultEncryption) return;
    warnings.push(
      `sourceAccounts[${i}].ebsDefaultEncryption = false: new EBS volumes in ${account.name} are encrypted with the AWS managed key aws/ebs unless they name a key, and AWS Backup cannot copy a resource under an AWS managed key (or a customer key not shared with the Backup account) to another account: their recovery points stay in the source account only`,
    );
  });
  return [...warnings, ...airGapWarnings(cfg)];
}

/** Indexes of values that already appeared earlier in the list (undefined ones are skipped). */
export function duplicates(values: readonly (string | undefined)[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (v === undefined ? [] : seen.has(v) ? [i] : (seen.add(v), [])));
}

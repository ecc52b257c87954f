/**
 * Rules between the fields of the backup policy's newer elements (selection by resource type,
 * malware scans, backup indexes, continuous backups, Windows VSS, plan tags), each naming what
 * AWS's backup policy syntax page or the AWS Backup API reference allows.
 */
import {
  CONTINUOUS_BACKUP_MAX_RETENTION_DAYS,
  continuousBackupResourceTypes,
  ec2InstanceResourceType,
  selectableResourceTypes,
} from '../modules/management/backup-policy-features';
import { MAX_TAGS } from './fields';
import { duplicates, fail, type Clean, type Ctx, type Path } from './rules';
import type { OrgConfig } from './schema';

type Policy = OrgConfig['policies'][number];

export function checkPolicyFeatures(cfg: OrgConfig, ctx: Ctx, clean: Clean): void {
  if (!clean.shaped(['policies'])) return;
  if (clean(['malwareScanRoleName']) && clean(['backupRoleName']) && cfg.malwareScanRoleName === cfg.backupRoleName) {
    fail(ctx, ['malwareScanRoleName'], 'must differ from backupRoleName: GuardDuty assumes this role, AWS Backup the other, and each trusts only its own service', cfg.malwareScanRoleName);
  }
  cfg.policies.forEach((policy, p) => {
    if (!clean.shaped(['policies', p])) return;
    const at: Path = ['policies', p];
    if (clean([...at, 'selection']) && clean(['partition'])) checkSelection(cfg, ctx, policy, [...at, 'selection']);
    if (clean([...at, 'windowsVss']) && clean([...at, 'selection']) && policy.windowsVss) checkVss(cfg, ctx, policy, at);
    if (clean([...at, 'planTags']) && policy.planTags && Object.keys(policy.planTags).length > MAX_TAGS) {
      fail(ctx, [...at, 'planTags'], `${Object.keys(policy.planTags).length} tags; AWS allows at most ${MAX_TAGS} tags on a backup plan`);
    }
    checkMalwareScanTypes(ctx, clean, policy, at);
    if (clean.shaped([...at, 'rules'])) {
      policy.rules.forEach((rule, r) => checkRuleFeatures(cfg, ctx, clean, policy, rule, [...at, 'rules', r]));
    }
  });
}

function checkSelection(cfg: OrgConfig, ctx: Ctx, policy: Policy, at: Path): void {
  const { tagKey, tagValues, resourceTypes, notResourceTypes } = policy.selection;
  if (tagKey === undefined && resourceTypes === undefined) {
    fail(ctx, at, 'selects nothing: give tagKey and tagValues, resourceTypes, or both (AWS requires tags or resources in every selection)');
  }
  if (tagKey !== undefined && tagValues === undefined) fail(ctx, [...at, 'tagValues'], `required with tagKey "${tagKey}": the tag values that select resources`);
  if (tagKey === undefined && tagValues !== undefined) fail(ctx, [...at, 'tagKey'], 'required with tagValues: the tag key whose values select resources');
  if (resourceTypes !== undefined && tagValues !== undefined && tagValues.length > 1) {
    fail(
      ctx,
      [...at, 'tagValues'],
      'beside resourceTypes, one tag value only: AWS writes the tag as a condition of selections.resources, and its conditions must all match (split the policy, or select by tag alone)',
      tagValues,
    );
  }
  if (notResourceTypes !== undefined && resourceTypes === undefined) {
    fail(ctx, [...at, 'notResourceTypes'], 'applies to resourceTypes only: add resourceTypes (for example ["*"]) or remove it', notResourceTypes);
  }
  const allowed = selectableResourceTypes(cfg.partition);
  const checkTypes = (types: readonly string[] | undefined, key: string, allowStar: boolean) => {
    if (types === undefined) return;
    types.forEach((type, i) => {
      if (type === '*' && allowStar) return;
      if (!allowed.includes(type)) {
        const otherPartition = type.replace(/^arn:[^:]+:/, `arn:${cfg.partition}:`);
        const hint = allowed.includes(otherPartition) ? ` (in partition ${cfg.partition}, write ${otherPartition})` : '';
        fail(ctx, [...at, key, i], `not a resource type AWS backup policies select${hint}; allowed: ${allowStar ? '*, ' : ''}${allowed.join(', ')}`, type);
      }
    });
    duplicates(types).forEach((i) => fail(ctx, [...at, key, i], 'listed twice; list each resource type once', types[i]));
  };
  checkTypes(resourceTypes, 'resourceTypes', true);
  checkTypes(notResourceTypes, 'notResourceTypes', false);
  notResourceTypes?.forEach((type, i) => {
    if (resourceTypes?.includes(type)) {
      fail(ctx, [...at, 'notResourceTypes', i], 'also in resourceTypes: a type cannot be both selected and excluded', type);
    }
  });
}

function checkVss(cfg: OrgConfig, ctx: Ctx, policy: Policy, at: Path): void {
  const { resourceTypes, notResourceTypes } = policy.selection;
  if (resourceTypes === undefined) return;
  const instances = ec2InstanceResourceType(cfg.partition);
  const selected = (resourceTypes.includes('*') || resourceTypes.includes(instances)) && !notResourceTypes?.includes(instances);
  if (!selected) {
    fail(ctx, [...at, 'windowsVss'], `Windows VSS applies to EC2 instances only, and the selection has none (add ${instances} to resourceTypes)`, true);
  }
}

function checkMalwareScanTypes(ctx: Ctx, clean: Clean, policy: Policy, at: Path): void {
  const path: Path = [...at, 'malwareScanResourceTypes'];
  const types = policy.malwareScanResourceTypes;
  if (types === undefined || !clean(path) || !clean.shaped([...at, 'rules'])) return;
  if (!policy.rules.some((rule) => rule.malwareScan !== undefined)) {
    fail(ctx, path, 'no rule of this policy has malwareScan, so nothing is scanned: add malwareScan to a rule or remove this', types);
  }
  duplicates(types).forEach((i) => fail(ctx, [...path, i], 'listed twice; list each type once', types[i]));
}

type Rule = Policy['rules'][number];

function checkRuleFeatures(cfg: OrgConfig, ctx: Ctx, clean: Clean, policy: Policy, rule: Rule, at: Path): void {
  if (!clean.shaped(at)) return;
  const index = rule.backupIndex?.resourceTypes;
  if (index && clean([...at, 'backupIndex'])) {
    duplicates(index).forEach((i) => fail(ctx, [...at, 'backupIndex', 'resourceTypes', i], 'listed twice; list each type once', index[i]));
  }
  if (!rule.continuousBackup || !clean([...at, 'continuousBackup']) || !clean([...at, 'lifecycle'])) return;
  const { deleteAfterDays, moveToColdStorageAfterDays } = rule.lifecycle;
  if (deleteAfterDays === undefined) {
    fail(ctx, [...at, 'lifecycle', 'deleteAfterDays'], `required with continuousBackup: continuous backups keep 1 to ${CONTINUOUS_BACKUP_MAX_RETENTION_DAYS} days`);
  } else if (deleteAfterDays > CONTINUOUS_BACKUP_MAX_RETENTION_DAYS) {
    fail(ctx, [...at, 'lifecycle', 'deleteAfterDays'], `continuous backups keep at most ${CONTINUOUS_BACKUP_MAX_RETENTION_DAYS} days (AWS's limit for point-in-time recovery)`, deleteAfterDays);
  }
  if (moveToColdStorageAfterDays !== undefined) {
    fail(ctx, [...at, 'lifecycle', 'moveToColdStorageAfterDays'], 'continuous backups do not move to cold storage: remove it or continuousBackup', moveToColdStorageAfterDays);
  }
  const types = policy.selection.resourceTypes;
  if (types !== undefined && clean(['partition']) && !types.includes('*')) {
    const capable = continuousBackupResourceTypes(cfg.partition);
    if (!types.some((type) => capable.includes(type))) {
      fail(ctx, [...at, 'continuousBackup'], `none of the policy's resourceTypes supports continuous backup (AWS Backup: ${capable.join(', ')})`, true);
    }
  }
}

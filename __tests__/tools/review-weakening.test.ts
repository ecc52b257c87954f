/**
 * The review's change findings, one base and changed output per kind of change of issue 10 item 3
 * (and the review parts of issues 9, 13 and 14): each weakening is flagged with the right words,
 * strengthening is listed without the flag, a neutral change (a new source account, a tag) is not
 * flagged, and key order or whitespace shows nothing. Changes the config can make are synthesized;
 * the others are made by hand in cdk.tf.json, as a careless edit or a regression would. The air-gapped
 * vault, its RAM share, restore testing, the resource-type opt-in and the alert and audit resources
 * are hand-written with the AWS provider's argument names until the constructs that make them land.
 */
import { config as fullConfig } from '../../envs/full';
import { validateConfig } from '../../envs/load';
import type { OrgConfigInput } from '../../envs/schema';
import type { StackJson, SynthOutput } from '../../output/synth-output';
import { changeFindings } from '../../tools/review/changes';
import { diffReviews } from '../../tools/review/diff';
import type { Finding } from '../../tools/review/findings';
import { buildReviewModel } from '../../tools/review/model';
import { exampleConfig, synthApp } from '../support/synth';
import { readJsonDocument } from '../../output/terraform-expression';

const withScp = (c: OrgConfigInput) => void (c.protectBackupsScp = true);
const base = synthApp(exampleConfig(withScp));

function findings(before: SynthOutput, after: SynthOutput): Finding[] {
  const a = buildReviewModel(before);
  const b = buildReviewModel(after);
  return [...changeFindings(before, after, a, b, diffReviews(a, b)).findings];
}

function synthChanged(change: (c: OrgConfigInput) => void): SynthOutput {
  return synthApp(
    exampleConfig((c) => {
      withScp(c);
      change(c);
    }),
  );
}

/** The output with one stack's JSON changed, in memory. */
function edited(out: SynthOutput, stack: string, edit: (json: any) => void): SynthOutput {
  const json = structuredClone(out.stacks[stack]) as any;
  edit(json);
  return { ...out, stacks: { ...out.stacks, [stack]: json as StackJson } };
}

/** A policy attribute (JSON, or `jsonencode` where it holds references), changed as a parsed document. */
function editPolicy(body: any, attribute: string, edit: (document: any) => void): void {
  const document = readJsonDocument(body[attribute]) as any;
  edit(document);
  body[attribute] = JSON.stringify(document);
}

const statement = (document: any, sid: string) => {
  const s = document.Statement.find((x: any) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
};

function expectFlag(list: readonly Finding[], kind: string, ...words: string[]): void {
  const match = list.filter((f) => f.kind === kind && words.every((w) => f.text.includes(w)));
  if (match.length === 0) throw new Error(`no ${kind} finding with ${JSON.stringify(words)}; found:\n${list.map((f) => `${f.effect} ${f.kind}: ${f.text}`).join('\n')}`);
  for (const f of match) expect(f.effect).toBe('weakens');
}

const weakening = (list: readonly Finding[]) => list.filter((f) => f.effect === 'weakens');

describe('review findings: every kind of weakening change is flagged', () => {
  it('a principal added to an exemption', () => {
    const list = findings(base, synthChanged((c) => c.backupAccount.breakGlassRoleArns!.push('arn:aws:iam::222222222222:role/incident-responder')));
    expectFlag(list, 'exemption-added', '`arn:aws:iam::222222222222:role/incident-responder` is now exempt from DenyRecoveryPointDestruction', 'aws_backup_vault_policy.central_eu-west-1');
    expectFlag(list, 'exemption-added', 'is now exempt from DenyKeyDestruction', 'aws_kms_key.central_ap-southeast-2');
    expectFlag(list, 'exemption-added', 'SCP `aws_organizations_policy.protect_backups`', 'is now exempt from ProtectBackupVaults');
  });

  it('a vault lock minimum lowered, shown as a replacement of the lock', () => {
    const list = findings(base, synthChanged((c) => void (c.backupAccount.vaultLock = { mode: 'governance', minRetentionDays: 1, maxRetentionDays: 3650 })));
    expectFlag(list, 'lock-minimum-lowered', '`aws_backup_vault_lock_configuration.central_eu-west-1`: minimum retention 7 -> 1 days');
    expectFlag(list, 'replaced', '`aws_backup_vault_lock_configuration.central_eu-west-1` is replaced (min_retention_days: 7 -> 1)', 'every argument of a vault lock forces a new resource', 'the apply fails halfway');
  });

  it('a vault lock maximum raised', () => {
    const list = findings(base, synthChanged((c) => void (c.backupAccount.vaultLock = { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 36500 })));
    expectFlag(list, 'lock-maximum-raised', 'maximum retention 3650 -> 36500 days');
  });

  it('a vault lock mode changed from compliance to governance', () => {
    const compliance = synthChanged((c) => void (c.backupAccount.vaultLock = { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 3650, changeableForDays: 3 }));
    expectFlag(findings(compliance, base), 'lock-mode-changed', 'lock mode compliance -> governance');
    const back = findings(base, compliance).filter((f) => f.kind === 'lock-mode-changed');
    expect(back.map((f) => f.effect)).toEqual(['strengthens', 'strengthens']);
  });

  it('a vault lock removed', () => {
    const list = findings(base, edited(base, 'backup-account', (j) => delete j.resource.aws_backup_vault_lock_configuration['central_eu-west-1']));
    expectFlag(list, 'lock-removed', '`aws_backup_vault_lock_configuration.central_eu-west-1` is destroyed', '**the vault lock is removed**');
  });

  it('the SCP turned off', () => {
    const list = findings(base, synthApp(exampleConfig()));
    expectFlag(list, 'scp-off', '`aws_organizations_policy.protect_backups` is destroyed', '**the backup protection SCP is off**');
    expectFlag(list, 'policy-detached', '`aws_organizations_policy_attachment.protect_backups_r-a1b2` is destroyed');
    expectFlag(list, 'deny-removed', 'the deny `ProtectBackupVaults` is removed (the policy is gone)');
  });

  it('a statement removed from the SCP', () => {
    const list = findings(base, edited(base, 'management', (j) => editPolicy(j.resource.aws_organizations_policy.protect_backups, 'content', (d) => (d.Statement = d.Statement.filter((s: any) => s.Sid !== 'StayInTheOrganization')))));
    expectFlag(list, 'deny-removed', 'SCP `aws_organizations_policy.protect_backups`: the deny `StayInTheOrganization` is removed', '`organizations:LeaveOrganization`');
  });

  it('a deny removed from a vault policy', () => {
    const list = findings(base, edited(base, 'backup-account', (j) => editPolicy(j.resource.aws_backup_vault_policy['central_eu-west-1'], 'policy', (d) => (d.Statement = d.Statement.filter((s: any) => s.Sid !== 'DenyRecoveryPointDestruction')))));
    expectFlag(list, 'deny-removed', 'vault access policy `aws_backup_vault_policy.central_eu-west-1`: the deny `DenyRecoveryPointDestruction` is removed', '`backup:DeleteRecoveryPoint`');
  });

  it('a deny narrowed: an action taken out, and a condition added', () => {
    const narrowed = edited(base, 'backup-account', (j) =>
      editPolicy(j.resource.aws_backup_vault_policy['central_eu-west-1'], 'policy', (d) => {
        const s = statement(d, 'DenyRecoveryPointDestruction');
        s.Action = s.Action.filter((a: string) => a !== 'backup:UpdateRecoveryPointLifecycle');
        s.Condition.StringEquals = { 'aws:RequestedRegion': 'eu-west-1' };
      }),
    );
    const list = findings(base, narrowed);
    expectFlag(list, 'deny-narrowed', 'the deny `DenyRecoveryPointDestruction` is narrowed: action `backup:UpdateRecoveryPointLifecycle` removed');
    expectFlag(list, 'deny-narrowed', 'the deny `DenyRecoveryPointDestruction` is narrowed: condition aws:requestedregion StringEquals `eu-west-1` added');
  });

  it('an allow widened: a principal, an action, a condition removed', () => {
    const widened = edited(base, 'backup-account', (j) =>
      editPolicy(j.resource.aws_kms_key['central_eu-west-1'], 'policy', (d) => {
        const s = statement(d, 'OrganizationThroughCopyServicesUse');
        s.Action.push('kms:CreateGrant');
        delete s.Condition.StringEquals['kms:ViaService'];
        d.Statement.find((x: any) => x.Sid === 'EnableOwningAccountAdministration').Principal.AWS = ['arn:aws:iam::222222222222:root', 'arn:aws:iam::999999999999:root'];
      }),
    );
    const list = findings(base, widened);
    expectFlag(list, 'allow-widened', 'the allow `OrganizationThroughCopyServicesUse` is widened: action `kms:CreateGrant` added');
    expectFlag(list, 'allow-widened', 'the allow `OrganizationThroughCopyServicesUse` is widened: condition kms:viaservice StringEquals');
    expectFlag(list, 'allow-widened', 'the allow `EnableOwningAccountAdministration` is widened: principal `arn:aws:iam::999999999999:root` added');
  });

  it('retention and copy retention shortened, and a copy removed', () => {
    const list = findings(
      base,
      synthChanged((c) => {
        const standard = c.policies.find((p) => p.name === 'standard')!;
        standard.rules[0].lifecycle = { deleteAfterDays: 14 };
        standard.rules[0].copyToBackupAccount = { deleteAfterDays: 30 };
        delete c.policies.find((p) => p.name === 'standard')!.rules[1].copyToBackupAccount;
      }),
    );
    expectFlag(list, 'retention-shortened', '`org-backup-standard` plan `standard-eu-west-1` rule `daily`: **retention shortened**: local delete after days: 35 -> 14');
    expectFlag(list, 'retention-shortened', 'copy to org-central-backup delete after days: 90 -> 30');
    expectFlag(list, 'copy-removed', 'rule `weekly`: **copy removed**: copy to arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup: removed');
  });

  it('a region and an account dropped from protection', () => {
    const list = findings(
      base,
      synthChanged((c) => {
        c.regions = ['ap-southeast-2'];
        c.sourceAccounts = c.sourceAccounts.filter((a) => a.name !== 'shared-services');
      }),
    );
    expectFlag(list, 'region-dropped', 'region eu-west-1 is dropped from the Backup account');
    expectFlag(list, 'account-dropped', 'the stack of shared-services (666666666666) is gone');
    expectFlag(list, 'vault-destroyed', '`aws_backup_vault.central_eu-west-1` is destroyed');
  });

  it('the deployment role and the backup role changed', () => {
    const list = findings(base, synthChanged((c) => {
      c.deploymentRoleName = 'TerraformDeployer';
      c.backupRoleName = 'OtherBackupRole';
    }));
    expectFlag(list, 'deployment-role-changed', 'the deployment role changes from `arn:aws:iam::222222222222:role/OrganizationAccountAccessRole` to `arn:aws:iam::222222222222:role/TerraformDeployer`');
    expectFlag(list, 'backup-role-changed', 'the backup role changes from `arn:aws:iam::$account:role/OrgBackupServiceRole` to `arn:aws:iam::$account:role/OtherBackupRole`');
    expectFlag(list, 'replaced', '`aws_iam_role.backup` is replaced (name: OrgBackupServiceRole -> OtherBackupRole)');
  });

  it("a key's rotation turned off and its deletion window shortened", () => {
    const list = findings(base, edited(base, 'source-data-prod', (j) => {
      j.resource.aws_kms_key['backup_eu-west-1'].enable_key_rotation = false;
      j.resource.aws_kms_key['backup_eu-west-1'].deletion_window_in_days = 7;
    }));
    expectFlag(list, 'key-rotation-changed', '`aws_kms_key.backup_eu-west-1`: key rotation turned off');
    expectFlag(list, 'key-deletion-window-changed', '`aws_kms_key.backup_eu-west-1`: deletion window 30 -> 7 days');
  });

  it('a key destroyed, a vault replaced, a vault policy destroyed', () => {
    const list = findings(base, edited(base, 'backup-account', (j) => {
      delete j.resource.aws_kms_key['central_ap-southeast-2'];
      j.resource.aws_backup_vault['central_eu-west-1'].name = 'org-vault-2';
      delete j.resource.aws_backup_vault_policy['central_ap-southeast-2'];
    }));
    expectFlag(list, 'key-destroyed', '`aws_kms_key.central_ap-southeast-2` is destroyed');
    expectFlag(list, 'replaced', '`aws_backup_vault.central_eu-west-1` is replaced (name: org-central-backup -> org-vault-2)');
    expectFlag(list, 'destroyed', '`aws_backup_vault_policy.central_ap-southeast-2` is destroyed');
    expectFlag(list, 'deny-removed', 'the deny `DenyRecoveryPointDestruction` is removed (the policy is gone)');
  });

  it('a selection narrowed', () => {
    const list = findings(base, synthChanged((c) => void (c.policies.find((p) => p.name === 'critical')!.selection.tagValues = ['critical'])));
    expectFlag(list, 'selection-narrowed', 'resources tagged `backup-plan` = `regulated` are no longer selected');
  });
});

/** Resources other constructs are adding, hand-written with the AWS provider's argument names. */
function withProtection(out: SynthOutput, change: (r: any) => void = () => {}): SynthOutput {
  return edited(out, 'backup-account', (j) => {
    const provider = 'aws.eu-west-1';
    const r: any = {
      aws_backup_region_settings: {
        'eu-west-1': { provider, resource_type_opt_in_preference: { EBS: true, RDS: true, DynamoDB: true, EFS: true }, resource_type_management_preference: { DynamoDB: true, EFS: true } },
      },
      aws_backup_logically_air_gapped_vault: {
        'air_gapped_eu-west-1': { provider, name: 'org-air-gapped', min_retention_days: 7, max_retention_days: 3650, lifecycle: { prevent_destroy: true } },
      },
      aws_ram_resource_share: { 'air_gapped_eu-west-1': { provider, name: 'org-air-gapped', allow_external_principals: false } },
      aws_ram_resource_association: { 'air_gapped_eu-west-1': { provider, resource_arn: '${aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1.arn}', resource_share_arn: '${aws_ram_resource_share.air_gapped_eu-west-1.arn}' } },
      aws_ram_principal_association: { 'air_gapped_eu-west-1_organization': { provider, principal: 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5', resource_share_arn: '${aws_ram_resource_share.air_gapped_eu-west-1.arn}' } },
      aws_backup_restore_testing_plan: {
        'restore_eu-west-1': { provider, name: 'org_restore_testing', schedule_expression: 'cron(0 1 ? * SUN *)', recovery_point_selection: [{ algorithm: 'LATEST_WITHIN_WINDOW', include_vaults: ['arn:aws:backup:eu-west-1:222222222222:backup-vault:org-central-backup', 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped'], recovery_point_types: ['SNAPSHOT'] }] },
      },
      aws_backup_restore_testing_selection: {
        'restore_eu-west-1_ebs': { provider, name: 'ebs', restore_testing_plan_name: '${aws_backup_restore_testing_plan.restore_eu-west-1.name}', protected_resource_type: 'EBS', iam_role_arn: 'arn:aws:iam::222222222222:role/org-restore-testing', protected_resource_arns: ['*'] },
      },
      aws_cloudwatch_event_rule: {
        'tamper_eu-west-1': { provider, name: 'org-backup-tamper', event_pattern: JSON.stringify({ source: ['aws.kms', 'aws.backup'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['ScheduleKeyDeletion', 'DisableKey', 'PutKeyPolicy', 'DeleteRecoveryPoint'] } }) },
      },
      aws_sns_topic: { 'alerts_eu-west-1': { provider, name: 'org-backup-alerts', kms_master_key_id: '${aws_kms_key.central_eu-west-1.arn}' } },
      aws_backup_framework: { 'audit_eu-west-1': { provider, name: 'org_backup_controls', control: [{ name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN' }, { name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' }] } },
      aws_backup_report_plan: { 'audit_eu-west-1_jobs': { provider, name: 'org_backup_jobs', report_delivery_channel: { s3_bucket_name: 'org-backup-audit' }, report_setting: { report_template: 'BACKUP_JOB_REPORT' } } },
    };
    // The stack synthesizes its own region settings: keep them, so that only the change is compared.
    if (j.resource.aws_backup_region_settings) r.aws_backup_region_settings = structuredClone(j.resource.aws_backup_region_settings);
    change(r);
    Object.assign(j.resource, r);
  });
}

describe('review findings on the air-gapped vault, its share, restore testing, the opt-in, alerts and audit', () => {
  const protectedBase = withProtection(base);

  it('the resource-type opt-in turned off for a type, and AWS Backup management of DynamoDB off', () => {
    const list = findings(protectedBase, withProtection(base, (r) => {
      r.aws_backup_region_settings['eu-west-1'].resource_type_opt_in_preference.RDS = false;
      r.aws_backup_region_settings['eu-west-1'].resource_type_management_preference.DynamoDB = false;
    }));
    expectFlag(list, 'opt-in-turned-off', 'resource_type_opt_in_preference RDS: true -> false: AWS Backup stops protecting this resource type');
    expectFlag(list, 'opt-in-turned-off', 'resource_type_management_preference DynamoDB: true -> false');
  });

  it('the air-gapped vault removed, its share widened and narrowed, its bounds lowered', () => {
    const removed = findings(protectedBase, withProtection(base, (r) => delete r.aws_backup_logically_air_gapped_vault));
    expectFlag(removed, 'vault-destroyed', '`aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1` is destroyed');
    const changed = findings(protectedBase, withProtection(base, (r) => {
      r.aws_ram_resource_share['air_gapped_eu-west-1'].allow_external_principals = true;
      delete r.aws_ram_principal_association;
      r.aws_backup_logically_air_gapped_vault['air_gapped_eu-west-1'].min_retention_days = 1;
    }));
    expectFlag(changed, 'share-widened', 'allow_external_principals turned on');
    expectFlag(changed, 'share-narrowed', '`aws_ram_principal_association.air_gapped_eu-west-1_organization` is destroyed');
    expectFlag(changed, 'lock-minimum-lowered', '`aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1`: minimum retention 7 -> 1 days');
    expectFlag(changed, 'replaced', 'every argument of an air-gapped vault forces a new vault');
  });

  it('restore testing removed or narrowed', () => {
    const removed = findings(protectedBase, withProtection(base, (r) => delete r.aws_backup_restore_testing_selection));
    expectFlag(removed, 'restore-testing-removed', '`aws_backup_restore_testing_selection.restore_eu-west-1_ebs` is destroyed');
    const narrowed = findings(protectedBase, withProtection(base, (r) => r.aws_backup_restore_testing_plan['restore_eu-west-1'].recovery_point_selection[0].include_vaults.pop()));
    expectFlag(narrowed, 'restore-testing-narrowed', 'restore tests no longer cover `arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped`');
  });

  it('alerts and audit removed or narrowed', () => {
    const list = findings(protectedBase, withProtection(base, (r) => {
      r.aws_cloudwatch_event_rule['tamper_eu-west-1'].event_pattern = JSON.stringify({ source: ['aws.kms'], detail: { eventName: ['DisableKey'] } });
      delete r.aws_sns_topic;
      r.aws_backup_framework['audit_eu-west-1'].control.pop();
      delete r.aws_backup_report_plan;
    }));
    expectFlag(list, 'alert-narrowed', 'no longer alerts on `ScheduleKeyDeletion`, `PutKeyPolicy`, `DeleteRecoveryPoint`');
    expectFlag(list, 'alert-removed', '`aws_sns_topic.alerts_eu-west-1` is destroyed');
    expectFlag(list, 'audit-narrowed', 'controls removed: `BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK`');
    expectFlag(list, 'audit-removed', '`aws_backup_report_plan.audit_eu-west-1_jobs` is destroyed');
  });

  it('adding them is strengthening, never flagged', () => {
    const list = findings(base, protectedBase);
    expect(weakening(list)).toEqual([]);
    expect(list.filter((f) => f.effect === 'strengthens').map((f) => f.subject)).toEqual(expect.arrayContaining(['aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1', 'aws_backup_restore_testing_plan.restore_eu-west-1']));
  });
});

describe('review findings that do not weaken', () => {
  it('strengthening changes are listed without the flag', () => {
    const list = findings(base, synthChanged((c) => void (c.backupAccount.vaultLock = { mode: 'governance', minRetentionDays: 14, maxRetentionDays: 3650 })));
    expect(list.filter((f) => f.kind === 'lock-minimum-raised').map((f) => f.effect)).toEqual(['strengthens', 'strengthens']);
    // Every lock argument forces a replacement: that, and only that, stays flagged.
    expect(weakening(list).map((f) => f.kind)).toEqual(['replaced', 'replaced']);
  });

  it('an exemption taken away is strengthening', () => {
    const list = findings(synthChanged((c) => c.backupAccount.breakGlassRoleArns!.push('arn:aws:iam::222222222222:role/incident-responder')), base);
    const removed = list.filter((f) => f.kind === 'exemption-removed');
    expect(removed.length).toBeGreaterThanOrEqual(14);
    // By ARN, and by the unique id its data source reads (the `<Sid>ByRoleId` twins), one finding each.
    const byArn = removed.filter((f) => f.text.includes('`arn:aws:iam::222222222222:role/incident-responder` is no longer exempt from'));
    const byId = removed.filter((f) => f.text.includes('`${data.aws_iam_role.break_glass_incident-responder.unique_id}:*` is no longer exempt from') && f.text.includes('ByRoleId (aws:userid StringNotLike)'));
    expect(byArn.length).toBeGreaterThanOrEqual(14);
    expect(byId.length).toBeGreaterThan(0);
    expect(byArn.length + byId.length).toBe(removed.length);
    expect(removed.every((f) => f.effect === 'strengthens')).toBe(true);
    // The SCP stops guarding the role it no longer exempts: a narrower deny, flagged for a look.
    expect(weakening(list).length).toBeGreaterThan(0);
    for (const f of weakening(list)) expect(f.text).toMatch(/^SCP `aws_organizations_policy.protect_backups`: the deny `\w+` is narrowed: resource `arn:aws:iam::222222222222:role\/incident-responder` removed$/);
  });

  it('a new source account and a tag are not flagged', () => {
    const list = findings(base, synthChanged((c) => {
      c.sourceAccounts.push({ accountId: '777777777777', name: 'analytics' });
      c.tags = { ...c.tags, team: 'storage' };
    }));
    expect(weakening(list)).toEqual([]);
  });

  it('key order and whitespace in every policy show nothing', () => {
    const reordered = (stack: string) => (j: any) => {
      for (const byName of Object.values(j.resource ?? {}) as any[]) {
        for (const body of Object.values(byName) as any[]) {
          for (const attribute of ['policy', 'content', 'assume_role_policy']) {
            if (typeof body[attribute] !== 'string') continue;
            // A jsonencode document (it holds the exempt roles' ids) is written back as JSON: the same document.
            const document = readJsonDocument(body[attribute]);
            const reverse = (v: any): any => (Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v);
            body[attribute] = JSON.stringify(reverse(document), null, 4);
          }
        }
      }
      void stack;
    };
    let out = base;
    for (const stack of Object.keys(base.stacks)) out = edited(out, stack, reordered(stack));
    expect(JSON.stringify(out.stacks)).not.toBe(JSON.stringify(base.stacks));
    expect(findings(base, out)).toEqual([]);
  });

  it('a schedule that multiplies the recovery points kept is a warning, not a weakening', () => {
    const list = findings(base, synthChanged((c) => void (c.policies.find((p) => p.name === 'standard')!.rules[0].schedule = 'cron(0 * ? * * *)')));
    const warning = list.find((f) => f.kind === 'recovery-points-multiplied');
    expect(warning?.effect).toBe('warning');
    expect(warning?.text).toContain('`org-backup-standard` rule `daily`: recovery points kept per resource (local) grow 24.0x, ~35 warm -> ~840 warm');
  });
});

describe('review findings on the synthesized air-gapped vault, its share and restore testing (envs/full.ts)', () => {
  const full = synthApp(validateConfig(structuredClone(fullConfig), 'envs/full.ts'));
  const fullWith = (change: (c: any) => void) => {
    const c = structuredClone(fullConfig) as any;
    change(c);
    return synthApp(validateConfig(c, 'envs/full.ts changed'));
  };

  it('the share narrowed: the recovery account no longer a principal', () => {
    const list = findings(full, fullWith((c) => (c.backupAccount.airGappedVault.shareWith = ['organization'])));
    expectFlag(list, 'share-narrowed', '`aws_ram_principal_association.air_gapped_eu-west-1_777777777777` is destroyed', 'a principal the air-gapped vault is shared with');
  });

  it('the air-gapped vault and restore testing turned off', () => {
    const list = findings(full, fullWith((c) => {
      delete c.backupAccount.airGappedVault;
      delete c.backupAccount.restoreTesting;
      for (const p of c.policies) for (const r of p.rules) delete r.copyToAirGappedVault;
    }));
    expectFlag(list, 'vault-destroyed', '`aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1` is destroyed', 'the copy that survives a lost Backup account');
    expectFlag(list, 'share-narrowed', '`aws_ram_resource_share.air_gapped_eu-west-1` is destroyed');
    expectFlag(list, 'restore-testing-removed', '`aws_backup_restore_testing_plan.restore_test_eu-west-1` is destroyed');
    expectFlag(list, 'copy-removed', '**copy removed**: copy to arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped: removed');
  });

  it('restore testing narrowed to fewer resource types', () => {
    const list = findings(full, fullWith((c) => (c.backupAccount.restoreTesting.resourceTypes = ['EBS', 'RDS'])));
    expectFlag(list, 'restore-testing-removed', '`aws_backup_restore_testing_selection.restore_test_eu-west-1_s3` is destroyed');
  });
});

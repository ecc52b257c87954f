/**
 * OB-AIR-GAPPED-COPY-RETENTION on the smallest outputs that show each of its limits and branches:
 * one stack as Terraform receives it, a logically air-gapped vault bounded by 30 and 365 days and
 * a backup policy copying to it. Every noncompliant outcome is asserted with its whole detail.
 */
import { SynthesizedApp } from '../../../checks/model';
import { compliant, noncompliant, notApplicable } from '../../../checks/rule';
import { airGappedCopyRetention } from '../../../checks/rules/air-gapped-copy-retention';
import { OWN_ACCOUNT } from '../../support/checks';

const TARGET = `arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:org-air-gapped`;
const PINNED = { region: 'eu-west-1', allowed_account_ids: [OWN_ACCOUNT] };
const airGappedVault = (name = 'org-air-gapped') => ({ name, min_retention_days: 30, max_retention_days: 365 });
/** A copy action's lifecycle: kept that many days, or no lifecycle at all. */
const kept = (days?: number) => (days === undefined ? {} : { lifecycle: { delete_after_days: { '@@assign': String(days) } } });
const copyTo = (target: string, days?: number) => ({ [target]: { target_backup_vault_arn: { '@@assign': target }, ...kept(days) } });
const backupPolicy = (rules: Record<string, object>) => ({ name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify({ plans: { standard: { rules } } }) });

interface Around {
  vaults?: Record<string, Record<string, unknown>>;
  provider?: Record<string, unknown>;
  type?: string;
}
/** The rule's outcome for the resource `bp` of one stack holding the vaults and `bp` (of the given type). */
function outcome(bp: Record<string, unknown>, { vaults = { lag: airGappedVault() }, provider = PINNED, type = 'aws_organizations_policy' }: Around = {}) {
  const app = new SynthesizedApp({ backup: { provider: { aws: [provider] }, resource: { aws_backup_logically_air_gapped_vault: vaults, [type]: { bp } } } });
  return airGappedCopyRetention(app.resources.find((r) => r.address === `${type}.bp`)!, app);
}
const daily = (target: string, days?: number) => backupPolicy({ daily: { copy_actions: copyTo(target, days) } });

describe('OB-AIR-GAPPED-COPY-RETENTION airGappedCopyRetention', () => {
  it('Compliance: a copy kept exactly the minimum, and exactly the maximum', () => {
    expect(outcome(daily(TARGET, 30))).toEqual(compliant());
    expect(outcome(daily(TARGET, 365))).toEqual(compliant());
  });
  it('Noncompliance 1: one day under the minimum', () => {
    expect(outcome(daily(TARGET, 29))).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 29 days, under the vault's minimum of 30 days`));
  });
  it('Noncompliance 2: one day over the maximum', () => {
    expect(outcome(daily(TARGET, 366))).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 366 days, over the vault's maximum of 365 days`));
  });
  it('Noncompliance 3: no lifecycle at all, and a lifecycle without delete_after_days (kept forever)', () => {
    const forever = `plan standard rule daily copies to ${TARGET} with no delete_after_days (kept forever), beyond the vault's maximum of 365 days`;
    expect(outcome(daily(TARGET))).toEqual(noncompliant(forever));
    const coldOnly = backupPolicy({ daily: { copy_actions: { [TARGET]: { lifecycle: { move_to_cold_storage_after_days: { '@@assign': '30' } } } } } });
    expect(outcome(coldOnly)).toEqual(noncompliant(forever));
  });
  it('Noncompliance 4: every faulty copy of the policy is named, in order', () => {
    const bp = backupPolicy({ daily: { copy_actions: copyTo(TARGET, 29) }, weekly: { copy_actions: copyTo(TARGET, 400) } });
    expect(outcome(bp)).toEqual(
      noncompliant(
        `plan standard rule daily copies to ${TARGET} kept 29 days, under the vault's minimum of 30 days; ` +
          `plan standard rule weekly copies to ${TARGET} kept 400 days, over the vault's maximum of 365 days`,
      ),
    );
  });
  it('Noncompliance 5: a backup policy whose content is not a JSON document cannot be checked', () => {
    expect(outcome({ name: 'bp', type: 'BACKUP_POLICY', content: '${data.local_file.policy.content}' })).toEqual(noncompliant('the backup policy content cannot be read'));
  });

  it('bounds written as strings of digits are the numbers Terraform reads', () => {
    const vaults = { lag: { name: 'org-air-gapped', min_retention_days: '30', max_retention_days: '365' } };
    expect(outcome(daily(TARGET, 30), { vaults })).toEqual(compliant());
    expect(outcome(daily(TARGET, 29), { vaults })).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 29 days, under the vault's minimum of 30 days`));
    expect(outcome(daily(TARGET, 366), { vaults })).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 366 days, over the vault's maximum of 365 days`));
  });
  it('bounds not known before apply (references) judge no bounded copy; a copy kept forever is beyond any maximum', () => {
    const vaults = { lag: { name: 'org-air-gapped', min_retention_days: '${var.min}', max_retention_days: '${var.max}' } };
    expect(outcome(daily(TARGET, 1), { vaults })).toEqual(compliant());
    expect(outcome(daily(TARGET), { vaults })).toEqual(
      noncompliant(`plan standard rule daily copies to ${TARGET} with no delete_after_days (kept forever), beyond the vault's maximum of \${var.max} days`),
    );
  });

  describe('applies to backup policies only', () => {
    it('a service control policy, even one whose content cannot be read as JSON, is not applicable', () => {
      expect(outcome({ name: 'scp', type: 'SERVICE_CONTROL_POLICY', content: '${data.aws_iam_policy_document.scp.json}' })).toEqual(notApplicable());
    });
    it('the same arguments under another resource type are not applicable', () => {
      expect(outcome(daily(TARGET, 29), { type: 'aws_backup_plan' })).toEqual(notApplicable());
    });
    it('a backup policy that copies to no air-gapped vault, or has no plans, is not applicable', () => {
      expect(outcome(daily(`arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:org-central-backup`, 29))).toEqual(notApplicable());
      expect(outcome({ name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify({ plans: {} }) })).toEqual(notApplicable());
    });
  });

  describe('holds a copy against the air-gapped vault its target ARN names, and no other', () => {
    it('a target that is not an ARN (a reference) names no vault', () => {
      expect(outcome(daily('${aws_backup_vault.other.arn}', 29))).toEqual(notApplicable());
    });
    it("a target that only contains the vault's ARN, or has anything after it, names no vault", () => {
      expect(outcome(daily(`copy-of-${TARGET}`, 29))).toEqual(notApplicable());
      expect(outcome(daily(`${TARGET}\n`, 29))).toEqual(notApplicable());
    });
    it('a vault of another name, region or account is not the target', () => {
      expect(outcome(daily(TARGET, 29), { vaults: { lag: airGappedVault('org-air-gapped-2') } })).toEqual(notApplicable());
      expect(outcome(daily(TARGET, 29), { provider: { ...PINNED, region: 'us-east-1' } })).toEqual(notApplicable());
      expect(outcome(daily(TARGET, 29), { provider: { ...PINNED, allowed_account_ids: ['333333333333'] } })).toEqual(notApplicable());
    });
    it('a vault whose provider pins no region, or no account, may be the target: it is checked', () => {
      const under = noncompliant(`plan standard rule daily copies to ${TARGET} kept 29 days, under the vault's minimum of 30 days`);
      expect(outcome(daily(TARGET, 29), { provider: { allowed_account_ids: [OWN_ACCOUNT] } })).toEqual(under);
      expect(outcome(daily(TARGET, 29), { provider: { region: 'eu-west-1' } })).toEqual(under);
    });
    it('beside another air-gapped vault with other bounds, only the named one counts', () => {
      const vaults = { lag: airGappedVault(), other: { name: 'other', min_retention_days: 1, max_retention_days: 7 } };
      expect(outcome(daily(TARGET, 30), { vaults })).toEqual(compliant());
    });
  });
});

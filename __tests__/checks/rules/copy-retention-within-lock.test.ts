/**
 * OB-COPY-RETENTION-IN-LOCK on the smallest outputs that show each of its limits and branches: one
 * stack as Terraform receives it, a vault locked between 7 and 90 days and a backup policy copying
 * to it. Every noncompliant outcome is asserted with its whole detail.
 */
import { SynthesizedApp } from '../../../checks/model';
import { compliant, noncompliant, notApplicable } from '../../../checks/rule';
import { copyRetentionWithinLock } from '../../../checks/rules/copy-retention-within-lock';
import { OWN_ACCOUNT } from '../../support/checks';

const TARGET = `arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:org-central-backup`;
const PINNED = { region: 'eu-west-1', allowed_account_ids: [OWN_ACCOUNT] };
const VAULT = { central: { name: 'org-central-backup' } };
/** The lock of vault `central` (by reference, as CentralVault writes it). */
const LOCK = { central: { backup_vault_name: '${aws_backup_vault.central.name}', min_retention_days: 7, max_retention_days: 90 } };
const kept = (days?: number) => (days === undefined ? {} : { lifecycle: { delete_after_days: { '@@assign': String(days) } } });
const copyTo = (target: string, days?: number) => ({ [target]: { target_backup_vault_arn: { '@@assign': target }, ...kept(days) } });
const backupPolicy = (rules: Record<string, object>) => ({ name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify({ plans: { standard: { rules } } }) });
const daily = (target: string, days?: number) => backupPolicy({ daily: { copy_actions: copyTo(target, days) } });

interface Around {
  vaults?: Record<string, object>;
  locks?: Record<string, object>;
  provider?: Record<string, unknown>;
  type?: string;
}
/** The rule's outcome for the resource `bp` of one stack holding the vaults, their locks and `bp`. */
function outcome(bp: Record<string, unknown>, { vaults = VAULT, locks = LOCK, provider = PINNED, type = 'aws_organizations_policy' }: Around = {}) {
  const resource = { aws_backup_vault: vaults, aws_backup_vault_lock_configuration: locks, [type]: { bp } } as Record<string, Record<string, Record<string, unknown>>>;
  const app = new SynthesizedApp({ backup: { provider: { aws: [provider] }, resource } });
  return copyRetentionWithinLock(app.resources.find((r) => r.address === `${type}.bp`)!, app);
}

describe('OB-COPY-RETENTION-IN-LOCK copyRetentionWithinLock', () => {
  it('Compliance: a copy kept exactly the lock minimum, and exactly the maximum', () => {
    expect(outcome(daily(TARGET, 7))).toEqual(compliant());
    expect(outcome(daily(TARGET, 90))).toEqual(compliant());
  });
  it('Compliance: a copy kept forever into a lock with no maximum', () => {
    expect(outcome(daily(TARGET), { locks: { central: { backup_vault_name: 'org-central-backup', min_retention_days: 7 } } })).toEqual(compliant());
  });
  it('Noncompliance 1: one day under the minimum', () => {
    expect(outcome(daily(TARGET, 6))).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 6 days, under the lock's minimum of 7 days`));
  });
  it('Noncompliance 2: one day over the maximum', () => {
    expect(outcome(daily(TARGET, 91))).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 91 days, over the lock's maximum of 90 days`));
  });
  it('Noncompliance 3: no lifecycle at all, and a lifecycle without delete_after_days (kept forever)', () => {
    const forever = `plan standard rule daily copies to ${TARGET} with no delete_after_days (kept forever), beyond the lock's maximum of 90 days`;
    expect(outcome(daily(TARGET))).toEqual(noncompliant(forever));
    const coldOnly = backupPolicy({ daily: { copy_actions: { [TARGET]: { lifecycle: { move_to_cold_storage_after_days: { '@@assign': '30' } } } } } });
    expect(outcome(coldOnly)).toEqual(noncompliant(forever));
  });
  it('Noncompliance 4: every faulty copy of the policy is named, in order', () => {
    const bp = backupPolicy({ daily: { copy_actions: copyTo(TARGET, 6) }, weekly: { copy_actions: copyTo(TARGET, 91) } });
    expect(outcome(bp)).toEqual(
      noncompliant(
        `plan standard rule daily copies to ${TARGET} kept 6 days, under the lock's minimum of 7 days; ` +
          `plan standard rule weekly copies to ${TARGET} kept 91 days, over the lock's maximum of 90 days`,
      ),
    );
  });
  it('Noncompliance 5: content that is not a JSON document (a reference), or not text at all, cannot be checked', () => {
    const unreadable = noncompliant('the backup policy content cannot be read');
    expect(outcome({ name: 'bp', type: 'BACKUP_POLICY', content: '${data.local_file.policy.content}' })).toEqual(unreadable);
    expect(outcome({ name: 'bp', type: 'BACKUP_POLICY', content: 42 })).toEqual(unreadable);
  });

  it('bounds written as strings of digits are the numbers Terraform reads', () => {
    const locks = { central: { backup_vault_name: 'org-central-backup', min_retention_days: '7', max_retention_days: '90' } };
    expect(outcome(daily(TARGET, 7), { locks })).toEqual(compliant());
    expect(outcome(daily(TARGET, 6), { locks })).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 6 days, under the lock's minimum of 7 days`));
    expect(outcome(daily(TARGET, 91), { locks })).toEqual(noncompliant(`plan standard rule daily copies to ${TARGET} kept 91 days, over the lock's maximum of 90 days`));
  });
  it('bounds not known before apply (references) judge no bounded copy; a copy kept forever is beyond any maximum', () => {
    const locks = { central: { backup_vault_name: 'org-central-backup', min_retention_days: '${var.min}', max_retention_days: '${var.max}' } };
    expect(outcome(daily(TARGET, 1), { locks })).toEqual(compliant());
    expect(outcome(daily(TARGET), { locks })).toEqual(
      noncompliant(`plan standard rule daily copies to ${TARGET} with no delete_after_days (kept forever), beyond the lock's maximum of \${var.max} days`),
    );
  });
  it('a maximum written as null is no maximum: a copy kept forever, or a year, is compliant', () => {
    const locks = { central: { backup_vault_name: 'org-central-backup', min_retention_days: 7, max_retention_days: null } };
    expect(outcome(daily(TARGET), { locks })).toEqual(compliant());
    expect(outcome(daily(TARGET, 365), { locks })).toEqual(compliant());
  });

  describe('applies to backup policies only', () => {
    it('a service control policy, even one whose content cannot be read as JSON, is not applicable', () => {
      expect(outcome({ name: 'scp', type: 'SERVICE_CONTROL_POLICY', content: '${data.aws_iam_policy_document.scp.json}' })).toEqual(notApplicable());
    });
    it('the same arguments under another resource type are not applicable', () => {
      expect(outcome(daily(TARGET, 6), { type: 'aws_backup_plan' })).toEqual(notApplicable());
    });
    it('a backup policy that copies to no vault of the app, or has no plans, is not applicable', () => {
      expect(outcome(daily(`arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:elsewhere`, 6))).toEqual(notApplicable());
      expect(outcome({ name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify({ plans: {} }) })).toEqual(notApplicable());
    });
  });

  describe("holds a copy against the lock of the vault its target ARN names, and no other", () => {
    it('a target that is not an ARN (a reference) names no vault', () => {
      expect(outcome(daily('${aws_backup_vault.central.arn}', 6))).toEqual(notApplicable());
    });
    it("a target that only contains the vault's ARN, or has anything after it, names no vault", () => {
      expect(outcome(daily(`copy-of-${TARGET}`, 6))).toEqual(notApplicable());
      expect(outcome(daily(`${TARGET}\n`, 6))).toEqual(notApplicable());
    });
    it('a vault of another name, region or account is not the target', () => {
      expect(outcome(daily(TARGET, 6), { vaults: { central: { name: 'org-central-backup-2' } } })).toEqual(notApplicable());
      expect(outcome(daily(TARGET, 6), { provider: { ...PINNED, region: 'us-east-1' } })).toEqual(notApplicable());
      expect(outcome(daily(TARGET, 6), { provider: { ...PINNED, allowed_account_ids: ['333333333333'] } })).toEqual(notApplicable());
    });
    it('a vault whose provider pins no region, or no account, may be the target: it is checked', () => {
      const under = noncompliant(`plan standard rule daily copies to ${TARGET} kept 6 days, under the lock's minimum of 7 days`);
      expect(outcome(daily(TARGET, 6), { provider: { allowed_account_ids: [OWN_ACCOUNT] } })).toEqual(under);
      expect(outcome(daily(TARGET, 6), { provider: { region: 'eu-west-1' } })).toEqual(under);
    });
    it('the target vault without a lock has no bounds: not applicable', () => {
      expect(outcome(daily(TARGET, 6), { locks: {} })).toEqual(notApplicable());
    });
    it("beside another locked vault with other bounds, only the target's lock counts", () => {
      const vaults = { ...VAULT, other: { name: 'other' } };
      const locks = { ...LOCK, other: { backup_vault_name: '${aws_backup_vault.other.name}', min_retention_days: 1, max_retention_days: 5 } };
      expect(outcome(daily(TARGET, 7), { vaults, locks })).toEqual(compliant());
    });
  });
});

/**
 * The rule pack's limits on both sides (the value at the limit compliant, one past it not), and a
 * failing case for every rule of the pack: a rule whose id has no Noncompliance test fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { CentralVault } from '../../modules/backup-account/central-vault';
import { SECURITY_RULES } from '../../checks/pack';
import { copyRetentionWithinLock } from '../../checks/rules/copy-retention-within-lock';
import { keyDeletionWindow } from '../../checks/rules/key-deletion-window';
import { expectCompliant, expectNoncompliant, OWN_ACCOUNT, stackApp } from '../support/checks';

const ORG = 'o-a1b2c3d4e5';

describe('OB-COPY-RETENTION-IN-LOCK at its bounds (a vault locked between 7 and 90 days)', () => {
  const withCopy = (days: number) =>
    stackApp((stack, provider) => {
      new CentralVault(stack, 'central', {
        vaultName: 'org-central-backup',
        kmsKeyArn: `arn:aws:kms:eu-west-1:${OWN_ACCOUNT}:key/abc`,
        organizationId: ORG,
        organizationRootId: 'r-a1b2',
        breakGlassRoleArns: [],
        deploymentRoleArn: `arn:aws:iam::${OWN_ACCOUNT}:role/OrganizationAccountAccessRole`,
        lock: { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 90 },
        address: 'central',
        provider,
      });
      const target = `arn:aws:backup:eu-west-1:${OWN_ACCOUNT}:backup-vault:org-central-backup`;
      const copy = { [target]: { target_backup_vault_arn: { '@@assign': target }, lifecycle: { delete_after_days: { '@@assign': String(days) } } } };
      const content = { plans: { 'standard-eu-west-1': { rules: { daily: { copy_actions: copy } } } } };
      new OrganizationsPolicy(stack, 'bp', { provider, name: 'bp', type: 'BACKUP_POLICY', content: JSON.stringify(content) }).overrideLogicalId('bp');
    });
  it.each([7, 90])('Compliance: kept %i days', (days) => expectCompliant(copyRetentionWithinLock, withCopy(days)));
  it('Noncompliance: kept 6 days, one under the minimum', () => {
    expectNoncompliant(copyRetentionWithinLock, withCopy(6), 'aws_organizations_policy.bp', "kept 6 days, under the lock's minimum of 7 days");
  });
  it('Noncompliance: kept 91 days, one over the maximum', () => {
    expectNoncompliant(copyRetentionWithinLock, withCopy(91), 'aws_organizations_policy.bp', "kept 91 days, over the lock's maximum of 90 days");
  });
});

describe('OB-KMS-DELETION-WINDOW at its bound', () => {
  const keyWith = (days: number) =>
    stackApp((stack, provider) => {
      new KmsKey(stack, 'k', { provider, enableKeyRotation: true, deletionWindowInDays: days, lifecycle: { preventDestroy: true } }).overrideLogicalId('k');
    });
  it('Compliance: 30 days', () => expectCompliant(keyDeletionWindow, keyWith(30)));
  it('Noncompliance: 29 days', () => expectNoncompliant(keyDeletionWindow, keyWith(29), 'aws_kms_key.k', 'deletion_window_in_days is 29'));
});

describe('a failing case for every rule of the pack', () => {
  const dir = path.join(__dirname);
  const tests = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  it.each(SECURITY_RULES.map((r) => [r.id]))('%s has a Noncompliance test', (id) => {
    // The rule's describe block, up to the next one, holds at least one Noncompliance case.
    const block = new RegExp(`describe\\('${id}[ ']([\\s\\S]*?)(?=\\ndescribe\\(|$)`).exec(tests);
    expect(block?.[1] ?? `no describe('${id} ...') block`).toMatch(/it(\.each\([^)]*\))?\('Noncompliance/);
  });
});

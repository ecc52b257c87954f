/** OB-SOURCE-VAULT-COPY-BACK-ONLY: each branch of sourceVaultCopyBackOnly, on raw vault policies. */
import { sourceVaultCopyBackOnly as rule } from '../../../checks/rules/source-vault-copy-back-only';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const BACKUP_ROOT = 'arn:aws:iam::333333333333:root';
const BACKUP_ROLE = 'arn:aws:iam::333333333333:role/service-role/AWSBackupDefaultServiceRole';
const copyBack = (extra: object = {}) => ({ Sid: 'C', Effect: 'Allow', Principal: { AWS: BACKUP_ROOT }, Action: 'backup:CopyIntoBackupVault', Resource: '*', ...extra });
const narrowedTo = (operator: string, roles: unknown) => copyBack({ Condition: { [operator]: { 'aws:PrincipalArn': roles } } });
const vaultApp = (...statements: object[]) =>
  jsonApp({ aws_backup_vault: { v: { name: 'local' } }, aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: policy(...statements) } } });
const at = (...statements: object[]) => outcomeAt(rule, vaultApp(...statements), 'aws_backup_vault.v');
const WIDE = (label: string, who: string) => ({
  status: 'noncompliant',
  detail: `${label} lets ${who} copy in, not one role (narrow it by ArnEquals aws:PrincipalArn to the Backup account's AWS Backup role)`,
});

describe('OB-SOURCE-VAULT-COPY-BACK-ONLY sourceVaultCopyBackOnly', () => {
  it('Compliance: the Backup account narrowed by ArnEquals or ArnLike to one role', () => {
    expect(at(narrowedTo('ArnEquals', BACKUP_ROLE))).toEqual({ status: 'compliant' });
    expect(at(narrowedTo('ArnLike', BACKUP_ROLE))).toEqual({ status: 'compliant' });
  });
  it('Compliance: the role named as the principal, without a condition; a Deny alongside is not checked', () => {
    expect(at(copyBack({ Principal: { AWS: BACKUP_ROLE } }), { Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' })).toEqual({ status: 'compliant' });
  });
  it('does not apply to a vault without a policy, to a vault open to the organization, or to anything else', () => {
    expect(outcomeAt(rule, jsonApp({ aws_backup_vault: { v: { name: 'local' } } }), 'aws_backup_vault.v')).toEqual({ status: 'not-applicable' });
    const org = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'backup:CopyIntoBackupVault', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
    expect(at(org)).toEqual({ status: 'not-applicable' });
    // A role named like the vault, with a wide policy naming that name: only vaults are read.
    const app = jsonApp({ aws_iam_role: { r: { name: 'local' } }, aws_backup_vault_policy: { p: { backup_vault_name: 'local', policy: policy(copyBack({ Action: 'backup:*' })) } } });
    expect(outcomeAt(rule, app, 'aws_iam_role.r')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: NotAction, NotPrincipal (and an Allow without Sid)', () => {
    const noSid = { Effect: 'Allow', Principal: { AWS: BACKUP_ROOT }, NotAction: 'backup:DeleteRecoveryPoint', Resource: '*' };
    expect(at(noSid)).toEqual({ status: 'noncompliant', detail: 'an Allow uses NotAction or NotPrincipal' });
    expect(at(copyBack({ Principal: undefined, NotPrincipal: { AWS: BACKUP_ROLE } }))).toEqual({ status: 'noncompliant', detail: 'C uses NotAction or NotPrincipal' });
  });
  it('Noncompliance: more than CopyIntoBackupVault', () => {
    expect(at(copyBack({ Action: ['backup:CopyIntoBackupVault', 'backup:DeleteRecoveryPoint', 'backup:GetRecoveryPointRestoreMetadata'] }))).toEqual({
      status: 'noncompliant',
      detail: 'C allows backup:DeleteRecoveryPoint, backup:GetRecoveryPointRestoreMetadata (only backup:CopyIntoBackupVault is for the copy back)',
    });
  });
  it('Noncompliance: the account not narrowed, narrowed to no role, or to a role pattern', () => {
    expect(at(copyBack())).toEqual(WIDE('C', BACKUP_ROOT));
    expect(at(copyBack({ Principal: { AWS: [BACKUP_ROOT, '444444444444'] } }))).toEqual(WIDE('C', `${BACKUP_ROOT}, 444444444444`));
    expect(at(narrowedTo('ArnEquals', []))).toEqual(WIDE('C', BACKUP_ROOT));
    expect(at(narrowedTo('ArnLike', [BACKUP_ROLE, 'arn:aws:iam::333333333333:role/*']))).toEqual(WIDE('C', BACKUP_ROOT));
    expect(at(narrowedTo('ArnLike', 'arn:aws:iam::333333333333:role/service-role/AWSBackup*'))).toEqual(WIDE('C', BACKUP_ROOT));
    expect(at(narrowedTo('ArnLike', `*${BACKUP_ROLE}`))).toEqual(WIDE('C', BACKUP_ROOT));
    expect(at(narrowedTo('ArnNotEquals', BACKUP_ROLE))).toEqual(WIDE('C', BACKUP_ROOT));
  });
  it('Noncompliance: a role pattern as the principal; two statements, each named', () => {
    expect(at(copyBack({ Principal: { AWS: ['arn:aws:iam::333333333333:role/backup-*', BACKUP_ROLE] } }), copyBack({ Sid: 'D', Action: 'backup:*' }))).toEqual({
      status: 'noncompliant',
      detail:
        "C lets arn:aws:iam::333333333333:role/backup-* copy in, not one role (narrow it by ArnEquals aws:PrincipalArn to the Backup account's AWS Backup role); D allows backup:* (only backup:CopyIntoBackupVault is for the copy back)",
    });
  });
});

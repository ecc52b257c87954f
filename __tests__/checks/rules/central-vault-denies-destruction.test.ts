/** OB-VAULT-DENIES-DESTRUCTION: each part of the deny centralVaultDeniesDestruction requires, on raw vault policies. */
import { CENTRAL_VAULT_DENIED_ACTIONS as DENIED, centralVaultDeniesDestruction as rule } from '../../../checks/rules/central-vault-denies-destruction';
import { jsonApp, outcomeAt, policy } from '../../support/checks';

const BREAK_GLASS = 'arn:aws:iam::222222222222:role/break-glass';
const fromOrg = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'backup:CopyIntoBackupVault', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const deny = (extra: object = {}) => ({ Sid: 'D', Effect: 'Deny', Principal: { AWS: '*' }, Action: DENIED, Resource: '*', ...extra });
const at = (...statements: object[]) =>
  outcomeAt(
    rule,
    jsonApp({ aws_backup_vault: { v: { name: 'central' } }, aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: policy(fromOrg, ...statements) } } }),
    'aws_backup_vault.v',
  );
const exempting = (condition: object) => at(deny({ Condition: condition }));
const MISSING_ALL = { status: 'noncompliant', detail: `no unconditional deny to principal * of ${DENIED.join(', ')}` };

describe('OB-VAULT-DENIES-DESTRUCTION centralVaultDeniesDestruction', () => {
  it('the denied actions are exactly these six', () => {
    expect(DENIED).toEqual([
      'backup:DeleteRecoveryPoint',
      'backup:UpdateRecoveryPointLifecycle',
      'backup:DeleteBackupVault',
      'backup:PutBackupVaultAccessPolicy',
      'backup:DeleteBackupVaultAccessPolicy',
      'backup:DeleteBackupVaultLockConfiguration',
    ]);
  });
  it('Compliance: no condition, or exemptions by ArnNotLike or ArnNotEquals on aws:PrincipalArn', () => {
    expect(at(deny())).toEqual({ status: 'compliant' });
    expect(exempting({ ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual({ status: 'compliant' });
    expect(exempting({ ArnNotEquals: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual({ status: 'compliant' });
  });
  it('Compliance: the six actions spread over two denies', () => {
    expect(at(deny({ Action: DENIED.slice(0, 2) }), deny({ Action: DENIED.slice(2) }))).toEqual({ status: 'compliant' });
  });
  it('does not apply to a vault not open to the organization', () => {
    expect(outcomeAt(rule, jsonApp({ aws_backup_vault: { v: { name: 'local' } } }), 'aws_backup_vault.v')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: an Allow, a NotAction, a NotPrincipal, a named principal', () => {
    expect(at(deny({ Effect: 'Allow' }))).toEqual(MISSING_ALL);
    expect(at(deny({ Action: undefined, NotAction: DENIED }))).toEqual(MISSING_ALL);
    expect(at(deny({ Principal: undefined, NotPrincipal: { AWS: '*' } }))).toEqual(MISSING_ALL);
    expect(at(deny({ Principal: { AWS: BREAK_GLASS } }))).toEqual(MISSING_ALL);
  });
  it('Noncompliance: an exemption by another operator, by another key beside aws:PrincipalArn, or by another key only', () => {
    expect(exempting({ StringNotEquals: { 'aws:PrincipalArn': BREAK_GLASS } })).toEqual(MISSING_ALL);
    expect(exempting({ ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS, 'aws:PrincipalTag/team': 'backup' } })).toEqual(MISSING_ALL);
    expect(exempting({ ArnNotLike: { 'aws:SourceArn': BREAK_GLASS } })).toEqual(MISSING_ALL);
  });
  it('Noncompliance: one action left out is named', () => {
    expect(at(deny({ Action: DENIED.filter((a) => a !== 'backup:DeleteBackupVaultLockConfiguration') }))).toEqual({
      status: 'noncompliant',
      detail: 'no unconditional deny to principal * of backup:DeleteBackupVaultLockConfiguration',
    });
  });
});

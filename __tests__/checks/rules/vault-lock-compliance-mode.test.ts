/** OB-VAULT-LOCK-COMPLIANCE: vaultLockComplianceMode reads changeable_for_days, a null included. */
import { vaultLockComplianceMode as rule } from '../../../checks/rules/vault-lock-compliance-mode';
import { jsonApp, outcomeAt } from '../../support/checks';

const lockWith = (grace: unknown) => outcomeAt(rule, jsonApp({ aws_backup_vault_lock_configuration: { l: { backup_vault_name: 'v', changeable_for_days: grace } } }), 'aws_backup_vault_lock_configuration.l');
const GOVERNANCE = { status: 'noncompliant', detail: 'governance mode: the lock can be lifted by the roles exempt from the vault policy denies' };

describe('OB-VAULT-LOCK-COMPLIANCE vaultLockComplianceMode', () => {
  it('Compliance: changeable_for_days set', () => {
    expect(lockWith(3)).toEqual({ status: 'compliant' });
  });
  it('Noncompliance: changeable_for_days unset or null', () => {
    expect(lockWith(undefined)).toEqual(GOVERNANCE);
    expect(lockWith(null)).toEqual(GOVERNANCE);
  });
});

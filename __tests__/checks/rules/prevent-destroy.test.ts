/** OB-PREVENT-DESTROY: every type of MUST_NOT_BE_DESTROYED is checked. */
import { MUST_NOT_BE_DESTROYED, preventDestroy as rule } from '../../../checks/rules/prevent-destroy';
import { jsonApp, outcomeAt } from '../../support/checks';

describe('OB-PREVENT-DESTROY preventDestroy', () => {
  it.each(['aws_kms_key', 'aws_backup_vault', 'aws_backup_logically_air_gapped_vault', 'aws_backup_vault_lock_configuration', 'aws_organizations_organization'])(
    'Noncompliance: %s without prevent_destroy; Compliance with it',
    (type) => {
      const app = jsonApp({ [type]: { bare: {}, kept: { lifecycle: { prevent_destroy: true } } } });
      expect(outcomeAt(rule, app, `${type}.bare`)).toEqual({ status: 'noncompliant', detail: 'lifecycle.prevent_destroy is not true' });
      expect(outcomeAt(rule, app, `${type}.kept`)).toEqual({ status: 'compliant' });
    },
  );
  it('the list is exactly those five types', () => {
    expect([...MUST_NOT_BE_DESTROYED].sort()).toEqual(['aws_backup_logically_air_gapped_vault', 'aws_backup_vault', 'aws_backup_vault_lock_configuration', 'aws_kms_key', 'aws_organizations_organization']);
  });
});

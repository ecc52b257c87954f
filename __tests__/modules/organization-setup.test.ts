import { OrganizationSetup } from '../../modules/management/organization-setup';
import { synthConstruct } from '../support/scope';
import { resource } from '../support/synth';

describe('OrganizationSetup', () => {
  it('by default verifies trusted access and the policy type at plan time instead of managing them', () => {
    const json = synthConstruct((stack, provider) => new OrganizationSetup(stack, 'o', { policyTypes: ['BACKUP_POLICY'], provider }));
    expect(json.resource?.aws_organizations_organization).toBeUndefined();
    const checks = (json.data?.aws_organizations_organization?.this.lifecycle as any).postcondition;
    expect(checks).toHaveLength(2);
    expect(checks[0].condition).toBe('${contains(self.aws_service_access_principals, "backup.amazonaws.com")}');
    expect(checks[0].error_message).toContain('enable-aws-service-access --service-principal backup.amazonaws.com');
    expect(checks[1].condition).toContain('"BACKUP_POLICY"');
    expect(checks[1].error_message).toContain('enable-policy-type --policy-type BACKUP_POLICY');
  });

  it('manages the organization when asked, with trusted access and the policy types, never destroyed', () => {
    const json = synthConstruct((stack, provider) =>
      new OrganizationSetup(stack, 'o', { manageOrganization: true, policyTypes: ['BACKUP_POLICY', 'SERVICE_CONTROL_POLICY'], provider }),
    );
    expect(resource(json, 'aws_organizations_organization.this')).toMatchObject({
      feature_set: 'ALL',
      aws_service_access_principals: ['backup.amazonaws.com'],
      enabled_policy_types: ['BACKUP_POLICY', 'SERVICE_CONTROL_POLICY'],
      lifecycle: { prevent_destroy: true },
    });
    expect(json.data?.aws_organizations_organization).toBeUndefined();
  });

  it('enables cross-account backup once the organization is ready, leaving the settings it does not own alone', () => {
    const json = synthConstruct((stack, provider) => new OrganizationSetup(stack, 'o', { policyTypes: ['BACKUP_POLICY'], provider }));
    expect(resource(json, 'aws_backup_global_settings.cross_account')).toMatchObject({
      global_settings: { isCrossAccountBackupEnabled: 'true' },
      depends_on: ['data.aws_organizations_organization.this'],
      lifecycle: { ignore_changes: ['global_settings["isMpaEnabled"]', 'global_settings["isDelegatedAdministratorEnabled"]'] },
    });
  });
});

describe('OrganizationSetup: the reference to the account list', () => {
  it.each([
    [true, 'aws_organizations_organization.this.accounts'],
    [false, 'data.aws_organizations_organization.this.accounts'],
  ])('manageOrganization %s: %s', (manageOrganization, reference) => {
    let setup: OrganizationSetup | undefined;
    synthConstruct((stack, provider) => void (setup = new OrganizationSetup(stack, 'o', { manageOrganization, policyTypes: ['BACKUP_POLICY'], provider })));
    expect(setup?.accounts).toBe(reference);
  });
});

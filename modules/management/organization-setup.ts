import { BackupGlobalSettings } from '@cdktf/provider-aws/lib/backup-global-settings';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';

export const BACKUP_SERVICE_PRINCIPAL = 'backup.amazonaws.com';

export interface OrganizationSetupProps {
  /**
   * Manage `aws_organizations_organization` (new organizations only: it owns every trusted service
   * and policy type at once, and would fight Control Tower or another owner). @default false - verify at plan time
   */
  readonly manageOrganization?: boolean;
  /**
   * Where the plan-time failure messages tell the user to enable a prerequisite.
   * @default - "or set manageOrganization: true for a new organization" (the app's config field)
   */
  readonly enableHint?: string;
  /** Policy types the policies of this project need enabled. */
  readonly policyTypes: readonly string[];
  /**
   * An AWS Backup delegated administrator is registered: AWS Backup then keeps its Organizations
   * permissions in step (`isDelegatedAdministratorEnabled`). @default false - the setting is left to its owner
   */
  readonly delegatedAdministration?: boolean;
  readonly provider: TerraformProvider;
}

/**
 * The organization-wide prerequisites of cross-account backup: AWS Backup trusted access, the
 * policy types, and the cross-account backup global setting.
 */
export class OrganizationSetup extends Construct {
  /** Policies and attachments depend on this: the prerequisites exist, or the plan has failed. */
  readonly ready: ITerraformDependable[];
  /**
   * A Terraform reference to every account of the organization (the `accounts` of the data source,
   * or of the managed resource), each with `id`, `name` and `state`.
   */
  readonly accounts: string;

  constructor(scope: Construct, id: string, props: OrganizationSetupProps) {
    super(scope, id);
    const hint = props.enableHint ?? 'or set manageOrganization: true for a new organization';
    const organization = props.manageOrganization
      ? pinAddress(
          new OrganizationsOrganization(this, 'organization', {
            provider: props.provider,
            featureSet: 'ALL',
            awsServiceAccessPrincipals: [BACKUP_SERVICE_PRINCIPAL],
            enabledPolicyTypes: [...props.policyTypes],
            lifecycle: { preventDestroy: true },
          }),
          'this',
        )
      : pinAddress(
          new DataAwsOrganizationsOrganization(this, 'organization', {
            provider: props.provider,
            lifecycle: {
              postcondition: [
                {
                  condition: `\${contains(self.aws_service_access_principals, "${BACKUP_SERVICE_PRINCIPAL}")}`,
                  errorMessage: `AWS Backup trusted access is not enabled for the organization: enable ${BACKUP_SERVICE_PRINCIPAL} (aws organizations enable-aws-service-access --service-principal ${BACKUP_SERVICE_PRINCIPAL}) ${hint}.`,
                },
                ...props.policyTypes.map((type) => ({
                  condition: `\${contains([for t in self.roots[0].policy_types : t.type if t.status == "ENABLED"], "${type}")}`,
                  errorMessage: `The ${type} policy type is not enabled on the organization root: enable it (aws organizations enable-policy-type --policy-type ${type} --root-id <root>) ${hint}.`,
                })),
              ],
            },
          }),
          'this',
        );
    const globalSettings = pinAddress(
      new BackupGlobalSettings(this, 'global-settings', {
        provider: props.provider,
        globalSettings: { isCrossAccountBackupEnabled: 'true', ...(props.delegatedAdministration ? { isDelegatedAdministratorEnabled: 'true' } : {}) },
        dependsOn: [organization],
        // The API returns its other settings too; they belong to whoever runs the organization.
        lifecycle: {
          ignoreChanges: ['global_settings["isMpaEnabled"]', ...(props.delegatedAdministration ? [] : ['global_settings["isDelegatedAdministratorEnabled"]'])],
        },
      }),
      'cross_account',
    );
    this.ready = [organization, globalSettings];
    this.accounts = `${props.manageOrganization ? '' : 'data.'}${organization.terraformResourceType}.this.accounts`;
  }
}

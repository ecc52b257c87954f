import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { OrganizationsResourcePolicy } from '@cdktf/provider-aws/lib/organizations-resource-policy';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { accountRootArn } from '../shared/arn';
import { policyDocument, renderJson, type PolicyStatement } from '../shared/policy-document';
import { BACKUP_SERVICE_PRINCIPAL } from './organization-setup';

/** Read actions a delegated administrator needs to find the roots, OUs and accounts it targets. */
export const ORGANIZATION_READ_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:DescribeOrganizationalUnit',
  'organizations:DescribeAccount',
  'organizations:ListRoots',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListParents',
  'organizations:ListChildren',
  'organizations:ListAccounts',
  'organizations:ListAccountsForParent',
  'organizations:ListTagsForResource',
];
/** Read actions on policies, limited to backup policies by `organizations:PolicyType`. */
export const BACKUP_POLICY_READ_ACTIONS = [
  'organizations:DescribePolicy',
  'organizations:DescribeEffectivePolicy',
  'organizations:ListPolicies',
  'organizations:ListPoliciesForTarget',
  'organizations:ListTargetsForPolicy',
];
/**
 * What managing the backup policies takes: AWS's consolidated example without EnablePolicyType and
 * DisablePolicyType, since the policy type stays the organization owner's (checked at plan time).
 */
export const BACKUP_POLICY_WRITE_ACTIONS = [
  'organizations:CreatePolicy',
  'organizations:UpdatePolicy',
  'organizations:DeletePolicy',
  'organizations:AttachPolicy',
  'organizations:DetachPolicy',
];

export interface BackupDelegatedAdministratorProps {
  /** The account registered as AWS Backup's delegated administrator. */
  readonly accountId: string;
  readonly partition: string;
  readonly managementAccountId: string;
  readonly organizationId: string;
  readonly rootId: string;
  /** Resources that must exist first (trusted access, the policy type). */
  readonly dependsOn?: ITerraformDependable[];
  readonly provider: TerraformProvider;
}

/**
 * Delegated administration of AWS Backup from the management account: the account is registered
 * for `backup.amazonaws.com` (cross-account monitoring and management in the AWS Backup console
 * and API), and the organization's resource-based delegation policy lets it read the organization
 * and manage backup policies only (`organizations:PolicyType` = BACKUP_POLICY, backup_policy ARNs),
 * as AWS's example for backup policies does, less enabling and disabling the policy type.
 */
export class BackupDelegatedAdministrator extends Construct {
  readonly registration: OrganizationsDelegatedAdministrator;
  readonly resourcePolicy: OrganizationsResourcePolicy;

  constructor(scope: Construct, id: string, props: BackupDelegatedAdministratorProps) {
    super(scope, id);
    this.registration = pinAddress(
      new OrganizationsDelegatedAdministrator(this, 'registration', {
        provider: props.provider,
        accountId: props.accountId,
        servicePrincipal: BACKUP_SERVICE_PRINCIPAL,
        dependsOn: props.dependsOn,
      }),
      'backup',
    );
    this.resourcePolicy = pinAddress(
      new OrganizationsResourcePolicy(this, 'policy', {
        provider: props.provider,
        content: renderJson(policyDocument(backupPolicyDelegationStatements(props))),
        dependsOn: props.dependsOn,
      }),
      'backup_policy_delegation',
    );
  }
}

/** The statements of the Organizations resource policy that delegates backup policies, and nothing else. */
export function backupPolicyDelegationStatements(props: Omit<BackupDelegatedAdministratorProps, 'provider' | 'dependsOn'>): PolicyStatement[] {
  const principal = { AWS: accountRootArn(props.partition, props.accountId) };
  const arn = (kind: string) => `arn:${props.partition}:organizations::${props.managementAccountId}:${kind}`;
  const backupPoliciesOnly = { StringLikeIfExists: { 'organizations:PolicyType': 'BACKUP_POLICY' } };
  return [
    { Sid: 'DelegateOrganizationRead', Effect: 'Allow', Principal: principal, Action: ORGANIZATION_READ_ACTIONS, Resource: '*' },
    { Sid: 'DelegateBackupPolicyRead', Effect: 'Allow', Principal: principal, Action: BACKUP_POLICY_READ_ACTIONS, Resource: '*', Condition: backupPoliciesOnly },
    {
      Sid: 'DelegateBackupPolicyManagement',
      Effect: 'Allow',
      Principal: principal,
      Action: BACKUP_POLICY_WRITE_ACTIONS,
      Resource: [
        arn(`root/${props.organizationId}/${props.rootId}`),
        arn(`ou/${props.organizationId}/*`),
        arn(`account/${props.organizationId}/*`),
        arn(`policy/${props.organizationId}/backup_policy/*`),
      ],
      Condition: backupPoliciesOnly,
    },
  ];
}

import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from '@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';

/** A `lifecycle.precondition` block: Terraform fails the plan when `condition` is false. */
export interface ReachCondition {
  readonly condition: string;
  readonly errorMessage: string;
}

export interface ReachConditionProps {
  /** The Organizations policy's name, for the message. */
  readonly policyName: string;
  /** The root or OU id the policy is attached to. */
  readonly targetId: string;
  /**
   * A Terraform reference to the accounts under the target, a list of objects with `id`, `name` and
   * `state` (or the older `status`), e.g. `data.aws_organizations_organization.this.accounts`.
   */
  readonly accounts: string;
  /**
   * A Terraform expression for the accounts that have the backup role and the local vault, or are
   * deliberately left out: a list of account ids (a reference, so that the stack holding the check
   * does not grow with the organization).
   */
  readonly coveredAccounts: string;
  /** The role and vault the policy names, for the message. */
  readonly backupRoleName: string;
  readonly vaultName: string;
  /** What the user can do about an account the message names. @default - give each the role and the vault, or leave the target out */
  readonly remedy?: string;
}

/**
 * The accounts under the target that are active and not covered, each as `<id> (<name>)`. An account
 * counts unless its `state` (AWS Organizations' account state; `status` is the field AWS retires) says
 * it is not ACTIVE: an account whose state the provider does not report counts, so the check fails
 * closed rather than passing on missing data.
 */
export function uncoveredAccountsExpression(accounts: string, covered: string): string {
  return `[for a in ${accounts} : format("%s (%s)", a.id, a.name) if coalesce(try(a.state, ""), try(a.status, ""), "ACTIVE") == "ACTIVE" && !contains(${covered}, a.id)]`;
}

/**
 * A precondition for the attachment of a backup policy to the root or an OU: the plan fails, naming
 * each account the policy would reach without the role and the vault its backups need. It is a
 * precondition, not a `check` block: a check only warns, and the attachment would still be made.
 */
export function reachCondition(props: ReachConditionProps): ReachCondition {
  const uncovered = uncoveredAccountsExpression(props.accounts, props.coveredAccounts);
  const remedy = props.remedy ?? 'Give each the role and the vault, or leave the target out';
  return {
    condition: `\${length(${uncovered}) == 0}`,
    errorMessage:
      `Backup policy ${props.policyName}, attached to ${props.targetId}, reaches accounts that have neither the AWS Backup role ${props.backupRoleName} ` +
      `nor the vault ${props.vaultName}, so every backup it schedules there would fail: \${join(", ", ${uncovered})}. ${remedy}.`,
  };
}

export interface PolicyTargetAccountsProps {
  /** The root or OU ids policies are attached to (account ids are left out: they are themselves). */
  readonly targetIds: readonly string[];
  /** The root's id. */
  readonly rootId: string;
  /**
   * A reference to the organization's account list (`accounts` of the `aws_organizations_organization`
   * data source or resource), used for the root. @default - the root's descendant accounts, read like an OU's
   */
  readonly organizationAccounts?: string;
  readonly provider: TerraformProvider;
}

/**
 * The accounts under each root or OU target, read at plan time with AWS's own data sources: the
 * organization's account list for the root, `aws_organizations_organizational_unit_descendant_accounts`
 * (every account of the OU and of the OUs below it) for an OU, one data source per OU.
 */
export class PolicyTargetAccounts extends Construct {
  private readonly references = new Map<string, string>();

  constructor(scope: Construct, id: string, props: PolicyTargetAccountsProps) {
    super(scope, id);
    for (const targetId of new Set(props.targetIds)) {
      if (targetId === props.rootId && props.organizationAccounts) {
        this.references.set(targetId, props.organizationAccounts);
        continue;
      }
      const accounts = pinAddress(
        new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, targetId, { parentId: targetId, provider: props.provider }),
        targetId,
      );
      this.references.set(targetId, `data.${accounts.terraformResourceType}.${targetId}.accounts`);
    }
  }

  /** The reference to the accounts under a target given to the constructor. */
  accountsOf(targetId: string): string {
    const reference = this.references.get(targetId);
    if (!reference) throw new Error(`PolicyTargetAccounts: no accounts read for target ${targetId}`);
    return reference;
  }
}

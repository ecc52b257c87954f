/**
 * Policy evaluation for the security proofs (test-only: @cloud-copilot/iam-simulate is AGPL and is
 * never loaded by the app). It evaluates a request the way AWS documents it: an explicit deny in any
 * policy wins; across accounts both the caller's identity policy and the resource policy must allow;
 * service control policies bound member-account principals.
 *
 * The evaluator does not derive request context from the principal, so every request carries
 * `aws:PrincipalArn` (the role ARN, as AWS sets it for any session of the role), `aws:PrincipalAccount`
 * and, for principals of an organization, `aws:PrincipalOrgID`. An unknown action or a malformed
 * policy comes back as an error object, not as a denial: `decide` throws on it, and also throws if
 * the evaluator dropped a context key the scenario relies on, so no scenario passes by accident.
 */
import { runSimulation, type SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';
import { readJsonDocument } from '../../tools/terraform-expression';
import type { StackJson } from '../../tools/synth-output';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
export type PolicyJson = { Version: string; Statement: unknown[] };
export type Context = Record<string, string | string[]>;

/** The AWS managed policy AdministratorAccess: `*` on `*`. */
export const ADMINISTRATOR_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** The SCP AWS attaches to every root, OU and account by default (FullAWSAccess). */
export const FULL_AWS_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** A resource policy that denies everything: the "can" scenarios must fail against it. */
export const DENY_EVERYTHING: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] };

/**
 * The statements of AWSBackupServiceRolePolicyForBackup (service-role) that a copy uses, by their
 * Sids in AWS's managed policy reference
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForBackup.html),
 * copied from a public copy of the document: the backup role's own permissions, attached by this
 * project to every source account's role. An excerpt, not the whole policy.
 */
export const BACKUP_ROLE_COPY_STATEMENTS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'BackupVaultPermissions', Effect: 'Allow', Action: ['backup:DescribeBackupVault', 'backup:CopyIntoBackupVault'], Resource: 'arn:aws:backup:*:*:backup-vault:*' },
    { Sid: 'BackupVaultCopyPermissions', Effect: 'Allow', Action: ['backup:CopyFromBackupVault'], Resource: '*' },
    { Sid: 'KMSPermissions', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
    { Sid: 'KMSCreateGrantPermissions', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
  ],
};

export interface Caller {
  /** The role ARN; also `aws:PrincipalArn`. */
  readonly arn: string;
  readonly account: string;
  /** `aws:PrincipalOrgID`; absent for a principal outside any organization. */
  readonly orgId?: string;
  readonly identityPolicies: readonly PolicyJson[];
  /** SCPs above the caller's account, root first; none for the management account or outside the organization. */
  readonly scps?: readonly SimulationOrgPolicies[];
}

export function role(arn: string, identity: PolicyJson, orgId?: string): Caller {
  const account = arn.split(':')[4];
  return { arn, account, orgId, identityPolicies: [identity] };
}

/** The same caller under the given service control policies (root, then the account). */
export function underScps(caller: Caller, rootId: string, scps: readonly PolicyJson[]): Caller {
  return {
    ...caller,
    scps: [
      { orgIdentifier: rootId, policies: scps.map((policy, i) => ({ name: `root-${i}`, policy })) },
      { orgIdentifier: caller.account, policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] },
    ],
  };
}

export interface Request {
  readonly caller: Caller;
  readonly action: string;
  /** Full ARN of the resource, its account read from it; `*` for actions on no resource (in the caller's account). */
  readonly resource: string;
  /** The resource's policy as synthesized (vault access policy, key policy), if it has one. */
  readonly resourcePolicy?: PolicyJson;
  /** Service condition keys of the request (kms:ViaService, backup:CopyTargetOrgPaths, ...). */
  readonly context?: Context;
}

export async function decide(request: Request): Promise<Decision> {
  const { caller } = request;
  const resourceAccount = request.resource === '*' ? caller.account : request.resource.split(':')[4];
  if (!/^\d{12}$/.test(resourceAccount)) throw new Error(`resource ${request.resource}: no account id in the ARN`);
  const result = await runSimulation(
    {
      request: {
        principal: caller.arn,
        action: request.action,
        resource: { resource: request.resource, accountId: resourceAccount },
        contextVariables: {
          'aws:PrincipalArn': caller.arn,
          'aws:PrincipalAccount': caller.account,
          ...(caller.orgId ? { 'aws:PrincipalOrgID': caller.orgId } : {}),
          ...request.context,
        },
      },
      identityPolicies: caller.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: [...(caller.scps ?? [])],
      resourceControlPolicies: [],
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    },
    {},
  );
  if (result.resultType === 'error') {
    throw new Error(`evaluation of ${request.action} on ${request.resource} failed: ${JSON.stringify(result.errors)}`);
  }
  if (result.resultType !== 'single') {
    throw new Error(`evaluation of ${request.action} on ${request.resource}: expected one resource, got a ${result.resultType} result`);
  }
  const dropped = (result.result.ignoredContextKeys ?? []).filter((key) => Object.keys(request.context ?? {}).some((k) => k.toLowerCase() === key.toLowerCase()));
  if (dropped.length > 0) {
    throw new Error(`evaluation of ${request.action}: context keys ${dropped.join(', ')} do not apply to this action, so the scenario would prove nothing`);
  }
  return result.overallResult;
}

/** A policy attribute of a synthesized resource, parsed as Terraform will send it (`jsonencode` or a JSON string). */
export function synthesizedPolicy(stack: StackJson, type: string, name: string, attribute: string): PolicyJson {
  const body = stack.resource?.[type]?.[name];
  if (!body) throw new Error(`no ${type}.${name} in the synthesized stack`);
  const value = body[attribute];
  if (typeof value !== 'string') throw new Error(`${type}.${name}.${attribute} is not a policy document`);
  const policy = readJsonDocument(value) as PolicyJson;
  if (JSON.stringify(policy).includes('${')) {
    throw new Error(`${type}.${name}.${attribute} holds a Terraform reference; it cannot be evaluated as written`);
  }
  return policy;
}

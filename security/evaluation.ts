/**
 * Policy evaluation for the security proofs. @cloud-copilot/iam-simulate is AGPL: only the tests and
 * the review tool load this file, never the app (main.ts, envs/, modules/, stacks/, checks/);
 * __tests__/security/agpl-boundary.test.ts holds that line. It evaluates a request the way AWS
 * documents it: an explicit deny in any policy wins; across accounts both the caller's identity
 * policy and the resource policy must allow; service control policies bound member-account principals.
 *
 * The evaluator does not derive request context from the principal, so every request carries
 * `aws:PrincipalArn` (the role ARN, as AWS sets it for any session of the role), `aws:PrincipalAccount`
 * and, for principals of an organization, `aws:PrincipalOrgID`. An unknown action or a malformed
 * policy comes back as an error object, not as a denial: `decide` throws on it, and also throws if
 * the evaluator dropped a context key the scenario relies on, so no scenario passes by accident.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Decision, PolicyJson, Request } from './requests';

export async function decide(request: Request): Promise<Decision> {
  const { caller } = request;
  const resourceAccount = request.resourceAccount ?? (request.resource === '*' ? caller.account : request.resource.split(':')[4]);
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
          'aws:userid': `${caller.userId}:org-backup-session`,
          ...(caller.orgId ? { 'aws:PrincipalOrgID': caller.orgId } : {}),
          ...request.context,
        },
      },
      identityPolicies: caller.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: (caller.scps ?? []).map((level) => ({ orgIdentifier: level.orgIdentifier, policies: [...level.policies] })),
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

/**
 * A request made by an AWS service principal (EventBridge publishing to a topic, Backup Audit
 * Manager writing a report) against a resource policy, with the request context the service sets
 * (aws:SourceAccount, aws:SourceArn; aws:PrincipalServiceName is added here).
 */
export interface ServiceRequest {
  /** `events.amazonaws.com` */
  readonly service: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly resourcePolicy: PolicyJson;
  readonly context: Record<string, string | string[]>;
}

export async function decideForService(request: ServiceRequest): Promise<Decision> {
  const result = await runSimulation(
    {
      request: {
        principal: request.service,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: { 'aws:PrincipalServiceName': request.service, ...request.context },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    },
    {},
  );
  if (result.resultType !== 'single') throw new Error(`evaluation of ${request.action} by ${request.service} failed: ${JSON.stringify(result)}`);
  return result.overallResult;
}

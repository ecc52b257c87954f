/**
 * The Organizations resource policy of the delegated administrator (envs/full.ts), evaluated as
 * synthesized: the delegated account manages backup policies and nothing else of the organization.
 */
import { validateConfig } from '../../envs/load';
import { config as full, DELEGATED_ADMINISTRATOR_ID } from '../../envs/full';
import { decide } from '../../security/evaluation';
import { ADMINISTRATOR_ACCESS, DENY_EVERYTHING, role, type PolicyJson, type Request } from '../../security/requests';
import { jsonAttribute, synthApp } from '../support/synth';

const out = synthApp(validateConfig(structuredClone(full), 'envs/full.ts'));
const delegation = jsonAttribute(out.stacks.management, 'aws_organizations_resource_policy.backup_policy_delegation', 'content') as PolicyJson;
const ORG = 'o-a1b2c3d4e5';
const arn = (path: string) => `arn:aws:organizations::111111111111:${path}`;
const admin = role(`arn:aws:iam::${DELEGATED_ADMINISTRATOR_ID}:role/Admin`, ADMINISTRATOR_ACCESS, ORG);
const member = role('arn:aws:iam::333333333333:role/Admin', ADMINISTRATOR_ACCESS, ORG);
const request = (caller: Request['caller'], action: string, resource: string, policyType: string, resourcePolicy = delegation): Request => ({
  caller, action, resource, resourcePolicy, context: { 'organizations:PolicyType': policyType },
});

const can: [string, Request][] = [
  ['updates a backup policy', request(admin, 'organizations:UpdatePolicy', arn(`policy/${ORG}/backup_policy/p-backup01`), 'BACKUP_POLICY')],
  ['attaches a backup policy to the root', request(admin, 'organizations:AttachPolicy', arn(`root/${ORG}/r-a1b2`), 'BACKUP_POLICY')],
  ['deletes a backup policy', request(admin, 'organizations:DeletePolicy', arn(`policy/${ORG}/backup_policy/p-backup01`), 'BACKUP_POLICY')],
];
const cannot: [string, Request][] = [
  ['updates a service control policy', request(admin, 'organizations:UpdatePolicy', arn(`policy/${ORG}/service_control_policy/p-scp00001`), 'SERVICE_CONTROL_POLICY')],
  ['detaches a service control policy from the root', request(admin, 'organizations:DetachPolicy', arn(`root/${ORG}/r-a1b2`), 'SERVICE_CONTROL_POLICY')],
  ['disables the backup policy type', request(admin, 'organizations:DisablePolicyType', arn(`root/${ORG}/r-a1b2`), 'BACKUP_POLICY')],
  ['another member account updates a backup policy', request(member, 'organizations:UpdatePolicy', arn(`policy/${ORG}/backup_policy/p-backup01`), 'BACKUP_POLICY')],
];

describe('the delegated administrator, through the synthesized Organizations resource policy', () => {
  it.each(can)('can: %s', async (_name, r) => expect(await decide(r)).toBe('Allowed'));
  it.each(cannot)('cannot: %s', async (_name, r) => expect(await decide(r)).toBe('ImplicitlyDenied'));
  it('every "can" is refused when the policy is replaced by one that denies everything', async () => {
    for (const [, r] of can) expect(await decide({ ...r, resourcePolicy: DENY_EVERYTHING })).not.toBe('Allowed');
  });
});

/**
 * The evaluator's wrapper (security/evaluation.ts) and the request model (security/requests.ts) on
 * the smallest requests: which account a resource is in, the context every request carries, the
 * errors that keep a scenario from passing by accident, and the callers the proofs build.
 */
import { decide, decideForService } from '../../../security/evaluation';
import {
  ADMINISTRATOR_ACCESS,
  ALLOW_EVERYTHING,
  BACKUP_ROLE_COPY_STATEMENTS,
  BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS,
  BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS,
  DENY_EVERYTHING,
  FULL_AWS_ACCESS,
  modelledRoleId,
  NO_PERMISSIONS,
  role,
  SCP_DENY_EVERYTHING,
  underScps,
  type PolicyJson,
  type Request,
} from '../../../security/requests';

const A = '111111111111';
const B = '222222222222';
const ORG = 'o-aaaaaaaaaa';
const admin = role(`arn:aws:iam::${A}:role/Admin`, ADMINISTRATOR_ACCESS, ORG);
const nobody = role(`arn:aws:iam::${A}:role/Nobody`, NO_PERMISSIONS, ORG);
const keyIn = (account: string) => `arn:aws:kms:eu-west-1:${account}:key/k1`;
/** An object of a bucket in A: unlike a key, decided by identity policies alone in its own account. */
const onObject = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', resourceAccount: A };

/** A key policy allowing kms:Decrypt to everyone under one condition. */
const allowIf = (condition: Record<string, Record<string, unknown>>): PolicyJson => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: condition }],
});
const decrypt = (caller: Request['caller'], resourcePolicy: PolicyJson, account = B): Promise<string> =>
  decide({ caller: { ...caller, identityPolicies: [ADMINISTRATOR_ACCESS] }, action: 'kms:Decrypt', resource: keyIn(account), resourcePolicy });

describe('decide: the account of the resource', () => {
  it('is read from the ARN: same account needs one allow, another account needs both', async () => {
    expect(await decide({ caller: nobody, action: 'kms:Decrypt', resource: keyIn(A), resourcePolicy: ALLOW_EVERYTHING })).toBe('Allowed');
    expect(await decide({ caller: nobody, action: 'kms:Decrypt', resource: keyIn(B), resourcePolicy: ALLOW_EVERYTHING })).toBe('ImplicitlyDenied');
  });

  it('is the one given when the ARN has none (EBS snapshots), and an error without it', async () => {
    const snapshot = 'arn:aws:ec2:eu-west-1::snapshot/snap-1';
    expect(await decide({ caller: admin, action: 'ec2:ModifySnapshotAttribute', resource: snapshot, resourceAccount: A })).toBe('Allowed');
    await expect(decide({ caller: admin, action: 'ec2:ModifySnapshotAttribute', resource: snapshot })).rejects.toThrow(
      'resource arn:aws:ec2:eu-west-1::snapshot/snap-1: no account id in the ARN',
    );
  });

  it('given explicitly wins over the ARN', async () => {
    expect(await decide({ caller: nobody, action: 'kms:Decrypt', resource: keyIn(B), resourceAccount: A, resourcePolicy: ALLOW_EVERYTHING })).toBe('Allowed');
  });

  it("is the caller's for `*` (an action on no resource)", async () => {
    expect(await decide({ caller: admin, action: 'organizations:LeaveOrganization', resource: '*' })).toBe('Allowed');
    expect(await decide({ caller: nobody, action: 'organizations:LeaveOrganization', resource: '*' })).toBe('ImplicitlyDenied');
  });

  it.each([['11111111111'], ['1111111111111'], ['11111111111a'], ['x111111111111']])('must be twelve digits: %s is refused', async (account) => {
    await expect(decide({ caller: admin, action: 'kms:Decrypt', resource: `arn:aws:kms:eu-west-1:${account}:key/k1` })).rejects.toThrow(
      `resource arn:aws:kms:eu-west-1:${account}:key/k1: no account id in the ARN`,
    );
  });
});

describe('decide: the request context every request carries', () => {
  it('aws:PrincipalArn is the role ARN', async () => {
    expect(await decrypt(admin, allowIf({ ArnEquals: { 'aws:PrincipalArn': admin.arn } }))).toBe('Allowed');
    expect(await decrypt(admin, allowIf({ ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/Other` } }))).toBe('ImplicitlyDenied');
  });

  it("aws:PrincipalAccount is the caller's account", async () => {
    expect(await decrypt(admin, allowIf({ StringEquals: { 'aws:PrincipalAccount': A } }))).toBe('Allowed');
    expect(await decrypt(admin, allowIf({ StringEquals: { 'aws:PrincipalAccount': B } }))).toBe('ImplicitlyDenied');
  });

  it('aws:userid is the role id and a session name', async () => {
    expect(await decrypt(admin, allowIf({ StringEquals: { 'aws:userid': `${admin.userId}:org-backup-session` } }))).toBe('Allowed');
    expect(await decrypt(admin, allowIf({ StringEquals: { 'aws:userid': admin.userId } }))).toBe('ImplicitlyDenied');
  });

  it('aws:PrincipalOrgID is present for a principal of an organization, absent for one of none', async () => {
    expect(await decrypt(admin, allowIf({ StringEquals: { 'aws:PrincipalOrgID': ORG } }))).toBe('Allowed');
    const loner = role(`arn:aws:iam::${A}:role/Admin`, ADMINISTRATOR_ACCESS);
    expect(loner.orgId).toBeUndefined();
    expect(await decrypt(loner, allowIf({ StringEquals: { 'aws:PrincipalOrgID': ORG } }))).toBe('ImplicitlyDenied');
    expect(await decrypt(loner, allowIf({ Null: { 'aws:PrincipalOrgID': 'true' } }))).toBe('Allowed');
    expect(await decrypt(admin, allowIf({ Null: { 'aws:PrincipalOrgID': 'true' } }))).toBe('ImplicitlyDenied');
  });

  it("a request's own context is added, and may override a default", async () => {
    const via = allowIf({ StringEquals: { 'kms:ViaService': 'backup.eu-west-1.amazonaws.com' } });
    const request = { caller: admin, action: 'kms:Decrypt', resource: keyIn(B), resourcePolicy: via };
    expect(await decide({ ...request, context: { 'kms:ViaService': 'backup.eu-west-1.amazonaws.com' } })).toBe('Allowed');
    expect(await decide(request)).toBe('ImplicitlyDenied');
    const account = allowIf({ StringEquals: { 'aws:PrincipalAccount': B } });
    expect(await decide({ ...request, resourcePolicy: account, context: { 'aws:PrincipalAccount': B } })).toBe('Allowed');
  });
});

describe('decide: what it evaluates', () => {
  it('every identity policy of the caller: a deny in the second one wins', async () => {
    const denied = { ...admin, identityPolicies: [ADMINISTRATOR_ACCESS, SCP_DENY_EVERYTHING] };
    expect(await decide({ caller: denied, ...onObject })).toBe('ExplicitlyDenied');
    expect(await decide({ caller: admin, ...onObject })).toBe('Allowed');
  });

  it('the service control policies above the caller, level by level', async () => {
    const request = (scps: readonly PolicyJson[]) => ({ caller: underScps(admin, 'r-abcd', scps), ...onObject });
    expect(await decide(request([FULL_AWS_ACCESS]))).toBe('Allowed');
    expect(await decide(request([FULL_AWS_ACCESS, SCP_DENY_EVERYTHING]))).toBe('ExplicitlyDenied');
    // No SCP allows it at the root: nothing is allowed below.
    expect(await decide(request([]))).toBe('ImplicitlyDenied');
  });

  it('the resource policy when there is one', async () => {
    expect(await decide({ caller: admin, action: 'kms:Decrypt', resource: keyIn(A), resourcePolicy: DENY_EVERYTHING })).toBe('ExplicitlyDenied');
    expect(await decide({ caller: admin, action: 'kms:Decrypt', resource: keyIn(B) })).toBe('ImplicitlyDenied');
  });
});

describe('decide: errors, never a denial by accident', () => {
  it('an unknown action', async () => {
    await expect(decide({ caller: admin, action: 'kms:NoSuchAction', resource: keyIn(A) })).rejects.toThrow(
      'evaluation of kms:NoSuchAction on arn:aws:kms:eu-west-1:111111111111:key/k1 failed: {"message":"invalid.action"}',
    );
  });

  it('a malformed identity policy, named by its place among the caller\'s policies', async () => {
    const broken = { ...admin, identityPolicies: [NO_PERMISSIONS, { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] }] };
    await expect(decide({ caller: broken, action: 'kms:Decrypt', resource: keyIn(A) })).rejects.toThrow(
      'evaluation of kms:Decrypt on arn:aws:kms:eu-west-1:111111111111:key/k1 failed: {"identityPolicyErrors":{"identity-1":[{"path":"Statement[0].Effect","message":"Effect must be present and exactly \\"Allow\\" or \\"Deny\\""}]},"message":"policy.errors"}',
    );
  });

  it('a resource pattern instead of one resource', async () => {
    await expect(decide({ caller: admin, action: 'kms:Decrypt', resource: `arn:aws:kms:eu-west-1:${A}:key/*` })).rejects.toThrow(
      `evaluation of kms:Decrypt on arn:aws:kms:eu-west-1:${A}:key/*: expected one resource, got a wildcard result`,
    );
  });

  it('a context key the action ignores, whatever its case, while keys that apply pass', async () => {
    const request = { caller: admin, ...onObject };
    expect(await decide({ ...request, context: { 'aws:SourceVpc': 'vpc-1' } })).toBe('Allowed');
    await expect(decide({ ...request, context: { 'kms:ViaService': 'backup.eu-west-1.amazonaws.com' } })).rejects.toThrow(
      'evaluation of s3:GetObject: context keys kms:ViaService do not apply to this action, so the scenario would prove nothing',
    );
    await expect(decide({ ...request, context: { 'kms:ViaService': 'backup.eu-west-1.amazonaws.com', 'kms:GrantIsForAWSResource': 'true' } })).rejects.toThrow(
      'evaluation of s3:GetObject: context keys kms:ViaService, kms:GrantIsForAWSResource do not apply to this action, so the scenario would prove nothing',
    );
    for (const key of ['kms:ViaService', 'KMS:viaservice']) {
      await expect(decide({ ...request, context: { 'aws:SourceVpc': 'vpc-1', [key]: 'backup.eu-west-1.amazonaws.com' } })).rejects.toThrow(
        `evaluation of s3:GetObject: context keys ${key} do not apply to this action, so the scenario would prove nothing`,
      );
    }
  });
});

describe('decideForService', () => {
  const topic = `arn:aws:sns:eu-west-1:${A}:alerts`;
  const fromEvents = (condition: Record<string, Record<string, unknown>>): PolicyJson => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: condition }],
  });
  const publish = (service: string, resourcePolicy: PolicyJson, context: Record<string, string> = {}) =>
    decideForService({ service, action: 'sns:Publish', resource: topic, resourceAccount: A, resourcePolicy, context });

  it('evaluates the service principal with aws:PrincipalServiceName and the context it sets', async () => {
    const policy = fromEvents({ StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com', 'aws:SourceAccount': A } });
    expect(await publish('events.amazonaws.com', policy, { 'aws:SourceAccount': A })).toBe('Allowed');
    expect(await publish('events.amazonaws.com', policy, { 'aws:SourceAccount': B })).toBe('ImplicitlyDenied');
    expect(await publish('backup.amazonaws.com', fromEvents({}))).toBe('ImplicitlyDenied');
  });

  it('throws on anything but one decision', async () => {
    await expect(decideForService({ service: 'events.amazonaws.com', action: 'sns:Nope', resource: topic, resourceAccount: A, resourcePolicy: ALLOW_EVERYTHING, context: {} })).rejects.toThrow(
      'evaluation of sns:Nope by events.amazonaws.com failed: {"resultType":"error","errors":{"message":"invalid.action"}}',
    );
  });
});

describe('the request model', () => {
  it('gives a role the modelled unique id of its account and name, AROA and 17 base-32 characters', () => {
    expect(modelledRoleId(A, 'Admin')).toBe(modelledRoleId(A, 'Admin'));
    expect(modelledRoleId(A, 'Admin')).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(new Set([modelledRoleId(A, 'Admin'), modelledRoleId(B, 'Admin'), modelledRoleId(A, 'Other')]).size).toBe(3);
    // Pinned: the Backup account's data sources and the callers of the proofs must agree on it across versions.
    expect(modelledRoleId(A, 'Admin')).toBe('AROA2GOKP6CTDYO35GXUD');
  });

  it('builds a role session from its ARN: the account, the organization, the id of the role at the end of its path', () => {
    const arn = `arn:aws:iam::${B}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;
    expect(role(arn, NO_PERMISSIONS, ORG)).toEqual({ arn, account: B, orgId: ORG, identityPolicies: [NO_PERMISSIONS], userId: modelledRoleId(B, 'AWSServiceRoleForBackup') });
    expect(role(arn, ADMINISTRATOR_ACCESS, undefined, 'AROAGIVEN')).toEqual({ arn, account: B, orgId: undefined, identityPolicies: [ADMINISTRATOR_ACCESS], userId: 'AROAGIVEN' });
  });

  it('puts a caller under SCPs at the root, and FullAWSAccess alone on its account', () => {
    expect(underScps(admin, 'r-abcd', [FULL_AWS_ACCESS, SCP_DENY_EVERYTHING]).scps).toEqual([
      { orgIdentifier: 'r-abcd', policies: [{ name: 'root-0', policy: FULL_AWS_ACCESS }, { name: 'root-1', policy: SCP_DENY_EVERYTHING }] },
      { orgIdentifier: A, policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] },
    ]);
  });

  it('has allow- and deny-everything policies that decide every request', async () => {
    const request = { caller: nobody, ...onObject };
    expect(await decide({ ...request, resourcePolicy: ALLOW_EVERYTHING })).toBe('Allowed');
    expect(await decide({ ...request, caller: admin, resourcePolicy: DENY_EVERYTHING })).toBe('ExplicitlyDenied');
    expect(await decide(request)).toBe('ImplicitlyDenied');
    expect(await decide({ ...request, caller: { ...admin, identityPolicies: [SCP_DENY_EVERYTHING] } })).toBe('ExplicitlyDenied');
    expect(await decide({ ...request, caller: { ...nobody, identityPolicies: [FULL_AWS_ACCESS] } })).toBe('Allowed');
  });
});

describe("the AWS managed policy excerpts the proofs give AWS Backup's roles", () => {
  /** A key of A whose policy leaves it to A's IAM policies, as a key policy naming the account does. */
  const accountKey: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' }] };
  const as = (identity: PolicyJson, name = 'OrgBackupServiceRole') => role(`arn:aws:iam::${A}:role/${name}`, identity, ORG);
  const onKeyOfA = (identity: PolicyJson, action: string, context?: Record<string, string>) =>
    decide({ caller: as(identity), action, resource: keyIn(A), resourcePolicy: accountKey, ...(context ? { context } : {}) });

  it('the backup role copies into and out of vaults, describes keys, and grants only for AWS resources', async () => {
    const vault = `arn:aws:backup:eu-west-1:${A}:backup-vault:v`;
    for (const action of ['backup:CopyIntoBackupVault', 'backup:DescribeBackupVault', 'backup:CopyFromBackupVault']) {
      expect(await decide({ caller: as(BACKUP_ROLE_COPY_STATEMENTS), action, resource: vault })).toBe('Allowed');
    }
    expect(await decide({ caller: as(BACKUP_ROLE_COPY_STATEMENTS), action: 'backup:DeleteBackupVault', resource: vault })).toBe('ImplicitlyDenied');
    expect(await onKeyOfA(BACKUP_ROLE_COPY_STATEMENTS, 'kms:DescribeKey')).toBe('Allowed');
    expect(await onKeyOfA(BACKUP_ROLE_COPY_STATEMENTS, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true' })).toBe('Allowed');
    expect(await onKeyOfA(BACKUP_ROLE_COPY_STATEMENTS, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false' })).toBe('ImplicitlyDenied');
    expect(await onKeyOfA(BACKUP_ROLE_COPY_STATEMENTS, 'kms:Decrypt')).toBe('ImplicitlyDenied');
  });

  it('the backup role shares only the snapshots and images AWS Backup made', async () => {
    const made = { 'aws:ResourceTag/aws:backup:source-resource': `arn:aws:ec2:eu-west-1:${A}:volume/vol-1` };
    const share = (action: string, resource: string, context?: Record<string, string>) =>
      decide({ caller: as(BACKUP_ROLE_SNAPSHOT_SHARING_STATEMENTS), action, resource, resourceAccount: A, ...(context ? { context } : {}) });
    expect(await share('ec2:ModifySnapshotAttribute', 'arn:aws:ec2:eu-west-1::snapshot/snap-1', made)).toBe('Allowed');
    expect(await share('ec2:ModifyImageAttribute', 'arn:aws:ec2:eu-west-1::image/ami-1', made)).toBe('Allowed');
    expect(await share('ec2:ModifySnapshotAttribute', 'arn:aws:ec2:eu-west-1::snapshot/snap-1')).toBe('ImplicitlyDenied');
  });

  it("AWS Backup's service-linked role uses keys only through EC2, RDS and FSx, and grants only for AWS resources", async () => {
    const slr = BACKUP_SERVICE_LINKED_ROLE_KMS_STATEMENTS;
    const via = (service: string, extra: Record<string, string> = {}) => ({ 'kms:ViaService': `${service}.eu-west-1.amazonaws.com`, ...extra });
    expect(await onKeyOfA(slr, 'kms:DescribeKey')).toBe('Allowed');
    for (const action of ['kms:ListGrants', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyWithoutPlaintext']) {
      for (const service of ['ec2', 'rds', 'fsx']) expect(await onKeyOfA(slr, action, via(service))).toBe('Allowed');
      expect(await onKeyOfA(slr, action, via('s3'))).toBe('ImplicitlyDenied');
    }
    expect(await onKeyOfA(slr, 'kms:ReEncryptFrom')).toBe('ImplicitlyDenied');
    for (const service of ['ec2', 'rds', 'fsx']) expect(await onKeyOfA(slr, 'kms:CreateGrant', via(service, { 'kms:GrantIsForAWSResource': 'true' }))).toBe('Allowed');
    expect(await onKeyOfA(slr, 'kms:CreateGrant', via('ec2', { 'kms:GrantIsForAWSResource': 'false' }))).toBe('ImplicitlyDenied');
    expect(await onKeyOfA(slr, 'kms:CreateGrant', via('s3', { 'kms:GrantIsForAWSResource': 'true' }))).toBe('ImplicitlyDenied');
    expect(await onKeyOfA(slr, 'kms:Decrypt', via('ec2'))).toBe('ImplicitlyDenied');
  });
});

/**
 * The synthesized app as the rules see it (checks/model.ts), the vault relations (checks/vaults.ts)
 * and the resource-based policies (checks/resource-policies.ts), on raw stack JSON: every index,
 * every placement, every reference shape.
 */
import { SynthesizedApp, type SynthesizedResource } from '../../../checks/model';
import { otherAccountsReached, RESOURCE_POLICY_ATTRIBUTES, resourcePolicyOf } from '../../../checks/resource-policies';
import { isOrganizationCopyTarget, retentionDays, vaultLockOf, vaultPolicyStatements, VAULT_TYPES } from '../../../checks/vaults';
import { jsonApp, OWN_ACCOUNT, policy } from '../../support/checks';

const A = '111111111111';
const B = '333333333333';

const app = new SynthesizedApp({
  one: {
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: [A, B] }, { alias: 'us', region: 'us-east-1', allowed_account_ids: [B] }, { alias: 'unpinned' }] },
    resource: {
      aws_s3_bucket: { Central_eu_west_1: { bucket: 'b' }, second: { provider: 'aws.us' } },
      aws_kms_key: { k: { provider: 'aws.unpinned' }, lost: { provider: 'aws.nowhere' }, plain: { provider: 'us' } },
    },
    data: { aws_caller_identity: { me: {} } },
  },
  two: { resource: { aws_s3_bucket: { Central_eu_west_1: {} } } },
  empty: {},
});
const at = (stack: string, address: string): SynthesizedResource => app.resources.find((r) => r.stack === stack && r.address === address)!;

describe('SynthesizedApp', () => {
  it('lists every resource of every stack with its address, type, name, body, and the account and region of its provider', () => {
    expect(app.resources.map((r) => ({ ...r, body: undefined }))).toEqual([
      { stack: 'one', address: 'aws_s3_bucket.Central_eu_west_1', type: 'aws_s3_bucket', name: 'Central_eu_west_1', body: undefined, account: A, region: 'eu-west-1' },
      { stack: 'one', address: 'aws_s3_bucket.second', type: 'aws_s3_bucket', name: 'second', body: undefined, account: B, region: 'us-east-1' },
      { stack: 'one', address: 'aws_kms_key.k', type: 'aws_kms_key', name: 'k', body: undefined, account: undefined, region: undefined },
      { stack: 'one', address: 'aws_kms_key.lost', type: 'aws_kms_key', name: 'lost', body: undefined, account: undefined, region: undefined },
      // A provider reference without the `aws.` prefix still names the alias.
      { stack: 'one', address: 'aws_kms_key.plain', type: 'aws_kms_key', name: 'plain', body: undefined, account: B, region: 'us-east-1' },
      { stack: 'two', address: 'aws_s3_bucket.Central_eu_west_1', type: 'aws_s3_bucket', name: 'Central_eu_west_1', body: undefined, account: undefined, region: undefined },
    ]);
    expect(at('one', 'aws_s3_bucket.Central_eu_west_1').body).toEqual({ bucket: 'b' });
  });

  it('places a resource without a provider argument with the provider that has no alias, wherever it is listed', () => {
    const placed = new SynthesizedApp({
      s: { provider: { aws: [{ alias: 'us', region: 'us-east-1', allowed_account_ids: [B] }, { region: 'eu-west-1', allowed_account_ids: [A] }] }, resource: { aws_kms_key: { k: {} } } },
    });
    expect(placed.resources.map((r) => [r.account, r.region])).toEqual([[A, 'eu-west-1']]);
  });

  it('finds resources by type across stacks, and by stack and type', () => {
    expect(app.ofType('aws_s3_bucket').map((r) => `${r.stack}/${r.name}`)).toEqual(['one/Central_eu_west_1', 'one/second', 'two/Central_eu_west_1']);
    expect(app.ofType('aws_iam_role')).toEqual([]);
    expect(app.inStack('one', 'aws_s3_bucket').map((r) => r.name)).toEqual(['Central_eu_west_1', 'second']);
    expect(app.inStack('two', 'aws_s3_bucket').map((r) => r.name)).toEqual(['Central_eu_west_1']);
    expect(app.inStack('two', 'aws_kms_key')).toEqual([]);
  });

  it('resolves a same-stack reference `${type.name.attribute}` to its resource, and nothing else', () => {
    const from = at('two', 'aws_s3_bucket.Central_eu_west_1');
    expect(app.referenced(from, '${aws_s3_bucket.Central_eu_west_1.bucket_domain_name}')).toBe(from);
    expect(app.referenced(at('one', 'aws_kms_key.k'), '${aws_s3_bucket.Central_eu_west_1.arn}')).toBe(at('one', 'aws_s3_bucket.Central_eu_west_1'));
    for (const value of [
      'aws_s3_bucket.Central_eu_west_1.arn',
      '${aws_s3_bucket.Central_eu_west_1}',
      'x${aws_s3_bucket.Central_eu_west_1.arn}',
      '${aws_s3_bucket.Central_eu_west_1.arn}x',
      '${aws_s3_bucket.Central_eu_west_1.arn1}',
      '${aws_s3_bucket.Central_eu_west_1.arn.id}',
      '${aws_s3_bucket.second.arn}',
      '${data.aws_caller_identity.me.account_id}',
      undefined,
      42,
      ['${aws_s3_bucket.Central_eu_west_1.arn}'],
    ]) {
      expect([value, app.referenced(from, value)]).toEqual([value, undefined]);
    }
  });

  it('resolves names with digits, dashes and capitals, and attributes with underscores', () => {
    const keys = jsonApp({ aws_s3_bucket_policy: { 'Bucket-2_x': {} }, aws_s3_bucket: { b: {} } });
    const from = keys.resources[1];
    expect(keys.referenced(from, '${aws_s3_bucket_policy.Bucket-2_x.key_id}')?.address).toBe('aws_s3_bucket_policy.Bucket-2_x');
    expect(keys.referenced(from, '${aws_s3_bucket_policy.Bucket-2_x.Key}')).toBeUndefined();
    expect(keys.referenced(from, '${Aws_s3_bucket_policy.Bucket-2_x.key}')).toBeUndefined();
  });

  it("says which stacks declare a resource or data source address, sorted, and whether one does", () => {
    expect(app.declares('one', 'aws_kms_key.k')).toBe(true);
    expect(app.declares('one', 'data.aws_caller_identity.me')).toBe(true);
    expect(app.declares('one', 'aws_caller_identity.me')).toBe(false);
    expect(app.declares('two', 'aws_kms_key.k')).toBe(false);
    expect(app.declares('empty', 'aws_kms_key.k')).toBe(false);
    expect(app.declares('nowhere', 'aws_kms_key.k')).toBe(false);
    expect(app.stacksDeclaring('aws_s3_bucket.Central_eu_west_1')).toEqual(['one', 'two']);
    expect(new SynthesizedApp({ z: { resource: { t: { n: {} } } }, a: { resource: { t: { n: {} } } } }).stacksDeclaring('t.n')).toEqual(['a', 'z']);
    expect(app.stacksDeclaring('data.aws_caller_identity.me')).toEqual(['one']);
    expect(app.stacksDeclaring('aws_kms_key.none')).toEqual([]);
    // Asked twice: the index built on first use answers the same.
    expect(app.stacksDeclaring('aws_kms_key.k')).toEqual(['one']);
  });
});

describe('vaults', () => {
  const vaults = jsonApp({
    aws_backup_vault: { v: { name: 'v' }, w: { name: 'w' }, unnamed: {} },
    aws_backup_vault_policy: {
      p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: policy({ Effect: 'Deny', Action: 'backup:DeleteBackupVault' }) },
      q: { backup_vault_name: 'w', policy: policy({ Effect: 'Allow', Action: 'backup:CopyIntoBackupVault' }) },
      orphan: { policy: policy({ Effect: 'Allow', Action: '*' }) },
    },
    aws_backup_vault_lock_configuration: { l: { backup_vault_name: 'v' } },
  });
  const vault = (name: string) => vaults.resources.find((r) => r.address === `aws_backup_vault.${name}`)!;

  it('attaches a policy or lock to the vault its backup_vault_name references or names literally', () => {
    expect(vaultPolicyStatements(vaults, vault('v')).map((s) => s.actions)).toEqual([['backup:DeleteBackupVault']]);
    expect(vaultPolicyStatements(vaults, vault('w')).map((s) => s.actions)).toEqual([['backup:CopyIntoBackupVault']]);
    expect(vaultLockOf(vaults, vault('v'))?.address).toBe('aws_backup_vault_lock_configuration.l');
    expect(vaultLockOf(vaults, vault('w'))).toBeUndefined();
  });

  it('attaches nothing to a vault without a name from a policy without backup_vault_name', () => {
    expect(vaultPolicyStatements(vaults, vault('unnamed'))).toEqual([]);
  });

  it('reads no statement from a policy that is not readable', () => {
    const broken = jsonApp({ aws_backup_vault: { v: { name: 'v' } }, aws_backup_vault_policy: { p: { backup_vault_name: 'v', policy: 'not json' } } });
    expect(vaultPolicyStatements(broken, broken.resources[0])).toEqual([]);
  });

  it('does not take a reference to another resource for its literal name', () => {
    const other = jsonApp({ aws_backup_vault: { v: { name: '${aws_backup_vault.w.name}' }, w: { name: 'w' } }, aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.w.name}', policy: policy({ Effect: 'Allow' }) } } });
    expect(vaultPolicyStatements(other, other.resources[0])).toEqual([]);
    expect(vaultPolicyStatements(other, other.resources[1])).toHaveLength(1);
  });

  it('knows both vault types', () => {
    expect(VAULT_TYPES).toEqual(['aws_backup_vault', 'aws_backup_logically_air_gapped_vault']);
  });

  describe('isOrganizationCopyTarget', () => {
    const copy = (statement: Record<string, unknown>, type = 'aws_backup_vault') => {
      const target = jsonApp({ [type]: { v: { name: 'v' } }, aws_backup_vault_policy: { p: { backup_vault_name: 'v', policy: policy(statement) } } });
      return isOrganizationCopyTarget(target, target.resources[0]);
    };
    const open = { Effect: 'Allow', Principal: '*', Action: 'backup:CopyIntoBackupVault', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } };

    it('is a vault of either type whose policy allows copies in to * within the organization', () => {
      expect(copy(open)).toBe(true);
      expect(copy(open, 'aws_backup_logically_air_gapped_vault')).toBe(true);
      expect(copy({ ...open, Action: 'backup:*' })).toBe(true);
      expect(copy({ ...open, Action: ['backup:StartBackupJob', 'backup:CopyIntoBackupVault'] })).toBe(true);
      expect(copy({ ...open, Principal: { AWS: ['*'] } })).toBe(true);
      for (const operator of ['StringLike', 'ForAnyValue:StringEquals', 'ForAnyValue:StringLike']) {
        expect([operator, copy({ ...open, Condition: { [operator]: { 'aws:PrincipalOrgPaths': 'o-1/*' } } })]).toEqual([operator, true]);
      }
    });

    it('is not a vault whose copy statement is a deny, a NotAction, of another action, to named principals, or without an organization condition', () => {
      expect(copy({ ...open, Effect: 'Deny' })).toBe(false);
      expect(copy({ ...open, Action: undefined, NotAction: 'backup:CopyIntoBackupVault' })).toBe(false);
      expect(copy({ ...open, Action: 'backup:CopyFromBackupVault' })).toBe(false);
      expect(copy({ ...open, Principal: { AWS: [A] } })).toBe(false);
      expect(copy({ ...open, Condition: { StringEquals: { 'aws:SourceAccount': A } } })).toBe(false);
      expect(copy({ ...open, Condition: { ForAllValues: { 'aws:PrincipalOrgID': 'o-1' } } })).toBe(false);
      expect(copy({ ...open, Condition: undefined })).toBe(false);
    });

    it('is never a resource of another type', () => {
      expect(copy(open, 'aws_backup_vault_lock_configuration')).toBe(false);
    });
  });

  it('reads a retention bound as Terraform does: a number or a string of digits', () => {
    expect(retentionDays(7)).toBe(7);
    expect(retentionDays(0)).toBe(0);
    expect(retentionDays('35')).toBe(35);
    expect(retentionDays('3x')).toBeUndefined();
    expect(retentionDays('x3')).toBeUndefined();
    expect(retentionDays('')).toBeUndefined();
    expect(retentionDays('${var.min}')).toBeUndefined();
    expect(retentionDays(undefined)).toBeUndefined();
    expect(retentionDays(null)).toBeUndefined();
    expect(retentionDays([7])).toBeUndefined();
  });
});

describe('resource policies', () => {
  it('reads the policy attribute of each resource type with a resource-based policy, and none of another type whatever its attributes', () => {
    expect(RESOURCE_POLICY_ATTRIBUTES).toEqual({
      aws_kms_key: 'policy',
      aws_backup_vault_policy: 'policy',
      aws_iam_role: 'assume_role_policy',
      aws_sns_topic_policy: 'policy',
      aws_cloudwatch_event_bus_policy: 'policy',
      aws_s3_bucket_policy: 'policy',
    });
    const doc = policy({ Effect: 'Allow', Action: 'sts:AssumeRole' });
    const resources = jsonApp({ aws_iam_role: { r: { assume_role_policy: doc, policy: policy({ Effect: 'Deny' }) } }, aws_iam_policy: { p: { policy: doc, undefined: doc } }, aws_kms_key: { k: {} } });
    expect(resourcePolicyOf(resources.resources[0])?.map((s) => s.actions)).toEqual([['sts:AssumeRole']]);
    expect(resourcePolicyOf(resources.resources[1])).toBeUndefined();
    expect(resourcePolicyOf(resources.resources[2])).toBeUndefined();
  });

  it("names the principals outside the resource's account: other accounts and every pattern", () => {
    const [resource] = jsonApp({ aws_kms_key: { k: {} } }).resources;
    expect(resource.account).toBe(OWN_ACCOUNT);
    expect(otherAccountsReached(resource, [OWN_ACCOUNT, `arn:aws:iam::${OWN_ACCOUNT}:root`, A, `arn:aws:iam::${B}:role/x`, `arn:aws:iam::${OWN_ACCOUNT}:role/*`, '*', '${aws_iam_role.r.arn}'])).toEqual([
      A,
      `arn:aws:iam::${B}:role/x`,
      `arn:aws:iam::${OWN_ACCOUNT}:role/*`,
      '*',
    ]);
  });

  it('names only patterns when the resource is in no known account', () => {
    const [resource] = jsonApp({ aws_kms_key: { k: {} } }, [{ alias: 'x' }]).resources;
    expect(resource.account).toBeUndefined();
    expect(otherAccountsReached(resource, [A, '*'])).toEqual(['*']);
  });
});

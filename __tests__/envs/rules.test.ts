/**
 * The cross-field rules of envs/rules.ts, one at a time on the smallest configuration: each rule on
 * both sides of its limit, each message in full, and each guard that keeps a rule off a value that
 * already failed its own check (the rule's message must then be absent, and nothing may throw).
 */
import { ConfigError, validateConfig } from '../../envs/load';
import { cleanItems, configWarnings, duplicates, refineConfig, renderedPolicySize, type Clean, type Ctx } from '../../envs/rules';
import { expectSameBesideUnrelatedError, problemsOf, smallestDraft } from '../support/config-draft';

type Draft = any;

/** The problem lines of the changed base, [] when it is valid. */
const problems = (change: (c: Draft) => void = () => {}) => problemsOf(change, smallestDraft());

const rule0 = (c: Draft) => c.policies[0].rules[0];
/** A copy of the base policy under another name, attached to `targets`. */
const policyCopy = (c: Draft, name: string, targets: string[]) => ({ ...structuredClone(c.policies[0]), name, targets });

describe('the rules as a whole', () => {
  it('accept the base configuration', () => {
    expect(problems()).toEqual([]);
  });

  it('do not run on a configuration that is not an object', () => {
    for (const raw of [null, 'x', 5, []]) {
      expect(() => validateConfig(raw, 'test')).toThrow(ConfigError);
    }
    let lines: readonly string[] = [];
    try {
      validateConfig(null, 'test');
    } catch (err) {
      lines = (err as ConfigError).problems;
    }
    expect(lines).toEqual(['(top level) = null: expected object, got null']);
  });

  it('still run beside an unknown key, which does not make the object around it wrong', () => {
    expect(
      problems((c) => {
        c.state.extra = 1;
        c.state.region = 'cn-north-1';
      }),
    ).toEqual([
      'state.extra: unknown key; allowed: bucket, region, keyPrefix, roleArn',
      'state.region: region "cn-north-1" is not in partition aws (allowed: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)',
    ]);
  });

  it('report nothing more when a whole section is missing, and do not throw', () => {
    expect(problems((c) => delete c.organization)).toEqual(['organization: required (object)']);
    expect(problems((c) => delete c.backupAccount)).toEqual(['backupAccount: required (object)']);
    expect(problems((c) => delete c.state)).toEqual(['state: required (object)']);
  });
});

describe('the rules of the other files', () => {
  it('are run too', () => {
    expect(problems((c) => (c.policies[0].selection = { tagKey: 'backup' }))).toEqual([
      'policies[0].selection.tagValues: required with tagKey "backup": the tag values that select resources',
    ]);
    expect(problems((c) => (c.alerts = { tamper: false, jobFailures: false, emails: ['a@example.com'] }))).toEqual([
      'alerts: tamper and jobFailures are both false: nothing to alert on; remove alerts or turn one on',
    ]);
    expect(problems((c) => (c.backupAccount.breakGlassRoleArns = ['arn:aws:iam::999999999999:role/glass']))).toEqual([
      'backupAccount.breakGlassRoleArns[0] = "arn:aws:iam::999999999999:role/glass": the role is in account 999999999999, but break-glass roles must be in the Backup account 222222222222: the central policies exempt them there, and their unique ids are read there at plan time',
    ]);
    expect(problems((c) => (c.policies[0].targets = ['444444444444']))).toEqual([
      'policies[0].targets[0] = "444444444444": this account is not a source account, nor the management or Backup account, so it has no backup role or vault and every backup of the policy would fail there: add it to sourceAccounts, or attach the policy elsewhere',
    ]);
  });
});

describe('regions', () => {
  const china = (c: Draft) => {
    c.partition = 'aws-cn';
    c.regions = ['cn-north-1'];
    c.state.region = 'cn-north-1';
  };

  it('are in the partition', () => {
    expect(problems(china)).toEqual([]);
    expect(problems((c) => (china(c), c.regions.push('eu-west-1')))).toEqual([
      'regions[1]: region "eu-west-1" is not in partition aws-cn (allowed: cn-north-1, cn-northwest-1)',
    ]);
    expect(problems((c) => (china(c), (c.state.region = 'eu-west-1')))).toEqual([
      'state.region: region "eu-west-1" is not in partition aws-cn (allowed: cn-north-1, cn-northwest-1)',
    ]);
  });

  it('are each listed once', () => {
    expect(problems((c) => (c.regions = ['eu-west-1', 'eu-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-1']))).toEqual([
      'regions[2] = "eu-west-1": listed twice; list each region once',
      'regions[3] = "eu-west-2": listed twice; list each region once',
      'regions[4] = "eu-west-1": listed twice; list each region once',
    ]);
  });

  it('are not checked against the partition when malformed, or when the partition is unknown', () => {
    expect(problems((c) => (c.regions = ['mars-north-1']))).toEqual(['regions[0] = "mars-north-1": expected an AWS region code such as eu-west-1']);
    expect(problems((c) => (c.state.region = 'mars-north-1'))).toEqual(['state.region = "mars-north-1": expected an AWS region code such as eu-west-1']);
    expect(
      problems((c) => {
        c.partition = 'aws-iso';
        c.backupAccount.breakGlassRoleArns = ['arn:aws:iam::222222222222:role/glass'];
        c.state.roleArn = 'arn:aws:iam::111111111111:role/state';
      }),
    ).toEqual(['partition = "aws-iso": expected one of "aws", "aws-us-gov", "aws-cn"']);
  });

  it('skip a malformed item when looking for duplicates and for the longest region', () => {
    expect(problems((c) => (c.regions = ['eu-west-1', 'mars', 'eu-west-1']))).toEqual([
      'regions[1] = "mars": expected an AWS region code such as eu-west-1',
      'regions[2] = "eu-west-1": listed twice; list each region once',
    ]);
    expect(problems((c) => (c.regions = ['mars', 'mars']))).toEqual([
      'regions[0] = "mars": expected an AWS region code such as eu-west-1',
      'regions[1] = "mars": expected an AWS region code such as eu-west-1',
    ]);
  });

  it('that are not a list, or an empty one, have their own error only', () => {
    expect(problems((c) => (c.regions = 'eu-west-1'))).toEqual(['regions = "eu-west-1": expected array, got string']);
    expect(problems((c) => (c.regions = []))).toEqual(['regions = []: expected at least 1 item']);
  });
});

describe('ARNs', () => {
  const glass = (c: Draft, arns: unknown) => (c.backupAccount.breakGlassRoleArns = arns);

  it('are in the partition', () => {
    expect(problems((c) => glass(c, ['arn:aws:iam::222222222222:role/glass', 'arn:aws-cn:iam::222222222222:role/glass']))).toEqual([
      'backupAccount.breakGlassRoleArns[1] = "arn:aws-cn:iam::222222222222:role/glass": the ARN is in partition aws-cn, but partition is aws: expected arn:aws:iam::...',
    ]);
    expect(problems((c) => (c.state.roleArn = 'arn:aws-us-gov:iam::111111111111:role/state'))).toEqual([
      'state.roleArn = "arn:aws-us-gov:iam::111111111111:role/state": the ARN is in partition aws-us-gov, but partition is aws: expected arn:aws:iam::...',
    ]);
    expect(problems((c) => (c.state.roleArn = 'arn:aws:iam::111111111111:role/state'))).toEqual([]);
  });

  it('that failed their own check are not read', () => {
    expect(problems((c) => glass(c, [null]))).toEqual(['backupAccount.breakGlassRoleArns[0] = null: expected string, got null']);
    expect(problems((c) => glass(c, 'arn:aws:iam::222222222222:role/glass'))).toEqual([
      'backupAccount.breakGlassRoleArns = "arn:aws:iam::222222222222:role/glass": expected array, got string',
    ]);
    expect(problems((c) => (c.state.roleArn = 7))).toEqual(['state.roleArn = 7: expected string, got number']);
  });
});

describe('accounts', () => {
  it('the Backup account is not the management account', () => {
    expect(problems((c) => (c.backupAccount.accountId = '111111111111'))).toEqual([
      'backupAccount.accountId = "111111111111": the Backup account must not be the management account (organization.managementAccountId)',
    ]);
  });

  it('two malformed account ids are not compared', () => {
    expect(
      problems((c) => {
        c.organization.managementAccountId = '1';
        c.backupAccount.accountId = '2';
        delete c.sourceAccounts[0].accountId;
      }),
    ).toEqual([
      'organization.managementAccountId = "1": expected a 12-digit account id as a string',
      'backupAccount.accountId = "2": expected a 12-digit account id as a string',
      'sourceAccounts[0].accountId: required (string)',
    ]);
    expect(
      problems((c) => {
        c.organization.managementAccountId = '1';
        delete c.sourceAccounts[0].accountId;
      }),
    ).toEqual(['organization.managementAccountId = "1": expected a 12-digit account id as a string', 'sourceAccounts[0].accountId: required (string)']);
  });

  it('a source account is neither the management nor the Backup account', () => {
    expect(problems((c) => (c.sourceAccounts[0].accountId = '111111111111'))).toEqual([
      'sourceAccounts[0].accountId = "111111111111": this is the management account, which cannot be a source account',
    ]);
    expect(problems((c) => (c.sourceAccounts[0].accountId = '222222222222'))).toEqual([
      'sourceAccounts[0].accountId = "222222222222": this is the Backup account, which cannot be a source account',
    ]);
  });

  it('a list of source accounts that is not a list has its own error only', () => {
    expect(problems((c) => (c.sourceAccounts = 'prod'))).toEqual(['sourceAccounts = "prod": expected array, got string']);
  });

  const accounts = (c: Draft, list: [unknown, unknown][]) => (c.sourceAccounts = list.map(([accountId, name]) => ({ accountId, name })));

  it('source accounts are listed once, under names used once', () => {
    expect(
      problems((c) =>
        accounts(c, [
          ['333333333333', 'a'],
          ['444444444444', 'b'],
          ['444444444444', 'c'],
          ['555555555555', 'b'],
        ]),
      ),
    ).toEqual([
      'sourceAccounts[2].accountId = "444444444444": already listed at sourceAccounts[1]; list each account once',
      'sourceAccounts[3].name = "b": already used by sourceAccounts[1]; stack names must be unique',
    ]);
  });

  it('a duplicate is found beside a malformed account, and in an account whose other field is wrong', () => {
    expect(
      problems((c) =>
        accounts(c, [
          ['3', 'Bad'],
          ['444444444444', 'b'],
          ['444444444444', 'B'],
          ['5', 'b'],
        ]),
      ),
    ).toEqual([
      'sourceAccounts[0].accountId = "3": expected a 12-digit account id as a string',
      'sourceAccounts[0].name = "Bad": expected 1 to 49 lowercase letters, digits or hyphens, starting alphanumeric',
      'sourceAccounts[2].accountId = "444444444444": already listed at sourceAccounts[1]; list each account once',
      'sourceAccounts[2].name = "B": expected 1 to 49 lowercase letters, digits or hyphens, starting alphanumeric',
      'sourceAccounts[3].accountId = "5": expected a 12-digit account id as a string',
      'sourceAccounts[3].name = "b": already used by sourceAccounts[1]; stack names must be unique',
    ]);
  });

  it('malformed ids or names are not compared', () => {
    expect(
      problems((c) =>
        accounts(c, [
          ['3', 'Bad'],
          ['3', 'Bad'],
        ]),
      ),
    ).toEqual([
      'sourceAccounts[0].accountId = "3": expected a 12-digit account id as a string',
      'sourceAccounts[0].name = "Bad": expected 1 to 49 lowercase letters, digits or hyphens, starting alphanumeric',
      'sourceAccounts[1].accountId = "3": expected a 12-digit account id as a string',
      'sourceAccounts[1].name = "Bad": expected 1 to 49 lowercase letters, digits or hyphens, starting alphanumeric',
    ]);
  });
});

describe('the vault lock', () => {
  const lock = (c: Draft, values: unknown) => (c.backupAccount.vaultLock = values);

  it('maxRetentionDays is greater than minRetentionDays', () => {
    expect(problems((c) => (lock(c, { minRetentionDays: 90, maxRetentionDays: 91 }), (rule0(c).copyToBackupAccount.deleteAfterDays = 90)))).toEqual([]);
    expect(problems((c) => (lock(c, { minRetentionDays: 90, maxRetentionDays: 90 }), (rule0(c).copyToBackupAccount.deleteAfterDays = 90)))).toEqual([
      'backupAccount.vaultLock.maxRetentionDays = 90: must be greater than minRetentionDays (90)',
    ]);
  });

  it('names a default it compares as the default', () => {
    expect(problems((c) => (lock(c, { minRetentionDays: 4000 }), delete rule0(c).copyToBackupAccount))).toEqual([
      'backupAccount.vaultLock.maxRetentionDays = 3650 (the default): must be greater than minRetentionDays (4000)',
    ]);
  });

  it('bounds that failed their own check are not compared', () => {
    expect(problems((c) => (lock(c, { minRetentionDays: 40_000 }), delete rule0(c).copyToBackupAccount))).toEqual([
      'backupAccount.vaultLock.minRetentionDays = 40000: expected a vault lock retention of at most 36500 days (100 years, AWS\'s maximum)',
    ]);
    expect(problems((c) => (lock(c, { maxRetentionDays: 0 }), delete rule0(c).copyToBackupAccount))).toEqual([
      'backupAccount.vaultLock.maxRetentionDays = 0: expected a vault lock retention of at least 1 day',
    ]);
  });

  it('a wrong mode does not hide the retention rule', () => {
    expect(problems((c) => (lock(c, { mode: 'strict', minRetentionDays: 90, maxRetentionDays: 90 }), delete rule0(c).copyToBackupAccount))).toEqual([
      'backupAccount.vaultLock.mode = "strict": expected one of "governance", "compliance"',
      'backupAccount.vaultLock.maxRetentionDays = 90: must be greater than minRetentionDays (90)',
    ]);
  });

  it('changeableForDays is required in compliance mode and refused in governance mode', () => {
    expect(problems((c) => lock(c, { mode: 'compliance', changeableForDays: 3 }))).toEqual([]);
    expect(problems((c) => lock(c, { mode: 'compliance' }))).toEqual([
      'backupAccount.vaultLock.changeableForDays: required in compliance mode: at least 3 days (AWS enforces a 72-hour cooling-off period)',
    ]);
    expect(problems((c) => lock(c, { mode: 'governance', changeableForDays: 3 }))).toEqual([
      'backupAccount.vaultLock.changeableForDays = 3: applies to compliance mode only; remove it or set mode: compliance',
    ]);
    expect(problems((c) => lock(c, { changeableForDays: 3 }))).toEqual([
      'backupAccount.vaultLock.changeableForDays = 3: applies to compliance mode only; remove it or set mode: compliance',
    ]);
  });

  it('a mode or changeableForDays that failed its own check is not compared', () => {
    expect(problems((c) => lock(c, { mode: 'governance', changeableForDays: 2 }))).toEqual([
      'backupAccount.vaultLock.changeableForDays = 2: expected at least 3 days (AWS enforces a 72-hour cooling-off period before a compliance lock is final)',
    ]);
    expect(problems((c) => lock(c, { mode: 'strict', changeableForDays: 3 }))).toEqual([
      'backupAccount.vaultLock.mode = "strict": expected one of "governance", "compliance"',
    ]);
    expect(problems((c) => lock(c, 'governance'))).toEqual(['backupAccount.vaultLock = "governance": expected object, got string']);
  });
});

describe('policies', () => {
  it('are at most 1000 in an organization', () => {
    // The rules called directly, each policy marked wrong inside, so that only the count is checked
    // (1000 policies through the whole validator take seconds).
    const cfg = validateConfig(smallestDraft(), 'test');
    const added = (n: number) => {
      const issues: object[] = Array.from({ length: n }, (_, i) => ({ code: 'custom', path: ['policies', i], message: 'wrong', input: undefined }));
      const reported: object[] = [];
      const ctx = { issues, value: cfg, addIssue: (issue: object) => reported.push(issue) } as unknown as Ctx;
      refineConfig({ ...cfg, policies: Array.from({ length: n }, () => cfg.policies[0]) }, ctx);
      return reported;
    };
    expect(added(1000)).toEqual([]);
    expect(added(1001)).toEqual([
      { code: 'custom', path: ['policies'], message: '1001 policies; AWS Organizations allows at most 1000 BACKUP_POLICY per organization', params: { rule: true } },
    ]);
  });

  it('have unique names, found beside a malformed name', () => {
    expect(problems((c) => c.policies.push(policyCopy(c, 'std', ['333333333333'])))).toEqual([
      'policies[1].name = "std": already used by another policy; policy names must be unique',
    ]);
    expect(
      problems((c) => {
        c.policies.push(policyCopy(c, 'bad name', ['333333333333']), policyCopy(c, 'std', ['333333333333']));
      }),
    ).toEqual([
      'policies[1].name = "bad name": expected 1 to 50 of letters, digits, hyphen and underscore',
      'policies[2].name = "std": already used by another policy; policy names must be unique',
    ]);
    expect(problems((c) => c.policies.push(policyCopy(c, 'std', ['x'])))).toEqual([
      'policies[1].name = "std": already used by another policy; policy names must be unique',
      'policies[1].targets[0] = "x": expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id',
    ]);
    expect(problems((c) => c.policies.push(policyCopy(c, 'bad name', ['333333333333']), policyCopy(c, 'bad name', ['333333333333'])))).toEqual([
      'policies[1].name = "bad name": expected 1 to 50 of letters, digits, hyphen and underscore',
      'policies[2].name = "bad name": expected 1 to 50 of letters, digits, hyphen and underscore',
    ]);
  });

  it('have names that leave backup plan names of at most 50 characters with the longest region', () => {
    const named = (name: string, regions: string[]) => (c: Draft) => {
      c.regions = regions;
      c.policies[0].name = name;
    };
    expect(problems(named('p'.repeat(35), ['eu-west-1', 'ap-southeast-2']))).toEqual([]);
    expect(problems(named('p'.repeat(36), ['eu-west-1', 'ap-southeast-2']))).toEqual([
      `policies[0].name = "${'p'.repeat(36)}": too long: the backup plan name "${'p'.repeat(36)}-ap-southeast-2" has 51 characters, AWS allows 50 (at most 35 for the policy name)`,
    ]);
    expect(problems(named('p'.repeat(36), ['ap-southeast-2', 'eu-west-1']))).toEqual([
      `policies[0].name = "${'p'.repeat(36)}": too long: the backup plan name "${'p'.repeat(36)}-ap-southeast-2" has 51 characters, AWS allows 50 (at most 35 for the policy name)`,
    ]);
    // Of regions of one length, the first one listed is named.
    expect(problems(named('q'.repeat(41), ['eu-west-1', 'eu-west-2']))).toEqual([
      `policies[0].name = "${'q'.repeat(41)}": too long: the backup plan name "${'q'.repeat(41)}-eu-west-1" has 51 characters, AWS allows 50 (at most 40 for the policy name)`,
    ]);
    expect(problems(named('q'.repeat(40), ['eu-west-1', 'eu-west-2']))).toEqual([]);
  });

  it('a malformed name is not measured, nor one with no clean region to measure against', () => {
    expect(problems((c) => (c.policies[0].name = 'p'.repeat(51)))).toEqual([
      `policies[0].name = "${'p'.repeat(51)}": expected 1 to 50 of letters, digits, hyphen and underscore`,
    ]);
    expect(problems((c) => ((c.policies[0].name = 'p'.repeat(45)), (c.regions = ['mars-north-1'])))).toEqual([
      'regions[0] = "mars-north-1": expected an AWS region code such as eu-west-1',
    ]);
  });

  it('a list of policies or of rules that is not a list has its own error only', () => {
    expect(problems((c) => (c.policies = 'std'))).toEqual(['policies = "std": expected array, got string']);
    expect(problems((c) => (c.policies[0].rules = 'daily'))).toEqual(['policies[0].rules = "daily": expected array, got string']);
    expect(problems((c) => (c.policies[0].rules = [null]))).toEqual(['policies[0].rules[0] = null: expected object, got null']);
  });

  it('have rules of unique names, found beside a malformed name', () => {
    const rules = (c: Draft, names: string[]) => (c.policies[0].rules = names.map((name) => ({ ...structuredClone(rule0(c)), name })));
    expect(problems((c) => rules(c, ['daily', 'weekly', 'daily']))).toEqual([
      'policies[0].rules[2].name = "daily": already used by another rule of policy "std"; rule names must be unique in a policy',
    ]);
    expect(problems((c) => rules(c, ['daily', 'bad name', 'daily']))).toEqual([
      'policies[0].rules[1].name = "bad name": expected 1 to 50 of letters, digits and -_.',
      'policies[0].rules[2].name = "daily": already used by another rule of policy "std"; rule names must be unique in a policy',
    ]);
    expect(problems((c) => (rules(c, ['daily', 'daily']), (c.policies[0].rules[1].schedule = 'daily')))).toEqual([
      'policies[0].rules[1].name = "daily": already used by another rule of policy "std"; rule names must be unique in a policy',
      'policies[0].rules[1].schedule = "daily": expected an AWS schedule expression cron(...) or rate(...)',
    ]);
    expect(problems((c) => rules(c, ['bad name', 'bad name']))).toEqual([
      'policies[0].rules[0].name = "bad name": expected 1 to 50 of letters, digits and -_.',
      'policies[0].rules[1].name = "bad name": expected 1 to 50 of letters, digits and -_.',
    ]);
  });
});

describe('targets', () => {
  it('are listed once in a policy', () => {
    expect(problems((c) => (c.policies[0].targets = ['root', '333333333333', 'root']))).toEqual([
      'policies[0].targets[2] = "root": listed twice in this policy; list each target once',
    ]);
  });

  /** `n` policies on root, the last one with root second in its targets. */
  const onRoot = (n: number) => (c: Draft) => {
    c.policies = Array.from({ length: n }, (_, i) => policyCopy(c, `p${i}`, i === n - 1 ? ['333333333333', 'root'] : ['root']));
  };

  it('have at most 10 policies each, the 11th reported once', () => {
    expect(problems(onRoot(10))).toEqual([]);
    const eleventh = 'policies[10].targets[1] = "root": the 11th policy attached here; AWS Organizations allows at most 10 BACKUP_POLICY per root, OU or account';
    expect(problems(onRoot(11))).toEqual([eleventh]);
    expect(problems((c) => (onRoot(11)(c), c.policies.push(policyCopy(c, 'p11', ['root']))))).toEqual([eleventh]);
  });

  it('that failed their own check are not counted', () => {
    expect(problems((c) => (c.policies = Array.from({ length: 11 }, (_, i) => policyCopy(c, `p${i}`, ['x']))))).toEqual(
      Array.from({ length: 11 }, (_, i) => `policies[${i}].targets[0] = "x": expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id`),
    );
    expect(problems((c) => (c.policies[0].targets = 'root'))).toEqual(['policies[0].targets = "root": expected array, got string']);
    expect(problems((c) => (c.policies[0].targets = ['x', 'x']))).toEqual([
      'policies[0].targets[0] = "x": expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id',
      'policies[0].targets[1] = "x": expected root, an OU id (ou-xxxx-xxxxxxxx) or a 12-digit account id',
    ]);
  });
});

describe('backup rules', () => {
  it('complete after they start', () => {
    expect(problems((c) => Object.assign(rule0(c), { startWindowMinutes: 60, completionWindowMinutes: 61 }))).toEqual([]);
    expect(problems((c) => Object.assign(rule0(c), { startWindowMinutes: 60, completionWindowMinutes: 60 }))).toEqual([
      'policies[0].rules[0].completionWindowMinutes = 60: must be greater than startWindowMinutes (60)',
    ]);
    expect(problems((c) => (rule0(c).startWindowMinutes = 360))).toEqual([
      'policies[0].rules[0].completionWindowMinutes = 360 (the default): must be greater than startWindowMinutes (360)',
    ]);
    // Beside a problem elsewhere, which does not make the windows wrong.
    expect(problems((c) => (Object.assign(rule0(c), { startWindowMinutes: 60, completionWindowMinutes: 60 }), (c.tags = { 'aws:x': 'v' })))).toEqual([
      'policies[0].rules[0].completionWindowMinutes = 60: must be greater than startWindowMinutes (60)',
      'tags["aws:x"]: key not allowed: the aws: prefix is reserved by AWS',
    ]);
  });

  it('windows that failed their own check are not compared', () => {
    expect(problems((c) => Object.assign(rule0(c), { startWindowMinutes: 10, completionWindowMinutes: 5 }))).toEqual([
      'policies[0].rules[0].startWindowMinutes = 10: expected at least 60 minutes (AWS Backup fails shorter start windows)',
    ]);
    expect(problems((c) => Object.assign(rule0(c), { startWindowMinutes: 60, completionWindowMinutes: 0 }))).toEqual([
      'policies[0].rules[0].completionWindowMinutes = 0: expected at least 1 minute',
    ]);
  });

  it('delete at least 90 days after the move to cold storage', () => {
    expect(problems((c) => (rule0(c).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 120 }))).toEqual([]);
    expect(problems((c) => (rule0(c).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 119 }))).toEqual([
      'policies[0].rules[0].lifecycle.deleteAfterDays = 119: must be at least moveToColdStorageAfterDays + 90 = 120: AWS keeps a recovery point in cold storage 90 days at least',
    ]);
    expect(problems((c) => (rule0(c).lifecycle = { moveToColdStorageAfterDays: 30 }))).toEqual([]);
    expect(problems((c) => (rule0(c).lifecycle = {}))).toEqual([]);
  });

  it('the copy too', () => {
    expect(problems((c) => (rule0(c).copyToBackupAccount = { moveToColdStorageAfterDays: 10, deleteAfterDays: 100 }))).toEqual([]);
    expect(problems((c) => (rule0(c).copyToBackupAccount = { moveToColdStorageAfterDays: 10, deleteAfterDays: 99 }))).toEqual([
      'policies[0].rules[0].copyToBackupAccount.deleteAfterDays = 99: must be at least moveToColdStorageAfterDays + 90 = 100: AWS keeps a recovery point in cold storage 90 days at least',
    ]);
  });

  it('a lifecycle or a copy that failed its own check is not compared', () => {
    expect(problems((c) => (rule0(c).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 0 }))).toEqual([
      'policies[0].rules[0].lifecycle.deleteAfterDays = 0: expected a retention of at least 1 day',
    ]);
    expect(problems((c) => (rule0(c).copyToBackupAccount = { moveToColdStorageAfterDays: 30, deleteAfterDays: 0 }))).toEqual([
      'policies[0].rules[0].copyToBackupAccount.deleteAfterDays = 0: expected a retention of at least 1 day',
    ]);
  });

  it('without a copy are accepted', () => {
    expect(problems((c) => delete rule0(c).copyToBackupAccount)).toEqual([]);
  });

  it('keep copies within the central vault lock', () => {
    const keep = (days: number) => (c: Draft) => (rule0(c).copyToBackupAccount.deleteAfterDays = days);
    const outside = (days: number) =>
      `policies[0].rules[0].copyToBackupAccount.deleteAfterDays = ${days}: outside the central vault lock's retention (minRetentionDays 7 to maxRetentionDays 3650): AWS Backup would fail every copy job`;
    expect(problems(keep(7))).toEqual([]);
    expect(problems(keep(3650))).toEqual([]);
    expect(problems(keep(6))).toEqual([outside(6)]);
    expect(problems(keep(3651))).toEqual([outside(3651)]);
  });

  it('do not compare copies with lock bounds that failed their own check', () => {
    expect(problems((c) => (c.backupAccount.vaultLock = { minRetentionDays: 40_000 }))).toEqual([
      "backupAccount.vaultLock.minRetentionDays = 40000: expected a vault lock retention of at most 36500 days (100 years, AWS's maximum)",
    ]);
    expect(problems((c) => (c.backupAccount.vaultLock = { maxRetentionDays: 0 }))).toEqual([
      'backupAccount.vaultLock.maxRetentionDays = 0: expected a vault lock retention of at least 1 day',
    ]);
  });
});

describe('the rendered size of a policy', () => {
  const sizeOf = (c: Draft) => {
    const cfg = validateConfig(c, 'test');
    return renderedPolicySize(cfg, cfg.policies[0]);
  };
  /**
   * Tag values that bring the base policy (`setup` applied) to exactly `size` characters: each value
   * adds its length plus 3 (quotes and comma), the base's one value "yes" counts 6.
   */
  const sized = (size: number, setup: (c: Draft) => void = () => {}) => (c: Draft) => {
    const start = smallestDraft();
    setup(start);
    let left = size - sizeOf(start) + 6;
    const values: string[] = [];
    while (left > 0) {
      // A value never leaves less than 13 characters for the next one.
      const length = left <= 259 ? left - 3 : Math.min(256, left - 16);
      values.push(String(values.length).padEnd(length, 'v'));
      left -= length + 3;
    }
    setup(c);
    c.policies[0].selection.tagValues = values;
  };
  const tooBig = (size: number) =>
    `policies[0]: the BACKUP_POLICY "org-backup-std" renders to ${size} characters; AWS Organizations allows 10000 (fewer rules, tag values or regions per policy, or split it)`;

  it('is at most 10000 characters', () => {
    const atLimit = smallestDraft();
    sized(10_000)(atLimit);
    expect(sizeOf(atLimit)).toBe(10_000);
    expect(problems(sized(10_000))).toEqual([]);
    expect(problems(sized(10_001))).toEqual([tooBig(10_001)]);
    // Beside a problem elsewhere, which changes nothing in the document.
    expect(problems((c) => (sized(10_001)(c), (c.tags = { 'aws:x': 'v' })))).toEqual([tooBig(10_001), 'tags["aws:x"]: key not allowed: the aws: prefix is reserved by AWS']);
  });

  it('is measured with the air-gapped copy when the air-gapped vault is configured', () => {
    const airGapped = (c: Draft) => {
      c.backupAccount.airGappedVault = {};
      rule0(c).copyToAirGappedVault = { deleteAfterDays: 90 };
    };
    expect(problems(sized(10_000, airGapped))).toEqual([]);
    expect(problems(sized(10_001, airGapped))).toEqual([tooBig(10_001)]);
  });

  it('is not measured when a copy goes to an air-gapped vault that is not configured', () => {
    const missing =
      'policies[0].rules[0].copyToAirGappedVault: copies to the air-gapped vault, but backupAccount.airGappedVault is not configured: add it, or remove copyToAirGappedVault';
    expect(problems((c) => (sized(20_000)(c), (rule0(c).copyToAirGappedVault = { deleteAfterDays: 90 })))).toEqual([missing]);
    expect(
      problems((c) => {
        sized(20_000)(c);
        c.policies[0].rules.unshift({ ...structuredClone(rule0(c)), name: 'first' });
        c.policies[0].rules[1].copyToAirGappedVault = { deleteAfterDays: 90 };
      }),
    ).toEqual([missing.replace('rules[0]', 'rules[1]')]);
  });

  it('is not measured when the policy or a value the document is built from failed its own check', () => {
    const big = (change: (c: Draft) => void) => problems((c) => (sized(20_000)(c), change(c)));
    expect(big((c) => (rule0(c).name = 'bad name'))).toEqual(['policies[0].rules[0].name = "bad name": expected 1 to 50 of letters, digits and -_.']);
    expect(big((c) => (c.partition = 'aws-iso'))).toEqual(['partition = "aws-iso": expected one of "aws", "aws-us-gov", "aws-cn"']);
    expect(big((c) => c.regions.push('mars'))).toEqual(['regions[1] = "mars": expected an AWS region code such as eu-west-1']);
    expect(big((c) => (c.backupRoleName = 'bad name'))).toEqual(['backupRoleName = "bad name": expected 1 to 64 of letters, digits and +=,.@_-']);
    expect(big((c) => (c.sourceVaultName = 'v'))).toEqual(['sourceVaultName = "v": expected 2 to 50 of letters, digits, hyphen and underscore']);
    expect(big((c) => (c.backupAccount.accountId = '2'))).toEqual(['backupAccount.accountId = "2": expected a 12-digit account id as a string']);
    expect(big((c) => (c.backupAccount.vaultName = 'v'))).toEqual(['backupAccount.vaultName = "v": expected 2 to 50 of letters, digits, hyphen and underscore']);
    expect(big((c) => (c.backupAccount.airGappedVault = { name: 'v' }))).toEqual([
      'backupAccount.airGappedVault.name = "v": expected 2 to 50 of letters, digits, hyphen and underscore',
    ]);
  });
});

describe('tags', () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it('are at most 50', () => {
    expect(problems((c) => (c.tags = tags(50)))).toEqual([]);
    expect(problems((c) => (c.tags = tags(51)))).toEqual(['tags: 51 tags; AWS allows at most 50 tags on a resource']);
  });

  it('that are not a map are not counted', () => {
    expect(problems((c) => (c.tags = 'x'.repeat(51)))).toEqual([`tags = "${'x'.repeat(51)}": expected record, got string`]);
  });
});

describe('configWarnings', () => {
  it('warns of nothing on the base configuration', () => {
    expect(configWarnings(validateConfig(smallestDraft()))).toEqual([]);
  });

  it('warns of each cold-storage setting, each copy moved to cold storage and each account without default EBS encryption, in that order', () => {
    const draft = smallestDraft();
    draft.policies[0].rules.push(
      { name: 'monthly', schedule: 'cron(0 17 1 * ? *)', lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: 365 }, copyToBackupAccount: { moveToColdStorageAfterDays: 20, deleteAfterDays: 365 } },
      { name: 'yearly', schedule: 'cron(0 17 1 1 ? *)', lifecycle: { moveToColdStorageAfterDays: 40, deleteAfterDays: 365 } },
    );
    draft.sourceAccounts.push({ accountId: '444444444444', name: 'dev', ebsDefaultEncryption: false });
    const cold = (at: string, days: number) =>
      `${at}.moveToColdStorageAfterDays = ${days}: only the resource types marked for "Lifecycle to cold storage" in AWS Backup's feature availability table move to cold storage; AWS Backup ignores this setting for the others, which stay in warm storage until deleteAfterDays`;
    expect(configWarnings(validateConfig(draft))).toEqual([
      cold('policies[0].rules[1].lifecycle', 30),
      cold('policies[0].rules[1].copyToBackupAccount', 20),
      'policies[0].rules[1].copyToBackupAccount.moveToColdStorageAfterDays = 20: AWS Backup cannot copy a recovery point in cold storage, so after 20 days a central copy can no longer be copied back to a source account (the copy back of the restore path); it can still be restored in the Backup account',
      cold('policies[0].rules[2].lifecycle', 40),
      'sourceAccounts[1].ebsDefaultEncryption = false: new EBS volumes in dev are encrypted with the AWS managed key aws/ebs unless they name a key, and AWS Backup cannot copy a resource under an AWS managed key (or a customer key not shared with the Backup account) to another account: their recovery points stay in the source account only',
    ]);
  });

  it('ends with the air-gap warnings', () => {
    const draft = smallestDraft();
    draft.sourceAccounts[0].ebsDefaultEncryption = false;
    draft.backupAccount.airGappedVault = { encryption: 'customer-managed' };
    expect(configWarnings(validateConfig(draft))).toEqual([
      'sourceAccounts[0].ebsDefaultEncryption = false: new EBS volumes in prod are encrypted with the AWS managed key aws/ebs unless they name a key, and AWS Backup cannot copy a resource under an AWS managed key (or a customer key not shared with the Backup account) to another account: their recovery points stay in the source account only',
      'backupAccount.airGappedVault.encryption = "customer-managed": AWS recommends the AWS-owned key for logically air-gapped vaults, and a customer-managed key from the same account only for testing: whoever controls the Backup account controls this key, and a disabled or deleted key makes the vault unreadable',
    ]);
  });
});

describe('duplicates and cleanItems', () => {
  it('duplicates: the indexes of values seen before, undefined skipped', () => {
    expect(duplicates([])).toEqual([]);
    expect(duplicates(['a', 'b', 'c'])).toEqual([]);
    expect(duplicates([undefined, 'a', undefined, 'a', 'b', 'a', 'b'])).toEqual([3, 5, 6]);
  });

  it('cleanItems: the items whose own path (or key) is clean, others undefined', () => {
    const seen: (string | number)[][] = [];
    const clean = Object.assign((path: (string | number)[]) => (seen.push(path), path[1] !== 1), { shaped: () => true }) as Clean;
    expect(cleanItems(['a', 'b', 'c'], ['list'], clean)).toEqual(['a', undefined, 'c']);
    expect(cleanItems([{ k: 'a' }, { k: 'b' }], ['list'], clean, 'k')).toEqual([{ k: 'a' }, undefined]);
    // Strictly: a path with a trailing undefined would name the same item to toEqual.
    expect(seen).toStrictEqual([['list', 0], ['list', 1], ['list', 2], ['list', 0, 'k'], ['list', 1, 'k']]);
  });
});

describe('beside an unrelated error, each rule still reports (a rule is kept off only by a problem at its own values)', () => {
  const china = (c: Draft) => {
    c.partition = 'aws-cn';
    c.regions = ['cn-north-1'];
    c.state.region = 'cn-north-1';
  };
  const CASES: [string, (c: Draft) => void][] = [
    ['a region of another partition', (c) => (china(c), c.regions.push('eu-west-1'))],
    ['a region listed twice', (c) => (c.regions = ['eu-west-1', 'eu-west-1'])],
    ['a state region of another partition', (c) => (china(c), (c.state.region = 'eu-west-1'))],
    ['a break-glass role of another partition', (c) => (c.backupAccount.breakGlassRoleArns = ['arn:aws-cn:iam::222222222222:role/glass'])],
    ['a state role of another partition', (c) => (c.state.roleArn = 'arn:aws-cn:iam::111111111111:role/state')],
    ['the Backup account as the management account', (c) => (c.backupAccount.accountId = c.organization.managementAccountId)],
    ['the management account as a source account', (c) => (c.sourceAccounts[0].accountId = c.organization.managementAccountId)],
    ['a source account listed twice', (c) => c.sourceAccounts.push({ ...c.sourceAccounts[0], name: 'again' })],
    ['a lock maximum at its minimum', (c) => (c.backupAccount.vaultLock = { mode: 'governance', minRetentionDays: 30, maxRetentionDays: 30 })],
    ['a compliance lock without changeableForDays', (c) => (c.backupAccount.vaultLock = { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 365 })],
    ['a governance lock with changeableForDays', (c) => (c.backupAccount.vaultLock = { mode: 'governance', minRetentionDays: 7, maxRetentionDays: 365, changeableForDays: 3 })],
    ['a policy name used twice', (c) => c.policies.push(policyCopy(c, c.policies[0].name, ['root']))],
    ['a plan name over 50 characters', (c) => (c.policies[0].name = 'p'.repeat(41))],
    ['a completion window not after the start window', (c) => Object.assign(rule0(c), { startWindowMinutes: 120, completionWindowMinutes: 120 })],
    ['cold storage kept under 90 days', (c) => (rule0(c).lifecycle = { moveToColdStorageAfterDays: 10, deleteAfterDays: 99 })],
    ['a copy kept under 90 days of cold storage', (c) => (rule0(c).copyToBackupAccount = { moveToColdStorageAfterDays: 10, deleteAfterDays: 99 })],
    ['a copy kept past the lock maximum', (c) => (rule0(c).copyToBackupAccount = { deleteAfterDays: 4_000 })],
  ];

  test.each(CASES)('%s', (_title, change) => expectSameBesideUnrelatedError(problems, change));
});

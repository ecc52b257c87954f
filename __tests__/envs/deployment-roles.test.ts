/**
 * envs/deployment-roles.ts: the role each stack assumes, written out for every kind of account and
 * override, and the rules on break-glass roles and the management stack's role, each message in full.
 */
import {
  backupAccountDeploymentRoleArn,
  backupAccountDeploymentRoleName,
  defaultDeploymentRoleArn,
  managementDeploymentRoleArn,
  memberDeploymentRoleNames,
  sourceDeploymentRoleArn,
} from '../../envs/deployment-roles';
import { configOf, expectSameBesideUnrelatedError, problemsOf } from '../support/config-draft';

type Draft = any;

/** The example in the aws-us-gov partition, so that every ARN shows the partition it was built with. */
const inGovCloud = (c: Draft) => {
  c.partition = 'aws-us-gov';
  c.regions = ['us-gov-west-1'];
  c.state.region = 'us-gov-west-1';
  c.state.roleArn = 'arn:aws-us-gov:iam::111111111111:role/tf-state';
  c.backupAccount.breakGlassRoleArns = ['arn:aws-us-gov:iam::222222222222:role/backup-break-glass'];
};

describe('the roles each stack assumes', () => {
  test('by default: deploymentRoleName in every account', () => {
    const config = configOf();
    expect(managementDeploymentRoleArn(config)).toBe('arn:aws:iam::111111111111:role/OrganizationAccountAccessRole');
    expect(defaultDeploymentRoleArn(config, '777777777777')).toBe('arn:aws:iam::777777777777:role/OrganizationAccountAccessRole');
    expect(backupAccountDeploymentRoleName(config)).toBe('OrganizationAccountAccessRole');
    expect(backupAccountDeploymentRoleArn(config)).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
    expect(sourceDeploymentRoleArn(config, config.sourceAccounts[1])).toBe('arn:aws:iam::444444444444:role/OrganizationAccountAccessRole');
    expect(memberDeploymentRoleNames(config)).toEqual(['OrganizationAccountAccessRole']);
  });

  test('in another partition, the ARNs name it', () => {
    const config = configOf(inGovCloud);
    expect(managementDeploymentRoleArn(config)).toBe('arn:aws-us-gov:iam::111111111111:role/OrganizationAccountAccessRole');
    expect(defaultDeploymentRoleArn(config, '777777777777')).toBe('arn:aws-us-gov:iam::777777777777:role/OrganizationAccountAccessRole');
    expect(backupAccountDeploymentRoleArn(config)).toBe('arn:aws-us-gov:iam::222222222222:role/OrganizationAccountAccessRole');
    expect(sourceDeploymentRoleArn(config, config.sourceAccounts[0])).toBe('arn:aws-us-gov:iam::333333333333:role/OrganizationAccountAccessRole');
  });

  test('with overrides: each stack its own role, and every member role name once, in order', () => {
    const config = configOf((c) => {
      c.deploymentRoleName = 'Deployer';
      c.management = { deploymentRoleArn: 'arn:aws:iam::111111111111:role/pipeline/ManagementDeployer' };
      c.backupAccount.deploymentRoleName = 'BackupDeployer';
      c.sourceAccounts[1].deploymentRoleName = 'AWSControlTowerExecution';
      c.sourceAccounts[2].deploymentRoleName = 'BackupDeployer';
      c.sourceAccounts[3].deploymentRoleName = 'AWSControlTowerExecution';
    });
    expect(managementDeploymentRoleArn(config)).toBe('arn:aws:iam::111111111111:role/pipeline/ManagementDeployer');
    expect(defaultDeploymentRoleArn(config, '777777777777')).toBe('arn:aws:iam::777777777777:role/Deployer');
    expect(backupAccountDeploymentRoleName(config)).toBe('BackupDeployer');
    expect(backupAccountDeploymentRoleArn(config)).toBe('arn:aws:iam::222222222222:role/BackupDeployer');
    expect(config.sourceAccounts.map((account) => sourceDeploymentRoleArn(config, account))).toEqual([
      'arn:aws:iam::333333333333:role/Deployer',
      'arn:aws:iam::444444444444:role/AWSControlTowerExecution',
      'arn:aws:iam::555555555555:role/BackupDeployer',
      'arn:aws:iam::666666666666:role/AWSControlTowerExecution',
    ]);
    expect(memberDeploymentRoleNames(config)).toEqual(['Deployer', 'BackupDeployer', 'AWSControlTowerExecution']);
  });

  test('a source account override alone adds its name after the default', () => {
    const config = configOf((c) => (c.sourceAccounts[3].deploymentRoleName = 'AWSControlTowerExecution'));
    expect(memberDeploymentRoleNames(config)).toEqual(['OrganizationAccountAccessRole', 'AWSControlTowerExecution']);
  });

  test('management: none is no assumed role', () => {
    expect(managementDeploymentRoleArn(configOf((c) => (c.management = { deploymentRoleArn: 'none' })))).toBeUndefined();
    expect(managementDeploymentRoleArn(configOf((c) => (c.management = {})))).toBe('arn:aws:iam::111111111111:role/OrganizationAccountAccessRole');
  });
});

describe('break-glass roles', () => {
  test('in the Backup account are accepted', () => {
    expect(problemsOf((c) => c.backupAccount.breakGlassRoleArns.push('arn:aws:iam::222222222222:role/second'))).toEqual([]);
  });

  test('in another account', () => {
    expect(problemsOf((c) => c.backupAccount.breakGlassRoleArns.push('arn:aws:iam::333333333333:role/bg'))).toEqual([
      'backupAccount.breakGlassRoleArns[1] = "arn:aws:iam::333333333333:role/bg": the role is in account 333333333333, but break-glass roles must be in the Backup account 222222222222: the central policies exempt them there, and their unique ids are read there at plan time',
    ]);
  });

  test('a malformed entry in another account: its own error only', () => {
    expect(problemsOf((c) => (c.backupAccount.breakGlassRoleArns = ['arn:aws:iam::333333333333:user/bg']))).toEqual([
      'backupAccount.breakGlassRoleArns[0] = "arn:aws:iam::333333333333:user/bg": expected an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)',
    ]);
  });

  test('with the Backup account malformed, not judged against it', () => {
    expect(problemsOf((c) => (c.backupAccount.accountId = '2222'))).toEqual(['backupAccount.accountId = "2222": expected a 12-digit account id as a string']);
  });

  test('not a list', () => {
    expect(problemsOf((c) => (c.backupAccount.breakGlassRoleArns = 5))).toEqual(['backupAccount.breakGlassRoleArns = 5: expected array, got number']);
  });
});

describe("the management stack's role", () => {
  const role = (arn: unknown) => (c: Draft) => (c.management = { deploymentRoleArn: arn });

  test('in the management account, or none, is accepted', () => {
    expect(problemsOf(role('arn:aws:iam::111111111111:role/Deployer'))).toEqual([]);
    expect(problemsOf(role('none'))).toEqual([]);
  });

  test('in another partition (the account is then not judged)', () => {
    expect(problemsOf(role('arn:aws-cn:iam::333333333333:role/Deployer'))).toEqual([
      'management.deploymentRoleArn = "arn:aws-cn:iam::333333333333:role/Deployer": the ARN is in partition aws-cn, but partition is aws: expected arn:aws:iam::...',
    ]);
  });

  test('in another account', () => {
    expect(problemsOf(role('arn:aws:iam::222222222222:role/Deployer'))).toEqual([
      "management.deploymentRoleArn = \"arn:aws:iam::222222222222:role/Deployer\": the role is in account 222222222222, but the management stack deploys into the management account 111111111111: name a role there, or none for the pipeline's own credentials",
    ]);
  });

  test('malformed: its own error only', () => {
    expect(problemsOf(role('Deployer'))).toEqual([
      'management.deploymentRoleArn = "Deployer": expected an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)',
    ]);
  });

  test('with the partition malformed, not judged against it', () => {
    expect(problemsOf((c) => ((c.partition = 'aws-iso'), role('arn:aws:iam::111111111111:role/Deployer')(c)))).toEqual([
      'partition = "aws-iso": expected one of "aws", "aws-us-gov", "aws-cn"',
    ]);
  });

  test('with the management account malformed, not judged against it', () => {
    expect(problemsOf((c) => ((c.organization.managementAccountId = '1111'), role('arn:aws:iam::111111111111:role/Deployer')(c)))).toEqual([
      'organization.managementAccountId = "1111": expected a 12-digit account id as a string',
    ]);
  });
});

describe('beside an unrelated error, each rule still reports (a rule is kept off only by a problem at its own values)', () => {
  const CASES: [string, (c: Draft) => void][] = [
    ['a break-glass role in another account', (c) => c.backupAccount.breakGlassRoleArns.push('arn:aws:iam::333333333333:role/bg')],
    ['a management role in another partition', (c) => (c.management = { deploymentRoleArn: 'arn:aws-cn:iam::111111111111:role/Deployer' })],
    ['a management role in another account', (c) => (c.management = { deploymentRoleArn: 'arn:aws:iam::222222222222:role/Deployer' })],
  ];

  test.each(CASES)('%s', (_title, change) => expectSameBesideUnrelatedError(problemsOf, change));
});

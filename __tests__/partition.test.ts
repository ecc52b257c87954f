import { exampleConfig, synthApp } from './support/synth';

describe('the aws-us-gov partition', () => {
  const config = exampleConfig((c) => {
    c.partition = 'aws-us-gov';
    c.regions = ['us-gov-west-1', 'us-gov-east-1'];
    c.state.region = 'us-gov-west-1';
    c.state.roleArn = 'arn:aws-us-gov:iam::111111111111:role/tf-state';
    c.backupAccount.breakGlassRoleArns = ['arn:aws-us-gov:iam::222222222222:role/backup-break-glass'];
  });
  const out = synthApp(config);
  const text = Object.values(out.stacks).map((s) => JSON.stringify(s)).join('\n');
  // Unescape the policy documents serialized inside string attributes, so their ARNs are seen too.
  const arns = [...text.replace(/\\"/g, '"').matchAll(/arn:[a-z-]+:[a-z0-9-]*:/g)].map((m) => m[0]);

  it('finds ARNs to check', () => {
    expect(arns.length).toBeGreaterThan(50);
  });

  it('uses the aws-us-gov partition in every ARN', () => {
    expect(arns.filter((arn) => !arn.startsWith('arn:aws-us-gov:'))).toEqual([]);
  });

  it('names GovCloud endpoints in the central key policy', () => {
    expect(text).toContain('backup.us-gov-west-1.amazonaws.com');
  });

  it('rejects a commercial region in that partition', () => {
    expect(() => exampleConfig((c) => {
      c.partition = 'aws-us-gov';
      c.state.roleArn = undefined;
      c.backupAccount.breakGlassRoleArns = [];
    })).toThrow('region "ap-southeast-2" is not in partition aws-us-gov');
  });
});

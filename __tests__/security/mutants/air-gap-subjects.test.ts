/**
 * Reading the air-gapped vaults and their RAM shares from an output (security/air-gap-properties.ts),
 * on the output of envs/full.ts and on copies of it changed in one place each, and the scenarios
 * that depend on who the vault is shared with.
 */
import { config as full } from '../../../envs/full';
import { validateConfig } from '../../../envs/load';
import { AIR_GAPPED_SHARE_ACTIONS, airGapSuites, readAirGappedSubjects, withShareGrant } from '../../../security/air-gap-properties';
import { readSecuritySubjects, SubjectError } from '../../../security/subjects';
import type { SynthOutput } from '../../../output/synth-output';
import { synthApp } from '../../support/synth';

const base = synthApp(validateConfig(structuredClone(full), 'envs/full.ts'));
const subjects = readSecuritySubjects(base);
const BACKUP = '222222222222';
const SHARED = ['333333333333', '444444444444', '555555555555', '666666666666'];

type Mutable = { stacks: Record<string, any> };
function variant(change: (backup: Record<string, any>, out: Mutable) => void): SynthOutput {
  const copy = structuredClone(base) as unknown as Mutable;
  change(copy.stacks['backup-account'].resource, copy);
  return copy as unknown as SynthOutput;
}
/** The principal associations of the share in eu-west-1 (both regions' shares, to keep the suites alike). */
function sharedWith(accounts: string[]) {
  return (r: Record<string, any>) => {
    for (const region of ['ap-southeast-2', 'eu-west-1']) {
      for (const name of Object.keys(r.aws_ram_principal_association)) if (name.startsWith(`air_gapped_${region}_`)) delete r.aws_ram_principal_association[name];
      for (const account of accounts) {
        r.aws_ram_principal_association[`air_gapped_${region}_${account}`] = { principal: account, provider: `aws.${region}`, resource_share_arn: `\${aws_ram_resource_share.air_gapped_${region}.arn}` };
      }
    }
  };
}

describe('readAirGappedSubjects', () => {
  it('reads each vault with its account, partition, policy, share and key', () => {
    const [first] = readAirGappedSubjects(base);
    expect(first).toMatchObject({
      region: 'ap-southeast-2',
      vaultArn: `arn:aws:backup:ap-southeast-2:${BACKUP}:backup-vault:org-air-gapped`,
      vaultAddress: 'aws_backup_logically_air_gapped_vault.air_gapped_ap-southeast-2',
      allowExternalPrincipals: false,
    });
    expect(first.sharedWith).toHaveLength(5);
    expect(JSON.stringify(first.vaultPolicy)).toContain('"Effect":"Deny"');
    expect(JSON.stringify(first.keyPolicy)).toContain('"Effect":"Deny"');
  });

  it('reads the partition and the account from the first provider of the Backup account stack', () => {
    const out = variant((_, o) => {
      const [provider] = o.stacks['backup-account'].provider.aws;
      provider.assume_role[0].role_arn = provider.assume_role[0].role_arn.replace('arn:aws:', 'arn:aws-cn:');
      provider.allowed_account_ids = ['123412341234'];
    });
    expect(readAirGappedSubjects(out)[0].vaultArn).toBe('arn:aws-cn:backup:ap-southeast-2:123412341234:backup-vault:org-air-gapped');
  });

  it('reads the partition as aws without a deployment role', () => {
    const out = variant((_, o) => {
      for (const provider of o.stacks['backup-account'].provider.aws) delete provider.assume_role;
    });
    expect(readAirGappedSubjects(out).map((s) => s.vaultArn)).toEqual([
      `arn:aws:backup:ap-southeast-2:${BACKUP}:backup-vault:org-air-gapped`,
      `arn:aws:backup:eu-west-1:${BACKUP}:backup-vault:org-air-gapped`,
    ]);
  });

  it('reads only the principals of the vault\'s own share, and none without a share', () => {
    const other = variant((r) => {
      r.aws_ram_resource_share.other = { name: 'other', provider: 'aws.eu-west-1' };
      r.aws_ram_principal_association.stray = { principal: '888888888888', provider: 'aws.eu-west-1', resource_share_arn: '${aws_ram_resource_share.other.arn}' };
    });
    expect(readAirGappedSubjects(other).map((s) => s.sharedWith.includes('888888888888'))).toEqual([false, false]);
    const unshared = readAirGappedSubjects(variant((r) => void delete r.aws_ram_resource_association['air_gapped_eu-west-1']));
    expect(unshared.map((s) => [s.region, s.sharedWith.length, s.allowExternalPrincipals])).toEqual([
      ['ap-southeast-2', 5, false],
      ['eu-west-1', 0, undefined],
    ]);
  });

  it('reads no key policy for a vault without a customer-managed key', () => {
    const subjects = readAirGappedSubjects(variant((r) => void delete r.aws_backup_logically_air_gapped_vault['air_gapped_eu-west-1'].encryption_key_arn));
    expect(subjects.map((s) => 'keyPolicy' in s)).toEqual([true, false]);
  });

  it('refuses a vault without a region or without a vault policy', () => {
    expect(() => readAirGappedSubjects(variant((r) => void (r.aws_backup_logically_air_gapped_vault['air_gapped_eu-west-1'].provider = 'aws.nowhere')))).toThrow(
      new SubjectError('backup-account aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1: no provider region'),
    );
    expect(() => readAirGappedSubjects(variant((r) => void delete r.aws_backup_vault_policy['air_gapped_eu-west-1']))).toThrow(
      new SubjectError('backup-account aws_backup_logically_air_gapped_vault.air_gapped_eu-west-1: no aws_backup_vault_policy for it'),
    );
  });

  it('is empty for an output without a Backup account stack', () => {
    expect(readAirGappedSubjects(variant((_, o) => void delete o.stacks['backup-account']))).toEqual([]);
  });
});

describe('withShareGrant', () => {
  const [vault] = readAirGappedSubjects(base);

  it('adds one Allow of the share actions to the shared accounts, after the vault policy', () => {
    const policy = withShareGrant({ ...vault, sharedWith: ['333333333333', '444444444444'] }, 'aws-cn');
    expect(policy.Version).toBe(vault.vaultPolicy.Version);
    expect(policy.Statement.slice(0, -1)).toEqual(vault.vaultPolicy.Statement);
    expect(policy.Statement.at(-1)).toEqual({
      Sid: 'RamShareGrant',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws-cn:iam::333333333333:root', 'arn:aws-cn:iam::444444444444:root'] },
      Action: AIR_GAPPED_SHARE_ACTIONS,
      Resource: '*',
    });
  });

  it('is the vault policy itself for a vault shared with nobody', () => {
    expect(withShareGrant({ ...vault, sharedWith: [] }, 'aws')).toBe(vault.vaultPolicy);
  });
});

describe('the air-gapped scenarios, by who the vault is shared with', () => {
  const names = (out: SynthOutput, s = readSecuritySubjects(out)) => airGapSuites(out, s)[1].scenarios.map((x) => `${x.expectation}: ${x.name} as ${x.request.caller.arn}`);
  const all = names(base);

  it('refuse a vault not shared with the first source account', () => {
    expect(() => airGapSuites(variant(sharedWith(SHARED.slice(1))), subjects)).toThrow(new SubjectError('the air-gapped vault in ap-southeast-2 is not shared with source-workloads-prod'));
  });

  it('have no recovery-account scenarios when the vault is shared with the first source account only', () => {
    const only = names(variant(sharedWith(['333333333333'])));
    expect(all.filter((line) => !only.includes(line)).map((line) => line.replace(/ as .*/, ''))).toEqual([
      'can: the recovery account restores a recovery point of the air-gapped vault',
      'cannot: the recovery account deletes a recovery point',
    ]);
    expect(only.filter((line) => !all.includes(line))).toEqual([]);
  });

  it('take the recovery account as the first shared account after the source account', () => {
    expect(all).toContain('can: the recovery account restores a recovery point of the air-gapped vault as arn:aws:iam::444444444444:role/Admin');
    expect(names(variant(sharedWith(['555555555555', '333333333333'])))).toContain(
      'can: the recovery account restores a recovery point of the air-gapped vault as arn:aws:iam::555555555555:role/Admin',
    );
  });

  it('attack from a member account the vault is not shared with, and not the Backup account', () => {
    const unshared = (lines: string[]) => lines.filter((line) => line.startsWith('cannot: a member account the vault is not shared with'));
    expect(unshared(all)).toEqual(['cannot: a member account the vault is not shared with restores from it as arn:aws:iam::123456789012:role/Admin']);
    expect(unshared(names(variant(sharedWith(['333333333333', '123456789012']))))).toEqual([
      'cannot: a member account the vault is not shared with restores from it as arn:aws:iam::210987654321:role/Admin',
    ]);
    const backupIs123 = { ...subjects, backupAccount: { ...subjects.backupAccount, accountId: '123456789012' } };
    expect(unshared(names(base, backupIs123))).toEqual(['cannot: a member account the vault is not shared with restores from it as arn:aws:iam::210987654321:role/Admin']);
    expect(unshared(names(variant(sharedWith(['333333333333', '123456789012', '210987654321']))))).toEqual([]);
  });

  it('have key scenarios only for a vault with a customer-managed key, break-glass ones only with a break-glass role', () => {
    const keyless = names(variant((r) => void delete r.aws_backup_logically_air_gapped_vault['air_gapped_eu-west-1'].encryption_key_arn));
    expect(all.filter((line) => !keyless.includes(line)).map((line) => line.replace(/ as .*/, ''))).toEqual([
      'cannot: a source admin schedules deletion of the air-gapped key',
      'cannot: a Backup-account admin schedules deletion of the air-gapped key',
      'cannot: a Backup-account admin disables the air-gapped key',
      'can: the deployment role updates the air-gapped key policy',
      'can: the break-glass role disables the air-gapped key',
    ]);
    const noBreakGlass = names(base, { ...subjects, breakGlassRoleArn: undefined });
    expect(all.filter((line) => !noBreakGlass.includes(line)).map((line) => line.replace(/ as .*/, ''))).toEqual([
      'can: the break-glass role may ask to delete a recovery point (the compliance lock still refuses it before minRetentionDays)',
      'can: the break-glass role disables the air-gapped key',
    ]);
  });
});

describe('readAirGappedSubjects on outputs the app does not write', () => {
  const first = (entries: Record<string, unknown>, rest: Record<string, unknown>) => ({ ...entries, ...rest });

  it('skips vault policies, resource associations and principal associations that name no resource of the stack', () => {
    const subjects = readAirGappedSubjects(
      variant((r) => {
        r.aws_backup_vault_policy = first({ aaa: { backup_vault_name: 'org-air-gapped', policy: '{}', provider: 'aws.eu-west-1' } }, r.aws_backup_vault_policy);
        r.aws_ram_resource_association = first({ aaa: { resource_arn: 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped', resource_share_arn: 'x' } }, r.aws_ram_resource_association);
        r.aws_ram_principal_association = first({ aaa: { principal: '888888888888', resource_share_arn: 'arn:aws:ram:eu-west-1:222222222222:resource-share/x' } }, r.aws_ram_principal_association);
      }),
    );
    expect(subjects.map((s) => [s.region, s.sharedWith.length, s.sharedWith.includes('888888888888')])).toEqual([
      ['ap-southeast-2', 5, false],
      ['eu-west-1', 5, false],
    ]);
  });

  it('is empty for a Backup account stack without providers or with none listed, when it has no air-gapped vault', () => {
    const noVaults = (providers: (stack: Record<string, any>) => void) =>
      variant((r, o) => {
        delete r.aws_backup_logically_air_gapped_vault;
        providers(o.stacks['backup-account']);
      });
    expect(readAirGappedSubjects(noVaults((stack) => void delete stack.provider))).toEqual([]);
    expect(readAirGappedSubjects(noVaults((stack) => void (stack.provider = {})))).toEqual([]);
    expect(readAirGappedSubjects(noVaults((stack) => void (stack.provider.aws = [])))).toEqual([]);
  });

  it('builds the ARN with no account when the providers name none', () => {
    const subjects = readAirGappedSubjects(
      variant((r, o) => {
        for (const provider of o.stacks['backup-account'].provider.aws) delete provider.allowed_account_ids;
        for (const region of ['ap-southeast-2', 'eu-west-1']) {
          r.aws_backup_vault_policy[`air_gapped_${region}`].policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
          delete r.aws_backup_logically_air_gapped_vault[`air_gapped_${region}`].encryption_key_arn;
        }
      }),
    );
    expect(subjects.map((s) => s.vaultArn)).toEqual(['arn:aws:backup:ap-southeast-2::backup-vault:org-air-gapped', 'arn:aws:backup:eu-west-1::backup-vault:org-air-gapped']);
  });
});

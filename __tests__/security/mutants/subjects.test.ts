/**
 * Reading the proofs' subjects from a synthesized output (security/subjects.ts), on the example's
 * output and on copies of it changed in one place each: where each fact is read from, in which
 * order, and the one-line error for each thing an output can lack.
 */
import { modelledRoleId } from '../../../security/requests';
import { localVaultSubject, readSecuritySubjects, SubjectError, synthesizedPolicy, withModelledRoleIds } from '../../../security/subjects';
import { SynthesizedApp } from '../../../checks/model';
import type { StackJson, SynthOutput } from '../../../output/synth-output';
import { exampleConfig, synthApp } from '../../support/synth';

const base = synthApp(exampleConfig((c) => void (c.protectBackupsScp = true)));
const ORG = 'o-a1b2c3d4e5';
const BACKUP = '222222222222';
const REGIONS = ['ap-southeast-2', 'eu-west-1'];
const BREAK_GLASS = `arn:aws:iam::${BACKUP}:role/backup-break-glass`;
const DEPLOYMENT = `arn:aws:iam::${BACKUP}:role/OrganizationAccountAccessRole`;

type Mutable = { manifest: { stacks: Record<string, { dependencies: string[] }> }; stacks: Record<string, any> };
/** A copy of the example's output with one change. */
function variant(change: (out: Mutable) => void): SynthOutput {
  const copy = structuredClone(base) as unknown as Mutable;
  change(copy);
  return copy as unknown as SynthOutput;
}
const read = (change: (out: Mutable) => void) => readSecuritySubjects(variant(change));
const fails = (change: (out: Mutable) => void, message: string) => expect(() => read(change)).toThrow(new SubjectError(message));

const document = (Statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement });
const copyIn = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'backup:CopyIntoBackupVault', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } };
/** The central vault policies replaced by the copy-in Allow and `statements`, the central key policies by `statements`. */
function centralPolicies(out: Mutable, statements: unknown[], key: unknown = statements): void {
  const backup = out.stacks['backup-account'].resource;
  for (const region of REGIONS) {
    backup.aws_backup_vault_policy[`central_${region}`].policy = document([copyIn, ...statements]);
    backup.aws_kms_key[`central_${region}`].policy = document(key);
  }
}

describe('the subjects of the example', () => {
  const subjects = readSecuritySubjects(base);

  it('are read from the output', () => {
    expect(subjects).toMatchObject({
      partition: 'aws',
      organizationId: ORG,
      rootId: 'r-a1b2',
      memberOrgPath: `${ORG}/r-a1b2/ou-a1b2-c3d4e5f6/`,
      regions: REGIONS,
      breakGlassRoleArn: BREAK_GLASS,
      backupAccount: { stack: 'backup-account', name: 'backup-account', accountId: BACKUP, deploymentRoleArn: DEPLOYMENT, backupRoleName: 'OrgBackupServiceRole' },
    });
    // In the management stack's deploy order.
    expect(subjects.sources.map((s) => [s.stack, s.name, s.backupRoleName])).toEqual(
      ['workloads-prod', 'workloads-staging', 'data-prod', 'shared-services'].map((name) => [`source-${name}`, name, 'OrgBackupServiceRole']),
    );
    expect(subjects.scps.map(({ address, name, targets }) => ({ address, name, targets }))).toEqual([
      { address: 'aws_organizations_policy.protect_backups', name: 'org-backup-protect-backups', targets: ['r-a1b2'] },
    ]);
  });

  it('give each vault its ARN, policy address, key and aliases, and the policies with the modelled role ids', () => {
    const central = subjects.backupAccount.vaults['eu-west-1'];
    expect(Object.keys(subjects.backupAccount.vaults)).toEqual(REGIONS);
    expect(central).toMatchObject({
      region: 'eu-west-1',
      vaultName: 'org-central-backup',
      vaultArn: `arn:aws:backup:eu-west-1:${BACKUP}:backup-vault:org-central-backup`,
      vaultPolicyAddress: 'aws_backup_vault_policy.central_eu-west-1',
      keyAddress: 'aws_kms_key.central_eu-west-1',
      keyAliases: ['alias/org-central-backup'],
    });
    const exemptIds = JSON.stringify(central.vaultPolicy.Statement.find((s) => (s as { Sid: string }).Sid === 'DenyVaultProtectionChangesByRoleId'));
    expect(exemptIds).toContain(`"aws:userid":["${modelledRoleId(BACKUP, 'backup-break-glass')}:*","${modelledRoleId(BACKUP, 'OrganizationAccountAccessRole')}:*"]`);
  });
});

describe('where each fact comes from', () => {
  it('the partition: the Backup account stack\'s deployment role', () => {
    const subjects = read((out) => {
      for (const p of out.stacks['backup-account'].provider.aws) p.assume_role[0].role_arn = p.assume_role[0].role_arn.replace('arn:aws:', 'arn:aws-us-gov:');
    });
    expect(subjects.partition).toBe('aws-us-gov');
    expect(subjects.backupAccount.vaults['eu-west-1'].vaultArn).toBe(`arn:aws-us-gov:backup:eu-west-1:${BACKUP}:backup-vault:org-central-backup`);
    expect(subjects.sources[0].vaults['eu-west-1'].vaultArn).toBe('arn:aws-us-gov:backup:eu-west-1:333333333333:backup-vault:org-local-backup');
  });

  it('the organization: the first aws:PrincipalOrgID, under any operator and in any case, skipping empty values', () => {
    const subjects = read((out) =>
      centralPolicies(out, [
        { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': null } } },
        { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'AWS:PRINCIPALORGID': ['o-first12345'] } } },
      ]),
    );
    // The vault policy's copy-in Allow comes first.
    expect(subjects.organizationId).toBe(ORG);
    const fromKey = read((out) =>
      centralPolicies(out, [], [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'AWS:PRINCIPALORGID': ['o-first12345'] } } }]),
    );
    expect(fromKey.organizationId).toBe(ORG);
  });

  it('the root: the central policy\'s organization path, else a policy attachment to a root', () => {
    const path = (value: string) => ({ Effect: 'Deny', Principal: '*', Action: 'backup:CopyFromBackupVault', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'backup:CopyTargetOrgPaths': [value] } } });
    expect(read((out) => centralPolicies(out, [path(`${ORG}/r-zz99/*`)])).rootId).toBe('r-zz99');
    expect(read((out) => centralPolicies(out, [path(`${ORG}/ou-zz99-abcdefgh/*`), path(`${ORG}`), path(`${ORG}/r-ZZ/*`)])).rootId).toBe('r-a1b2');
    expect(read((out) => centralPolicies(out, [])).rootId).toBe('r-a1b2');
    fails(
      (out) => {
        centralPolicies(out, []);
        out.stacks.management.resource.aws_organizations_policy_attachment = {
          a: { policy_id: 'x', target_id: 'r-a1b2x!' },
          b: { policy_id: 'x', target_id: 'xr-a1b2' },
        };
      },
      'the output has no the organization root in the central vault policy (backup:CopyTargetOrgPaths) or a policy attachment',
    );
  });

  it('the member path: under the first OU a policy is attached to, else the root', () => {
    const attachments = (targets: string[]) => (out: Mutable) => {
      out.stacks.management.resource.aws_organizations_policy_attachment = Object.fromEntries(targets.map((t, i) => [`a${i}`, { policy_id: 'x', target_id: t }]));
    };
    expect(read(attachments(['r-a1b2', '333333333333'])).memberOrgPath).toBe(`${ORG}/r-a1b2/`);
    expect(read(attachments(['ou-a1b2-zzzz', 'ou-a1b2-c3d4e5f6'])).memberOrgPath).toBe(`${ORG}/r-a1b2/ou-a1b2-zzzz/`);
    expect(read(attachments(['ou-a1b2', 'xou-a1b2-c3d4', 'ou-a1b2-c3d4!', 'ou-a1b2-c3d4e5f6'])).memberOrgPath).toBe(`${ORG}/r-a1b2/ou-a1b2-c3d4e5f6/`);
    // Without a management stack: no attachments, no SCPs.
    const alone = read((out) => {
      delete out.stacks.management;
    });
    expect([alone.memberOrgPath, alone.scps]).toEqual([`${ORG}/r-a1b2/`, []]);
  });

  it('the source accounts: in the management stack\'s order, then any others by name', () => {
    const order = (dependencies: string[]) => read((out) => void (out.manifest.stacks.management.dependencies = dependencies)).sources.map((s) => s.stack);
    expect(order(['source-shared-services', 'backup-account', 'source-unknown'])).toEqual(['source-shared-services', 'source-data-prod', 'source-workloads-prod', 'source-workloads-staging']);
    expect(order([])).toEqual(['source-data-prod', 'source-shared-services', 'source-workloads-prod', 'source-workloads-staging']);
    expect(
      read((out) => {
        delete out.manifest.stacks.management;
      }).sources.map((s) => s.stack),
    ).toEqual(['source-data-prod', 'source-shared-services', 'source-workloads-prod', 'source-workloads-staging']);
  });

  it('the break-glass role: the first principal a Deny exempts by ArnNotLike or ArnNotEquals on aws:PrincipalArn, not the deployment role, not a pattern', () => {
    const deny = (condition: Record<string, unknown>, effect = 'Deny') => ({ Effect: effect, Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*', Condition: condition });
    const role = (name: string) => `arn:aws:iam::${BACKUP}:role/${name}`;
    const breakGlass = (statements: unknown[]) => read((out) => centralPolicies(out, statements)).breakGlassRoleArn;
    expect(
      breakGlass([
        deny({ ArnNotLike: { 'aws:PrincipalArn': [role('allowed')] } }, 'Allow'),
        deny({ StringNotLike: { 'aws:PrincipalArn': [role('string-operator')] } }),
        deny({ ArnLike: { 'aws:PrincipalArn': [role('like')] } }),
        deny({ ArnNotLike: { 'aws:SourceArn': [role('source-arn')] } }),
        deny({ ArnNotLike: { 'aws:PrincipalArn': [DEPLOYMENT, role('wild*'), role('one?')] } }),
        deny({ ArnNotEquals: { 'AWS:PrincipalARN': [role('exempt')] } }),
        deny({ ArnNotLike: { 'aws:PrincipalArn': role('second') } }),
      ]),
    ).toBe(role('exempt'));
    expect(breakGlass([deny({ ArnNotLike: { 'aws:PrincipalArn': [role('first')] } }), deny({ ArnNotEquals: { 'aws:PrincipalArn': role('second') } })])).toBe(role('first'));
    expect(breakGlass([deny({ ArnNotLike: { 'aws:PrincipalArn': DEPLOYMENT } })])).toBeUndefined();
    expect(breakGlass([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }])).toBeUndefined();
  });

  it('a policy whose Statement is one object, or absent', () => {
    const single = read((out) => {
      const backup = out.stacks['backup-account'].resource;
      for (const region of REGIONS) {
        backup.aws_backup_vault_policy[`central_${region}`].policy = document([copyIn]);
        backup.aws_kms_key[`central_${region}`].policy = JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } } },
        });
      }
    });
    expect(single.breakGlassRoleArn).toBe(BREAK_GLASS);
    const none = read((out) => {
      const backup = out.stacks['backup-account'].resource;
      for (const region of REGIONS) backup.aws_kms_key[`central_${region}`].policy = JSON.stringify({ Version: '2012-10-17' });
    });
    expect(none.breakGlassRoleArn).toBe(BREAK_GLASS);
  });

  it('the AWS Backup role: the one role trusting backup.amazonaws.com, or the one at aws_iam_role.backup', () => {
    const trust = (service: unknown, effect = 'Allow') => document([{ Effect: effect, Principal: { Service: service }, Action: 'sts:AssumeRole' }]);
    const source = (change: (resource: Record<string, any>) => void) => read((out) => change(out.stacks['source-workloads-prod'].resource)).sources[0].backupRoleName;
    expect(source((r) => void (r.aws_iam_role.other = { name: 'Other', assume_role_policy: trust('ec2.amazonaws.com') }))).toBe('OrgBackupServiceRole');
    expect(source((r) => void (r.aws_iam_role.other = { name: 'Other', assume_role_policy: trust(['ec2.amazonaws.com', 'backup.amazonaws.com']) }))).toBe('OrgBackupServiceRole');
    expect(source((r) => void (r.aws_iam_role.other = { name: 'Other', assume_role_policy: trust('backup.amazonaws.com', 'Deny') }))).toBe('OrgBackupServiceRole');
    expect(
      source((r) => {
        r.aws_iam_role = { renamed: { ...r.aws_iam_role.backup, name: 'Renamed', assume_role_policy: trust('backup.amazonaws.com') } };
      }),
    ).toBe('Renamed');
    const message = (found: number) => `stack source-workloads-prod: expected one role trusting backup.amazonaws.com (or one at aws_iam_role.backup), found ${found}`;
    fails((out) => {
      const r = out.stacks['source-workloads-prod'].resource;
      r.aws_iam_role = { one: { name: 'One', assume_role_policy: trust('backup.amazonaws.com') }, two: { name: 'Two', assume_role_policy: trust(['backup.amazonaws.com']) } };
    }, message(2));
    fails((out) => {
      const r = out.stacks['source-workloads-prod'].resource;
      r.aws_iam_role = { backup: { name: 'B', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) } };
    }, message(0));
    fails((out) => {
      const r = out.stacks['source-workloads-prod'].resource;
      r.aws_iam_role = { backup: { name: 'B', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }) } };
    }, message(0));
  });

  it('the SCPs: the management stack\'s service control policies with their targets', () => {
    const subjects = read((out) => {
      const r = out.stacks.management.resource;
      r.aws_organizations_policy.second = { ...r.aws_organizations_policy.protect_backups, name: 'second' };
      r.aws_organizations_policy_attachment.second = { policy_id: '${aws_organizations_policy.second.id}', target_id: 'ou-a1b2-c3d4e5f6' };
      r.aws_organizations_policy_attachment.second_root = { policy_id: '${aws_organizations_policy.second.id}', target_id: 'r-a1b2' };
    });
    expect(subjects.scps.map(({ address, name, targets }) => ({ address, name, targets }))).toEqual([
      { address: 'aws_organizations_policy.protect_backups', name: 'org-backup-protect-backups', targets: ['r-a1b2'] },
      { address: 'aws_organizations_policy.second', name: 'second', targets: ['ou-a1b2-c3d4e5f6', 'r-a1b2'] },
    ]);
    expect(subjects.scps[0].policy).toEqual(subjects.scps[1].policy);
    expect(JSON.stringify(subjects.scps[0].policy)).toContain('"Sid":"ProtectBackupVaults"');
  });
});

describe('what an output can lack', () => {
  it('the Backup account stack, its vaults, an organization id, a source account', () => {
    fails((out) => void delete out.stacks['backup-account'], 'the output has no stack backup-account');
    fails((out) => void (out.stacks['backup-account'].resource.aws_backup_vault = {}), 'stack backup-account has no backup vault');
    fails(
      (out) => {
        for (const name of Object.keys(out.stacks)) if (name.startsWith('source-')) delete out.stacks[name];
      },
      'the output has no source-account stack',
    );
    fails((out) => {
      const backup = out.stacks['backup-account'].resource;
      for (const region of REGIONS) {
        backup.aws_backup_vault_policy[`central_${region}`].policy = document([{ ...copyIn, Condition: { StringLike: { 'aws:PrincipalOrgPaths': [`${ORG}/*`] } } }]);
        backup.aws_kms_key[`central_${region}`].policy = document([]);
      }
    }, 'the output has no an aws:PrincipalOrgID condition in the central vault or key policies');
  });

  it("a stack's account, its deployment role", () => {
    fails((out) => {
      for (const p of out.stacks['source-data-prod'].provider.aws) delete p.allowed_account_ids;
    }, 'the output has no allowed_account_ids on the providers of stack source-data-prod');
    fails((out) => {
      for (const p of out.stacks['source-data-prod'].provider.aws) delete p.assume_role;
    }, 'the output has no an assume_role on the providers of stack source-data-prod');
    fails((out) => {
      for (const p of out.stacks['source-data-prod'].provider.aws) p.assume_role = [{ session_name: 'x' }];
    }, 'the output has no an assume_role on the providers of stack source-data-prod');
    fails((out) => void delete out.stacks['source-data-prod'].provider, 'the output has no allowed_account_ids on the providers of stack source-data-prod');
  });

  it("a vault's region, its only vault in a region, its policy, its key", () => {
    const stack = 'source-data-prod';
    const resource = (out: Mutable) => out.stacks[stack].resource;
    fails((out) => void (resource(out).aws_backup_vault['local_eu-west-1'].provider = 'aws.nowhere'), `${stack} aws_backup_vault.local_eu-west-1: no provider region`);
    fails(
      (out) => void (resource(out).aws_backup_vault.second = { ...resource(out).aws_backup_vault['local_eu-west-1'] }),
      `${stack} has more than one backup vault in eu-west-1`,
    );
    fails((out) => void delete resource(out).aws_backup_vault_policy['local_eu-west-1'], `${stack} aws_backup_vault.local_eu-west-1: no aws_backup_vault_policy for it`);
    fails(
      (out) => void (resource(out).aws_backup_vault['local_eu-west-1'].kms_key_arn = '${aws_kms_alias.backup_eu-west-1.arn}'),
      `${stack} aws_backup_vault.local_eu-west-1: kms_key_arn does not reference a key of the stack`,
    );
    fails(
      (out) => void (resource(out).aws_backup_vault['local_eu-west-1'].kms_key_arn = 'arn:aws:kms:eu-west-1:333333333333:key/x'),
      `${stack} aws_backup_vault.local_eu-west-1: kms_key_arn does not reference a key of the stack`,
    );
  });

  it('a vault policy found by the vault\'s name in its region when it does not reference the vault', () => {
    const stack = 'source-data-prod';
    const byName = read((out) => void (out.stacks[stack].resource.aws_backup_vault_policy['local_eu-west-1'].backup_vault_name = 'org-local-backup'));
    expect(byName.sources.find((s) => s.stack === stack)?.vaults['eu-west-1'].vaultPolicyAddress).toBe('aws_backup_vault_policy.local_eu-west-1');
    fails((out) => {
      const policy = out.stacks[stack].resource.aws_backup_vault_policy['local_eu-west-1'];
      policy.backup_vault_name = 'org-local-backup';
      policy.provider = 'aws.ap-southeast-2';
      delete out.stacks[stack].resource.aws_backup_vault_policy['local_ap-southeast-2'];
    }, `${stack} aws_backup_vault.local_eu-west-1: no aws_backup_vault_policy for it`);
    fails((out) => {
      out.stacks[stack].resource.aws_backup_vault_policy['local_eu-west-1'].backup_vault_name = 'another-vault';
    }, `${stack} aws_backup_vault.local_eu-west-1: no aws_backup_vault_policy for it`);
  });

  it('only the aliases of the vault\'s own key', () => {
    const stack = 'source-data-prod';
    const subjects = read((out) => {
      const r = out.stacks[stack].resource;
      r.aws_kms_alias.other = { name: 'alias/other', target_key_id: '${aws_kms_key.backup_ap-southeast-2.key_id}', provider: 'aws.eu-west-1' };
      r.aws_kms_alias.second = { ...r.aws_kms_alias['backup_eu-west-1'], name: 'alias/second' };
    });
    expect(subjects.sources.find((s) => s.stack === stack)?.vaults['eu-west-1'].keyAliases).toEqual(['alias/org-backup', 'alias/second']);
  });

  it('a policy document: a string, readable, without a Terraform reference', () => {
    const scp = (content: unknown) => (out: Mutable) => void (out.stacks.management.resource.aws_organizations_policy.protect_backups.content = content);
    fails(scp(42), 'management aws_organizations_policy.protect_backups.content is not a policy document');
    expect(() => read(scp('{"Version": '))).toThrow(/^management aws_organizations_policy\.protect_backups\.content is not readable JSON: ./);
    fails(scp(document([{ Effect: 'Deny', Action: '*', Resource: '${aws_kms_key.x.arn}' }])), 'management aws_organizations_policy.protect_backups.content holds a Terraform reference; it cannot be evaluated as written');
  });
});

describe('the policies as the proofs read them', () => {
  const stack = base.stacks['backup-account'];
  const app = new SynthesizedApp(base.stacks);
  const policy = app.inStack('backup-account', 'aws_backup_vault_policy').find((p) => p.address === 'aws_backup_vault_policy.central_eu-west-1')!;

  it("replace the role ids the stack's data sources read by the modelled ones, given the output", () => {
    expect(synthesizedPolicy(policy, 'policy', base).Statement).toHaveLength(7);
    expect(() => synthesizedPolicy(policy, 'policy')).toThrow(
      new SubjectError('backup-account aws_backup_vault_policy.central_eu-west-1.policy holds a Terraform reference; it cannot be evaluated as written'),
    );
  });

  it('leave a reference to a data source the stack lacks, one without a name, or without an account', () => {
    const text = '${data.aws_iam_role.deployment.unique_id}:* ${data.aws_iam_role.break_glass_backup-break-glass.unique_id} ${data.aws_iam_role.none.unique_id} ${data.aws_iam_role.deployment.arn}';
    expect(withModelledRoleIds(text, stack, BACKUP)).toBe(
      `${modelledRoleId(BACKUP, 'OrganizationAccountAccessRole')}:* ${modelledRoleId(BACKUP, 'backup-break-glass')} \${data.aws_iam_role.none.unique_id} \${data.aws_iam_role.deployment.arn}`,
    );
    expect(withModelledRoleIds(text, stack, undefined)).toBe(text);
    expect(withModelledRoleIds(text, undefined, BACKUP)).toBe(text);
    const unnamed: StackJson = { data: { aws_iam_role: { deployment: { name: 7 } } } };
    expect(withModelledRoleIds('${data.aws_iam_role.deployment.unique_id}', unnamed, BACKUP)).toBe('${data.aws_iam_role.deployment.unique_id}');
  });
});

describe('the local vaults of the management and Backup accounts', () => {
  it('are the vaults not open to the organization, with the account\'s backup role', () => {
    const local = localVaultSubject(base, 'backup-account');
    expect(Object.values(local.vaults).map((v) => [v.region, v.vaultName, v.vaultPolicyAddress])).toEqual(REGIONS.map((r) => [r, 'org-local-backup', `aws_backup_vault_policy.local_${r}`]));
    expect([local.accountId, local.backupRoleName, local.deploymentRoleArn]).toEqual([BACKUP, 'OrgBackupServiceRole', DEPLOYMENT]);
  });

  it('are an error where there is none, and read the partition from the Backup account', () => {
    const noLocal = variant((out) => {
      const r = out.stacks['backup-account'].resource.aws_backup_vault;
      for (const region of REGIONS) delete r[`local_${region}`];
    });
    expect(() => localVaultSubject(noLocal, 'backup-account')).toThrow(new SubjectError('stack backup-account has no local backup vault'));
    expect(() => localVaultSubject(base, 'nowhere')).toThrow(new SubjectError('the output has no stack nowhere'));
    const gov = variant((out) => {
      for (const p of out.stacks['backup-account'].provider.aws) p.assume_role[0].role_arn = p.assume_role[0].role_arn.replace('arn:aws:', 'arn:aws-cn:');
    });
    expect(localVaultSubject(gov, 'management').vaults['eu-west-1'].vaultArn).toBe('arn:aws-cn:backup:eu-west-1:111111111111:backup-vault:org-local-backup');
  });
});

describe('edges the example does not reach', () => {
  it('sorts the regions whatever order the vaults are written in', () => {
    const subjects = read((out) => {
      const vaults = out.stacks['backup-account'].resource.aws_backup_vault;
      out.stacks['backup-account'].resource.aws_backup_vault = Object.fromEntries(Object.entries(vaults).reverse());
    });
    expect(subjects.regions).toEqual(REGIONS);
  });

  it('reads a management stack without resources as one without attachments or SCPs', () => {
    const subjects = read((out) => void delete out.stacks.management.resource);
    expect([subjects.rootId, subjects.memberOrgPath, subjects.scps]).toEqual(['r-a1b2', `${ORG}/r-a1b2/`, []]);
  });

  it('skips an empty organization id before the one that is there', () => {
    const subjects = read((out) => {
      const backup = out.stacks['backup-account'].resource;
      const byPaths = { ...copyIn, Condition: { StringLike: { 'aws:PrincipalOrgPaths': [`${ORG}/*`] } } };
      const empty = { Effect: 'Deny', Principal: '*', Action: 'backup:DeleteBackupVault', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': null } } };
      const given = { ...empty, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-second1234' } } };
      for (const region of REGIONS) backup.aws_backup_vault_policy[`central_${region}`].policy = document([byPaths, empty, given]);
    });
    expect(subjects.organizationId).toBe('o-second1234');
  });

  it('counts only an Allow of AWS Backup as trusting it', () => {
    const trust = (effect: string) => document([{ Effect: effect, Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const subjects = read((out) => {
      const r = out.stacks['source-workloads-prod'].resource;
      r.aws_iam_role = { renamed: { name: 'Renamed', assume_role_policy: trust('Allow') }, denied: { name: 'Denied', assume_role_policy: trust('Deny') } };
    });
    expect(subjects.sources[0].backupRoleName).toBe('Renamed');
  });

  it('refuses a vault policy that is not a string', () => {
    fails(
      (out) => void (out.stacks['source-data-prod'].resource.aws_backup_vault_policy['local_eu-west-1'].policy = 42),
      'source-data-prod aws_backup_vault_policy.local_eu-west-1.policy is not a policy document',
    );
  });

  it('reads the partition of a local vault as aws when the Backup account names no deployment role', () => {
    const out = variant((o) => {
      for (const p of o.stacks['backup-account'].provider.aws) delete p.assume_role;
    });
    expect(localVaultSubject(out, 'management').vaults['eu-west-1'].vaultArn).toBe('arn:aws:backup:eu-west-1:111111111111:backup-vault:org-local-backup');
  });
});

describe('edges found by the second measurement', () => {
  it('sorts the source stacks the management stack does not list, whatever their order in the output', () => {
    const out = variant((o) => {
      o.manifest.stacks.management.dependencies = [];
      o.stacks = Object.fromEntries(Object.entries(o.stacks).reverse());
    });
    expect(readSecuritySubjects(out).sources.map((s) => s.stack)).toEqual(['source-data-prod', 'source-shared-services', 'source-workloads-prod', 'source-workloads-staging']);
  });

  it('skips an alias whose target is not a reference', () => {
    const subjects = read((out) => {
      const r = out.stacks['source-data-prod'].resource;
      r.aws_kms_alias = { aaa: { name: 'alias/literal', target_key_id: 'k1', provider: 'aws.eu-west-1' }, ...r.aws_kms_alias };
    });
    expect(subjects.sources.find((s) => s.stack === 'source-data-prod')?.vaults['eu-west-1'].keyAliases).toEqual(['alias/org-backup']);
  });

  it('takes a role as trusting AWS Backup when any one of its statements does', () => {
    const subjects = read((out) => {
      const r = out.stacks['source-workloads-prod'].resource;
      r.aws_iam_role = {
        renamed: { name: 'Renamed', assume_role_policy: document([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }]) },
      };
    });
    expect(subjects.sources[0].backupRoleName).toBe('Renamed');
  });
});

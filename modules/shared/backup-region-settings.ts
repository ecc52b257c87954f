import { BackupRegionSettings as RegionSettingsResource } from '@cdktf/provider-aws/lib/backup-region-settings';
import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from './address';
import { BACKUP_RESOURCE_TYPES, FULLY_MANAGED_RESOURCE_TYPES, resourceTypeOptIn } from './backup-resource-types';

export interface BackupRegionSettingsProps {
  /** Opt-in preferences that differ from the default (every type opted in). @default {} */
  readonly resourceTypeOptIn?: Readonly<Record<string, boolean | undefined>>;
  /** Logical id, e.g. `eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * AWS Backup's settings of one account and region: which resource types a tag-based backup policy
 * backs up there (service opt-in), and full AWS Backup management of DynamoDB and EFS. Written out
 * in full: the provider requires the opt-in map and reads every type back from AWS, so a map that
 * left a type out would leave it to whatever the account happened to have, and show as a change.
 */
export class BackupRegionSettings extends Construct {
  readonly settings: RegionSettingsResource;

  constructor(scope: Construct, id: string, props: BackupRegionSettingsProps) {
    super(scope, id);
    const overrides = props.resourceTypeOptIn ?? {};
    if (!Token.isUnresolved(overrides)) {
      const unknown = Object.keys(overrides).filter((type) => !(BACKUP_RESOURCE_TYPES as readonly string[]).includes(type));
      if (unknown.length > 0) {
        throw new Error(`BackupRegionSettings ${props.address}: unknown resource types ${unknown.join(', ')}; allowed: ${BACKUP_RESOURCE_TYPES.join(', ')}`);
      }
    }
    this.settings = pinAddress(
      new RegionSettingsResource(this, 'settings', {
        provider: props.provider,
        resourceTypeOptInPreference: Token.isUnresolved(overrides) ? (overrides as Record<string, boolean>) : resourceTypeOptIn(overrides),
        resourceTypeManagementPreference: Object.fromEntries(FULLY_MANAGED_RESOURCE_TYPES.map((type) => [type, true])),
      }),
      props.address,
    );
  }
}

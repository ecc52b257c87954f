import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { OrgConfig } from '../envs/schema';
import { BackupRegionSettings } from '../modules/shared/backup-region-settings';
import { MIN_TERRAFORM_VERSION } from '../modules/shared/terraform-version';

/** Where a stack's Terraform state lives: one state file per stack, under the configured prefix. */
export function stateKey(config: OrgConfig, stackName: string): string {
  return `${config.state.keyPrefix}/${stackName}.tfstate`;
}

/** The S3 backend settings of a stack, shared by its backend and by remote-state readers of it. */
export function stateBackend(config: OrgConfig, stackName: string) {
  return {
    bucket: config.state.bucket,
    key: stateKey(config, stackName),
    region: config.state.region,
    encrypt: true,
    ...(config.state.roleArn ? { assumeRole: { roleArn: config.state.roleArn } } : {}),
  };
}

/**
 * A stack deployed into one account: the S3 backend of `state`, and one aws provider per region,
 * aliased by the region name, assuming the stack's deployment role in that account (none: the
 * credentials Terraform runs with), and pinned to the account by `allowed_account_ids` either way.
 */
export class AccountStack extends TerraformStack {
  private readonly providers = new Map<string, AwsProvider>();

  constructor(
    scope: Construct,
    readonly stackName: string,
    readonly config: OrgConfig,
    readonly accountId: string,
    /** Regions this stack needs a provider in. */
    regions: readonly string[],
    /** The role the providers assume in the account; undefined: no assumed role. */
    readonly deploymentRoleArn: string | undefined,
  ) {
    super(scope, stackName);
    new S3Backend(this, stateBackend(config, stackName));
    // S3-native state locking: no DynamoDB table to manage. Generally available from Terraform 1.11,
    // which every stack therefore requires (an older terraform stops at init instead of ignoring it).
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('terraform.required_version', MIN_TERRAFORM_VERSION);
    for (const region of regions) {
      this.providers.set(
        region,
        new AwsProvider(this, `aws_${region}`, {
          region,
          alias: region,
          allowedAccountIds: [accountId],
          ...(deploymentRoleArn ? { assumeRole: [{ roleArn: deploymentRoleArn, sessionName: `org-backup-${stackName}` }] } : {}),
          defaultTags: [{ tags: { ...config.tags, 'managed-by': 'org-backup' } }],
        }),
      );
    }
  }

  /**
   * AWS Backup's region settings in every region of the stack: which types tag-based backup
   * policies back up, and DynamoDB and EFS under full AWS Backup management, explicit rather than
   * left to the account. Called by the stacks of accounts where backups run (management, Backup and
   * source accounts), once per account: two stacks setting one account's region would fight.
   */
  protected addBackupRegionSettings(): void {
    for (const [region, provider] of this.providers) {
      new BackupRegionSettings(this, `backup-settings-${region}`, { resourceTypeOptIn: this.config.resourceTypeOptIn, address: region, provider });
    }
  }

  /** The provider of a region this stack was created with. */
  provider(region: string): AwsProvider {
    const provider = this.providers.get(region);
    if (!provider) {
      throw new Error(`stack ${this.stackName} has no provider for region ${region}`);
    }
    return provider;
  }

  /** The region stack-wide resources (IAM, Organizations) are managed from: the first configured. */
  get homeRegion(): string {
    return this.config.regions[0];
  }
}

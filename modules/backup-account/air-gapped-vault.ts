import { BackupLogicallyAirGappedVault } from '@cdktf/provider-aws/lib/backup-logically-air-gapped-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { policyDocument, renderJson } from '../shared/policy-document';
import { CentralBackupKey } from './central-backup-key';
import { protectedVaultStatements } from './central-vault';
import { AIR_GAPPED_MIN_RETENTION_DAYS } from './facts';

/** The alias of the customer-managed air-gapped vault key (without `alias/`). */
export const AIR_GAPPED_KEY_ALIAS = 'org-air-gapped';

export interface AirGappedVaultProps {
  readonly vaultName: string;
  /** Shortest retention the vault accepts (at least 7): its compliance-mode lock, fixed at creation. */
  readonly minRetentionDays: number;
  /** Longest retention the vault accepts (greater than the minimum, at most 36500). */
  readonly maxRetentionDays: number;
  /** `customer-managed`: a dedicated key, hardened like the central key. @default 'aws-owned' */
  readonly encryption?: 'aws-owned' | 'customer-managed';
  readonly partition: string;
  readonly region: string;
  /** The Backup account that owns the vault. */
  readonly accountId: string;
  /** Only principals of this organization may copy into the vault (or use its key). */
  readonly organizationId: string;
  /** The organization root id: copies out may only go to vaults inside the organization. */
  readonly organizationRootId: string;
  /** The only principals exempt from the deletion and policy-change denies. @default [] */
  readonly breakGlassRoleArns?: readonly string[];
  /** The role Terraform uses in the Backup account: it may update the access policy (and key policy), nothing more. */
  readonly deploymentRoleArn: string;
  /** Unique ids of the exempt roles by ARN (see CentralVaultProps). @default - exemptions by ARN only */
  readonly exemptRoleIds?: Readonly<Record<string, string>>;
  /** Logical id, e.g. `air_gapped_eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * The Backup account's logically air-gapped vault of one region: AWS Backup keeps its recovery
 * points in a service-owned account, locked in compliance mode from creation (nobody, root user and
 * AWS included, can delete a recovery point before `minRetentionDays` or shorten it), encrypted
 * with an AWS-owned key unless a customer-managed one is asked for. Its access policy carries the
 * same statements as the central vault's: copies in from the organization, no deletion, lifecycle
 * change or re-policy but by the exempt roles, copies out only inside the organization.
 */
export class AirGappedVault extends Construct {
  readonly vault: BackupLogicallyAirGappedVault;
  readonly policy: BackupVaultPolicy;
  /** The customer-managed key, when `encryption` is `customer-managed`. */
  readonly key?: CentralBackupKey;

  constructor(scope: Construct, id: string, props: AirGappedVaultProps) {
    super(scope, id);
    validateRetention(props);
    const breakGlass = props.breakGlassRoleArns ?? [];
    if (props.encryption === 'customer-managed') {
      // Same statements as the central key: organization use only through the copy services, no
      // deletion, disabling or re-policy but by the exempt roles.
      this.key = new CentralBackupKey(this, 'key', {
        partition: props.partition,
        region: props.region,
        accountId: props.accountId,
        organizationId: props.organizationId,
        breakGlassRoleArns: breakGlass,
        deploymentRoleArn: props.deploymentRoleArn,
        exemptRoleIds: props.exemptRoleIds,
        address: props.address,
        aliasName: AIR_GAPPED_KEY_ALIAS,
        description: 'Air-gapped backup vault key: organization use through the copy services only',
        provider: props.provider,
      });
    }
    this.vault = pinAddress(
      new BackupLogicallyAirGappedVault(this, 'vault', {
        provider: props.provider,
        name: props.vaultName,
        minRetentionDays: props.minRetentionDays,
        maxRetentionDays: props.maxRetentionDays,
        ...(this.key ? { encryptionKeyArn: this.key.key.arn } : {}),
        // Every argument forces replacement, and a vault with recovery points cannot be deleted.
        lifecycle: { preventDestroy: true },
      }),
      props.address,
    );
    this.policy = pinAddress(
      new BackupVaultPolicy(this, 'policy', {
        provider: props.provider,
        backupVaultName: this.vault.name,
        policy: renderJson(
          policyDocument(protectedVaultStatements({ ...props, breakGlassRoleArns: breakGlass })),
        ),
      }),
      props.address,
    );
  }
}

function validateRetention(props: AirGappedVaultProps): void {
  const { minRetentionDays: min, maxRetentionDays: max } = props;
  if (Token.isUnresolved(min) || Token.isUnresolved(max)) return;
  const problems: string[] = [];
  if (min < AIR_GAPPED_MIN_RETENTION_DAYS) problems.push(`minRetentionDays is ${min}; allowed: at least ${AIR_GAPPED_MIN_RETENTION_DAYS}`);
  if (max > 36500) problems.push(`maxRetentionDays is ${max}; allowed: at most 36500`);
  if (max <= min) problems.push(`maxRetentionDays (${max}) must be greater than minRetentionDays (${min})`);
  if (problems.length > 0) throw new Error(`AirGappedVault ${props.address}: ${problems.join('; ')}`);
}

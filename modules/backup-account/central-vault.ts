import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { denyToAllButRoles, policyDocument, renderJson, type PolicyStatement } from '../shared/policy-document';

/** Actions that destroy or shorten the life of recovery points, or remove the vault. */
export const RECOVERY_POINT_DESTRUCTION_ACTIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DeleteBackupVault',
];
/** Actions that change who may do the above, or lift the lock. */
export const VAULT_PROTECTION_CHANGE_ACTIONS = [
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
];

export interface CentralVaultLockProps {
  /** `compliance` cannot be undone once changeableForDays have passed. @default 'governance' */
  readonly mode: 'governance' | 'compliance';
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  /** Compliance mode only: grace days (at least 3) before the lock becomes immutable. */
  readonly changeableForDays?: number;
}

export interface CentralVaultProps {
  readonly vaultName: string;
  /** ARN of the central backup key. */
  readonly kmsKeyArn: string;
  /** Only principals of this organization may copy into the vault. */
  readonly organizationId: string;
  /** The organization root id: copies out may only go to vaults inside the organization. */
  readonly organizationRootId: string;
  /** The only principals exempt from the deletion and policy-change denies. @default [] */
  readonly breakGlassRoleArns?: readonly string[];
  /** The role Terraform uses in the Backup account: it may update the policy and lock, nothing more. */
  readonly deploymentRoleArn: string;
  /**
   * Unique ids (`AROA...`) of the exempt roles by ARN: each exemption then also requires the id, so
   * a role re-created under the same name is not exempt. @default - exemptions by ARN only
   */
  readonly exemptRoleIds?: Readonly<Record<string, string>>;
  readonly lock: CentralVaultLockProps;
  /** Logical id, e.g. `central_eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * The Backup account's vault: the organization's last good copy. Any account of the organization
 * may copy into it; nobody but the break-glass roles may delete or shorten a recovery point or the
 * vault, nobody else may change its access policy or lock, and copies out stay in the organization.
 */
export class CentralVault extends Construct {
  readonly vault: BackupVault;
  readonly policy: BackupVaultPolicy;
  readonly lock: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: CentralVaultProps) {
    super(scope, id);
    validateLock(props.address, props.lock);
    const breakGlass = props.breakGlassRoleArns ?? [];
    this.vault = pinAddress(
      new BackupVault(this, 'vault', {
        provider: props.provider,
        name: props.vaultName,
        kmsKeyArn: props.kmsKeyArn,
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
    this.lock = pinAddress(
      new BackupVaultLockConfiguration(this, 'lock', {
        provider: props.provider,
        backupVaultName: this.vault.name,
        minRetentionDays: props.lock.minRetentionDays,
        maxRetentionDays: props.lock.maxRetentionDays,
        ...(props.lock.mode === 'compliance' ? { changeableForDays: props.lock.changeableForDays } : {}),
        // Every argument forces replacement in the AWS provider (it has no update), and replacing
        // means DeleteBackupVaultLockConfiguration first: the vault unlocked in between, or, for a
        // compliance lock past its grace days, a delete that fails halfway. Bounds change in place
        // with PutBackupVaultLockConfiguration instead (README, "Changing the vault lock").
        lifecycle: { preventDestroy: true },
      }),
      props.address,
    );
  }
}

/** Any principal of the organization may copy into the vault (AWS's cross-account copy form). */
export function allowCopyIntoFromOrganization(organizationId: string): PolicyStatement {
  return {
    Sid: 'AllowCopyIntoFromOrganization',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'backup:CopyIntoBackupVault',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
  };
}

/**
 * The access policy of a vault that receives the organization's copies (the central vault, and the
 * air-gapped one): copies in from the organization; no deletion, lifecycle change, re-policy or
 * unlock but by the exempt roles; copies out only inside the organization.
 */
export function protectedVaultStatements(props: {
  readonly organizationId: string;
  readonly organizationRootId: string;
  readonly breakGlassRoleArns: readonly string[];
  readonly deploymentRoleArn: string;
  /** Unique ids of the exempt roles by ARN (a `<Sid>ByRoleId` twin per exempting deny). @default - by ARN only */
  readonly exemptRoleIds?: Readonly<Record<string, string>>;
}): PolicyStatement[] {
  const breakGlass = props.breakGlassRoleArns;
  return [
    allowCopyIntoFromOrganization(props.organizationId),
    ...denyToAllButRoles('DenyRecoveryPointDestruction', RECOVERY_POINT_DESTRUCTION_ACTIONS, breakGlass, props.exemptRoleIds),
    ...denyToAllButRoles('DenyVaultProtectionChanges', VAULT_PROTECTION_CHANGE_ACTIONS, [...breakGlass, props.deploymentRoleArn], props.exemptRoleIds),
    ...denyCopyOutOfOrganization(props.organizationId, props.organizationRootId, breakGlass, props.exemptRoleIds),
  ];
}

/** Copies out of the vault stay inside the organization, but for the exempt roles. */
export function denyCopyOutOfOrganization(
  organizationId: string,
  rootId: string,
  exemptRoleArns: readonly string[],
  exemptRoleIds?: Readonly<Record<string, string>>,
): PolicyStatement[] {
  // AWS's own form: a copy whose every target lies outside the organization's root is denied
  // (to everyone but the break-glass roles, the emergency way out).
  return denyToAllButRoles('DenyCopyOutOfOrganization', ['backup:CopyFromBackupVault'], exemptRoleArns, exemptRoleIds, {
    'ForAllValues:StringNotLike': { 'backup:CopyTargetOrgPaths': [`${organizationId}/${rootId}/*`] },
  });
}

function validateLock(address: string, lock: CentralVaultLockProps): void {
  const { minRetentionDays: min, maxRetentionDays: max, changeableForDays: grace } = lock;
  const literal = (...values: unknown[]) => values.every((v) => v === undefined || !Token.isUnresolved(v));
  const problems: string[] = [];
  if (literal(min, max)) {
    if (min < 1) problems.push(`minRetentionDays is ${min}; allowed: at least 1`);
    if (max > 36500) problems.push(`maxRetentionDays is ${max}; allowed: at most 36500`);
    if (max <= min) problems.push(`maxRetentionDays (${max}) must be greater than minRetentionDays (${min})`);
  }
  if (lock.mode === 'compliance' && literal(grace) && (grace === undefined || grace < 3)) {
    problems.push(`compliance mode needs changeableForDays of at least 3; given ${grace ?? 'none'}`);
  }
  if (problems.length > 0) {
    throw new Error(`CentralVault ${address}: ${problems.join('; ')}`);
  }
}

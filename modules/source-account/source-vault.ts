import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { accountRootArn, roleArn } from '../shared/arn';
import { policyDocument, renderJson, type PolicyStatement } from '../shared/policy-document';

export interface SourceVaultProps {
  readonly partition: string;
  /** Same name in every source account: the backup policy names it as `target_backup_vault_name`. */
  readonly vaultName: string;
  /** ARN of the source backup key. */
  readonly kmsKeyArn: string;
  /** The Backup account, whose AWS Backup role copies recovery points back into this vault (restore path). */
  readonly backupAccountId: string;
  /**
   * Name of the AWS Backup role in the Backup account (`backupRoleName`): the role a copy job started
   * there runs as (StartCopyJob's IamRoleArn), and the only principal that may copy into this vault.
   */
  readonly copyBackRoleName: string;
  /** Logical id, e.g. `local_eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/** A source account's local vault, encrypted with its backup key, open to copies back from the Backup account's AWS Backup role. */
export class SourceVault extends Construct {
  readonly vault: BackupVault;
  readonly policy: BackupVaultPolicy;

  constructor(scope: Construct, id: string, props: SourceVaultProps) {
    super(scope, id);
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
        policy: renderJson(policyDocument([allowCopyBackFrom(props.partition, props.backupAccountId, props.copyBackRoleName)])),
      }),
      props.address,
    );
  }
}

/**
 * The copy back (restore path): `backup:CopyIntoBackupVault`, and nothing else, for the Backup
 * account's AWS Backup role only. The principal is the account and the role is matched by
 * `aws:PrincipalArn`, so the policy does not name a role that may not exist yet (a resource policy
 * naming a missing role as principal is refused), and no other principal of the Backup account, its
 * administrators included, can copy into the vault; nobody there can delete, read or re-policy it.
 */
export function allowCopyBackFrom(partition: string, backupAccountId: string, copyBackRoleName: string): PolicyStatement {
  return {
    Sid: 'AllowCopyBackFromBackupAccount',
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(partition, backupAccountId) },
    Action: 'backup:CopyIntoBackupVault',
    Resource: '*',
    Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn(partition, backupAccountId, copyBackRoleName) } },
  };
}

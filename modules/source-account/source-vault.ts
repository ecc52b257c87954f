import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';
import { accountRootArn } from '../shared/arn';
import { policyDocument, renderJson } from '../shared/policy-document';

export interface SourceVaultProps {
  readonly partition: string;
  /** Same name in every source account: the backup policy names it as `target_backup_vault_name`. */
  readonly vaultName: string;
  /** ARN of the source backup key. */
  readonly kmsKeyArn: string;
  /** The Backup account, allowed to copy recovery points back into this vault (restore path). */
  readonly backupAccountId: string;
  /** Logical id, e.g. `local_eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/** A source account's local vault, encrypted with its backup key, open to copies back from the Backup account. */
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
        policy: renderJson(
          policyDocument([
            {
              Sid: 'AllowCopyBackFromBackupAccount',
              Effect: 'Allow',
              Principal: { AWS: accountRootArn(props.partition, props.backupAccountId) },
              Action: 'backup:CopyIntoBackupVault',
              Resource: '*',
            },
          ]),
        ),
      }),
      props.address,
    );
  }
}

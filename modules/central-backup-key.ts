import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { dnsSuffix } from './arn';
import { BackupKey } from './backup-key';
import { allowAccountAdministration, allowKeyUse } from './key-policy-statements';
import { policyDocument } from './policy-document';

export interface CentralBackupKeyProps {
  readonly partition: string;
  readonly region: string;
  /** The Backup account that owns the key. */
  readonly accountId: string;
  /** Only principals of this organization may use the key, and only through AWS Backup. */
  readonly organizationId: string;
  /** Logical id of the key and alias, e.g. `central_eu-west-1`. */
  readonly address: string;
  /** @default 'org-central-backup' */
  readonly aliasName?: string;
  readonly provider: TerraformProvider;
}

/**
 * The central vault's key. Administration stays with the Backup account; principals of the
 * organization may use it only through AWS Backup in this region (`kms:ViaService`), which is what a
 * copy into the central vault needs: no other account can disable, delete or re-policy it.
 */
export class CentralBackupKey extends BackupKey {
  constructor(scope: Construct, id: string, props: CentralBackupKeyProps) {
    super(scope, id, {
      address: props.address,
      aliasName: props.aliasName ?? 'org-central-backup',
      description: 'Central backup vault key: organization use through AWS Backup only',
      provider: props.provider,
      policy: policyDocument([
        allowAccountAdministration(props.partition, props.accountId),
        ...allowKeyUse(
          'OrganizationThroughBackup',
          { AWS: '*' },
          {
            StringEquals: {
              'aws:PrincipalOrgID': props.organizationId,
              'kms:ViaService': `backup.${props.region}.${dnsSuffix(props.partition)}`,
            },
          },
        ),
      ]),
    });
  }
}

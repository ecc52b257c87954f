import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { dnsSuffix } from '../shared/dns-suffix';
import { BackupKey } from '../shared/backup-key';
import {
  allowAccountAdministration,
  allowKeyUse,
  denyGrantsNotForAwsResources,
  KEY_DESTRUCTION_ACTIONS,
  KEY_PROTECTION_CHANGE_ACTIONS,
} from '../shared/key-policy-statements';
import { denyToAllButRoles, policyDocument } from '../shared/policy-document';

/**
 * Services that use the central key on behalf of a source account: AWS Backup for the resources it
 * manages fully, EC2 and RDS for the snapshots a copy back to a source account reads.
 */
export const COPY_SERVICES = ['backup', 'ec2', 'rds'];

/** The central key's alias (without `alias/`); the optional SCP protects keys by this alias. */
export const CENTRAL_KEY_ALIAS = 'org-central-backup';

export interface CentralBackupKeyProps {
  readonly partition: string;
  readonly region: string;
  /** The Backup account that owns the key. */
  readonly accountId: string;
  /** Only principals of this organization may use the key, and only through the copy services. */
  readonly organizationId: string;
  /** The only principals that may disable the key or schedule its deletion. @default [] */
  readonly breakGlassRoleArns?: readonly string[];
  /** The role Terraform uses in the Backup account: it may update the key policy, nothing more. */
  readonly deploymentRoleArn: string;
  /** Unique ids of the exempt roles by ARN (see CentralVaultProps). @default - exemptions by ARN only */
  readonly exemptRoleIds?: Readonly<Record<string, string>>;
  /** Logical id of the key and alias, e.g. `central_eu-west-1`. */
  readonly address: string;
  /** @default 'org-central-backup' */
  readonly aliasName?: string;
  /** @default 'Central backup vault key: organization use through the copy services only' */
  readonly description?: string;
  readonly provider: TerraformProvider;
}

/**
 * The central vault's key. Every central recovery point is encrypted with it, and vault lock does
 * not stop a key from being disabled or deleted, so the key policy itself denies that to everyone
 * but the break-glass roles (the Backup account's own administrators included), and denies policy
 * changes to everyone but those roles and the deployment role. Principals of the organization may
 * use the key only through the services that copy recovery points in this region (`kms:ViaService`):
 * AWS Backup, and EC2 and RDS, through which a copy back to a source account (the restore path)
 * reads snapshots encrypted with this key. No other account can disable, delete or re-policy it,
 * and nobody but the break-glass roles can create a grant that is not for an AWS resource.
 */
export class CentralBackupKey extends BackupKey {
  constructor(scope: Construct, id: string, props: CentralBackupKeyProps) {
    const breakGlass = props.breakGlassRoleArns ?? [];
    super(scope, id, {
      address: props.address,
      aliasName: props.aliasName ?? CENTRAL_KEY_ALIAS,
      description: props.description ?? 'Central backup vault key: organization use through the copy services only',
      provider: props.provider,
      policy: policyDocument([
        allowAccountAdministration(props.partition, props.accountId),
        ...allowKeyUse(
          'OrganizationThroughCopyServices',
          { AWS: '*' },
          {
            StringEquals: {
              'aws:PrincipalOrgID': props.organizationId,
              'kms:ViaService': COPY_SERVICES.map((service) => `${service}.${props.region}.${dnsSuffix(props.partition)}`),
            },
          },
        ),
        ...denyToAllButRoles('DenyKeyDestruction', KEY_DESTRUCTION_ACTIONS, breakGlass, props.exemptRoleIds),
        // The Backup account's own administrators could otherwise hand the key to anyone by a grant.
        ...denyGrantsNotForAwsResources(breakGlass, props.exemptRoleIds),
        // The deployment role stays exempt: KMS refuses a key policy that would lock its caller out.
        ...denyToAllButRoles('DenyKeyProtectionChanges', KEY_PROTECTION_CHANGE_ACTIONS, [...breakGlass, props.deploymentRoleArn], props.exemptRoleIds),
      ]),
    });
  }
}

import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from './address';
import { denyShortDeletionWindow } from './key-policy-statements';
import { policyDocument, renderJson, type PolicyDocument } from './policy-document';

export interface BackupKeyProps {
  /** Logical id of the key and its alias: `aws_kms_key.<address>`. */
  readonly address: string;
  /** Alias name without the `alias/` prefix. */
  readonly aliasName: string;
  readonly description: string;
  /** The key policy; BackupKey appends the deny of pending deletion windows under 30 days. */
  readonly policy: PolicyDocument;
  /** Days between ScheduleKeyDeletion and deletion (7 to 30). @default 30 */
  readonly deletionWindowInDays?: number;
  readonly provider: TerraformProvider;
}

/**
 * A customer-managed KMS key for backups: rotation on, the longest deletion window, an alias, and
 * `prevent_destroy`, since losing the key loses every recovery point encrypted with it. Its policy
 * always ends with `DenyShortKeyDeletionWindow`: nobody can schedule its deletion in under 30 days.
 */
export class BackupKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: BackupKeyProps) {
    super(scope, id);
    const window = props.deletionWindowInDays ?? 30;
    if (!Token.isUnresolved(window) && (window < 7 || window > 30)) {
      throw new Error(`BackupKey ${props.address}: deletionWindowInDays is ${window}; allowed: 7 to 30`);
    }
    this.key = pinAddress(
      new KmsKey(this, 'key', {
        provider: props.provider,
        description: props.description,
        enableKeyRotation: true,
        deletionWindowInDays: window,
        policy: renderJson(policyDocument([...props.policy.Statement, denyShortDeletionWindow()])),
        lifecycle: { preventDestroy: true },
      }),
      props.address,
    );
    this.alias = pinAddress(
      new KmsAlias(this, 'alias', {
        provider: props.provider,
        name: `alias/${props.aliasName}`,
        targetKeyId: this.key.keyId,
      }),
      props.address,
    );
  }
}

import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';

export interface EbsDefaultEncryptionProps {
  /** The backup-shareable customer-managed key new volumes are encrypted with. */
  readonly kmsKeyArn: string;
  /** Logical id, e.g. `eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * Default EBS encryption with a customer-managed key: snapshots of volumes under the AWS-managed
 * aws/ebs key cannot be copied to another account, so new volumes get a key that can be shared.
 */
export class EbsDefaultEncryption extends Construct {
  constructor(scope: Construct, id: string, props: EbsDefaultEncryptionProps) {
    super(scope, id);
    pinAddress(new EbsEncryptionByDefault(this, 'on', { provider: props.provider, enabled: true }), props.address);
    pinAddress(new EbsDefaultKmsKey(this, 'key', { provider: props.provider, keyArn: props.kmsKeyArn }), props.address);
  }
}

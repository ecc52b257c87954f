import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';

export interface AirGappedVaultShareProps {
  /** Name of the resource share. */
  readonly name: string;
  /** ARN of the logically air-gapped vault. */
  readonly vaultArn: string;
  /**
   * The accounts that may restore from the vault. AWS RAM shares a logically air-gapped vault with
   * accounts only, never with an organization or OU as a whole.
   */
  readonly accountIds: readonly string[];
  /** Logical id prefix, e.g. `air_gapped_eu-west-1`. */
  readonly address: string;
  readonly provider: TerraformProvider;
}

/**
 * An AWS RAM share of one air-gapped vault with the recovery accounts, inside the organization only
 * (`allow_external_principals = false`): a principal association per account, so that an account
 * can restore from the vault even when the Backup account itself is lost or locked out. RAM's
 * permission for a backup vault grants reads and restores only (the security proofs model it:
 * security/air-gap-properties.ts).
 */
export class AirGappedVaultShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: AirGappedVaultShareProps) {
    super(scope, id);
    if (props.accountIds.length === 0) throw new Error(`AirGappedVaultShare ${props.address}: no account to share with`);
    this.share = pinAddress(
      new RamResourceShare(this, 'share', {
        provider: props.provider,
        name: props.name,
        allowExternalPrincipals: false,
      }),
      props.address,
    );
    const shareArn = this.share.arn;
    pinAddress(
      new RamResourceAssociation(this, 'vault', { provider: props.provider, resourceArn: props.vaultArn, resourceShareArn: shareArn }),
      props.address,
    );
    for (const accountId of props.accountIds) {
      pinAddress(
        new RamPrincipalAssociation(this, `principal-${accountId}`, { provider: props.provider, principal: accountId, resourceShareArn: shareArn }),
        `${props.address}_${accountId}`,
      );
    }
  }
}

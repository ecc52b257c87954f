/** ARNs and service principals built from config: literal strings, safe as JSON keys. */
import { Fn, Op, Token } from 'cdktf';

/**
 * The partition's DNS suffix, for service endpoints named in kms:ViaService. A partition that is a
 * Terraform value (a published module's data source) gets the same choice as a Terraform conditional.
 */
export function dnsSuffix(partition: string): string {
  if (Token.isUnresolved(partition)) {
    return Token.asString(Fn.conditional(Op.eq(partition, 'aws-cn'), 'amazonaws.com.cn', 'amazonaws.com'));
  }
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export function backupVaultArn(partition: string, region: string, accountId: string, vaultName: string): string {
  return `arn:${partition}:backup:${region}:${accountId}:backup-vault:${vaultName}`;
}

export function awsManagedPolicyArn(partition: string, path: string): string {
  return `arn:${partition}:iam::aws:policy/${path}`;
}

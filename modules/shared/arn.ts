/**
 * ARNs and service principals built from config: literal strings, safe as JSON keys. Plain strings
 * only (no cdktf), so that the configuration's validator builds the same ARNs without loading it.
 */

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

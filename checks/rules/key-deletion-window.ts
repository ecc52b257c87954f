import { compliant, noncompliant, notApplicable, type Rule } from '../rule';

/** The longest window KMS allows between ScheduleKeyDeletion and the deletion. */
export const LONGEST_DELETION_WINDOW_DAYS = 30;

/** Compliant when a KMS key waits the longest window, 30 days (the Terraform default when unset), before deletion. */
export const keyDeletionWindow: Rule = (resource) => {
  if (resource.type !== 'aws_kms_key') return notApplicable();
  const days = resource.body.deletion_window_in_days ?? LONGEST_DELETION_WINDOW_DAYS;
  return days === LONGEST_DELETION_WINDOW_DAYS ? compliant() : noncompliant(`deletion_window_in_days is ${JSON.stringify(days)}`);
};

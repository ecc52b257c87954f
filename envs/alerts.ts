/**
 * The `alerts` and `audit` sections of the configuration: tamper and job-failure alerts, and
 * Backup Audit Manager evidence. Rules between fields are in detection-rules.ts.
 */
import { z } from 'zod';

const EMAIL = z.string().regex(/^[^@ ]+@[^@ ]+\.[^@ ]+$/, { message: 'expected an email address' });
const SNS_TOPIC_ARN = z
  .string()
  .regex(/^arn:aws(-us-gov|-cn)?:sns:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:[\w-]{1,256}$/, { message: 'expected an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)' });

export const alertsSchema = z
  .strictObject({
    emails: z.array(EMAIL).default([]).describe('Email addresses subscribed to the alert topic of every region (each confirms the subscription by email).'),
    snsTopicArn: SNS_TOPIC_ARN.optional().describe(
      'An existing topic of the Backup account to alert instead of the created ones; the other regions forward to its region. Its policy and key must let EventBridge publish.',
    ),
    tamper: z.boolean().default(true).describe('Alert on CloudTrail events that attack the vaults and keys (key deletion, vault policy or lock changes, recovery point deletion).'),
    jobFailures: z.boolean().default(true).describe('Alert on backup, copy and restore jobs that fail, expire, abort or complete partially.'),
    sourceAccounts: z.boolean().default(true).describe('Forward the same events from every source account to the Backup account (one rule per account and region).'),
  })
  .describe('Tamper and job-failure alerts, delivered to an encrypted SNS topic in the Backup account; omit for none.');

export const auditSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Create the Backup Audit Manager framework and report plans (billed per control evaluation; see the README).'),
    bucketName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens' })
      .optional()
      .describe('Name of the report bucket created in the Backup account; default org-backup-audit-<account>-<region of the reports>.'),
    reportRegion: z.string().optional().describe('Region of the report bucket and report plans; default the first region.'),
    minRetentionDays: z
      .number()
      .int()
      .min(1, { message: 'expected at least 1 day' })
      .max(36500, { message: 'expected at most 36500 days' })
      .default(7).describe('The retention the "minimum retention" controls require (1 to 36500).'),
    recoveryPointMaxAgeHours: z
      .number()
      .int()
      .min(1, { message: 'expected at least 1 hour' })
      .max(744, { message: 'expected at most 744 hours (31 days)' })
      .default(24).describe('How recent the last recovery point must be (hours, 1 to 744).'),
  })
  .describe('AWS Backup Audit Manager: a framework of controls and report plans delivered to an S3 bucket of the Backup account; off by default.');

import { BackupReportPlan } from '@cdktf/provider-aws/lib/backup-report-plan';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { pinAddress } from '../shared/address';

/** The report templates delivered: the three job reports, and control compliance of the frameworks. */
export const REPORT_TEMPLATES = ['BACKUP_JOB_REPORT', 'COPY_JOB_REPORT', 'RESTORE_JOB_REPORT', 'CONTROL_COMPLIANCE_REPORT'] as const;

export interface AuditReportPlansProps {
  readonly bucketName: string;
  /** Frameworks whose control compliance is reported. */
  readonly frameworkArns: readonly string[];
  readonly provider: TerraformProvider;
}

/** One report plan per template, CSV and JSON, into the audit bucket under `reports/`. */
export class AuditReportPlans extends Construct {
  constructor(scope: Construct, id: string, props: AuditReportPlansProps) {
    super(scope, id);
    for (const template of REPORT_TEMPLATES) {
      const compliance = template === 'CONTROL_COMPLIANCE_REPORT';
      pinAddress(
        new BackupReportPlan(this, template, {
          provider: props.provider,
          name: `org_backup_${template.toLowerCase()}`,
          description: `org-backup ${template.toLowerCase().replace(/_/g, ' ')}`,
          reportDeliveryChannel: { s3BucketName: props.bucketName, s3KeyPrefix: 'reports', formats: ['CSV', 'JSON'] },
          reportSetting: {
            reportTemplate: template,
            ...(compliance ? { frameworkArns: [...props.frameworkArns], numberOfFrameworks: props.frameworkArns.length } : {}),
          },
        }),
        template.toLowerCase(),
      );
    }
  }
}

/**
 * Rules of the security pack for what detection adds (the malware scanner role, the alert topic,
 * the audit report bucket): Compliance and Noncompliance per rule, on the smallest stack.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { backupRoleTrust } from '../../checks/rules/backup-role-trust';
import { MalwareScanRole } from '../../modules/source-account/malware-scan-role';
import { expectCompliant, expectNoncompliant, policy, stackApp } from '../support/checks';

describe('OB-ROLE-TRUST-BACKUP backupRoleTrust on the malware scanner role', () => {
  it('Compliance: MalwareScanRole trusts GuardDuty Malware Protection only', () => {
    expectCompliant(backupRoleTrust, stackApp((stack, provider) => new MalwareScanRole(stack, 'scan', { partition: 'aws', roleName: 'OrgBackupMalwareScanRole', provider })));
  });
  it('Noncompliance 1: the scanner role trusting AWS Backup instead', () => {
    const app = stackApp((stack, provider) =>
      new IamRole(stack, 'r', { provider, name: 'r', assumeRolePolicy: policy({ Sid: 'Trust', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }) }).overrideLogicalId('malware_scan'),
    );
    expectNoncompliant(backupRoleTrust, app, 'aws_iam_role.malware_scan', 'Trust trusts Service backup.amazonaws.com');
  });
});

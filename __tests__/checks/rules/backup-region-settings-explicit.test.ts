/** OB-BACKUP-REGION-SETTINGS: each branch of backupRegionSettingsExplicit, on raw resources. */
import { backupRegionSettingsExplicit as rule } from '../../../checks/rules/backup-region-settings-explicit';
import { BACKUP_RESOURCE_TYPES, FULLY_MANAGED_RESOURCE_TYPES } from '../../../modules/shared/backup-resource-types';
import { jsonApp, JSON_PROVIDER, OWN_ACCOUNT, outcomeAt } from '../../support/checks';

const allOptIn = Object.fromEntries(BACKUP_RESOURCE_TYPES.map((t) => [t, true]));
const allManaged = Object.fromEntries(FULLY_MANAGED_RESOURCE_TYPES.map((t) => [t, true]));
const vault = { aws_backup_vault: { v: { name: 'local' } } };
const settings = (body: Record<string, unknown>, provider?: string) => ({
  aws_backup_region_settings: { s: { resource_type_opt_in_preference: allOptIn, resource_type_management_preference: allManaged, ...(provider ? { provider } : {}), ...body } },
});
const OTHER_REGION = { alias: 'us-east-1', account: OWN_ACCOUNT, region: 'us-east-1' };
const OTHER_ACCOUNT = { alias: 'other', account: '333333333333', region: 'eu-west-1' };

describe('OB-BACKUP-REGION-SETTINGS backupRegionSettingsExplicit', () => {
  it('Compliance: every type opted in or out, DynamoDB and EFS fully managed, in the vault account and region', () => {
    const app = jsonApp({ ...vault, ...settings({ resource_type_opt_in_preference: { ...allOptIn, S3: false } }) });
    expect(outcomeAt(rule, app, 'aws_backup_vault.v')).toEqual({ status: 'compliant' });
  });
  it('does not apply to anything but a backup vault', () => {
    const app = jsonApp({ aws_kms_key: { k: {} } });
    expect(outcomeAt(rule, app, 'aws_kms_key.k')).toEqual({ status: 'not-applicable' });
  });
  it('Noncompliance: the settings are for another region of the account', () => {
    const app = jsonApp({ ...vault, ...settings({}, 'aws.us-east-1') }, [JSON_PROVIDER, OTHER_REGION]);
    expect(outcomeAt(rule, app, 'aws_backup_vault.v')).toEqual({ status: 'noncompliant', detail: `no aws_backup_region_settings for account ${OWN_ACCOUNT} in eu-west-1` });
  });
  it('Noncompliance: the settings are for another account in the region', () => {
    const app = jsonApp({ ...vault, ...settings({}, 'aws.other') }, [JSON_PROVIDER, OTHER_ACCOUNT]);
    expect(outcomeAt(rule, app, 'aws_backup_vault.v')).toEqual({ status: 'noncompliant', detail: `no aws_backup_region_settings for account ${OWN_ACCOUNT} in eu-west-1` });
  });
  it('Noncompliance: a provider pinning neither account nor region, and no settings', () => {
    const app = jsonApp(vault, [{ alias: 'unpinned' }]);
    expect(outcomeAt(rule, app, 'aws_backup_vault.v')).toEqual({ status: 'noncompliant', detail: 'no aws_backup_region_settings for account ? in ?' });
  });
  it('Noncompliance: one type left out of the opt-in and DynamoDB not fully managed, each named', () => {
    const withoutS3 = Object.fromEntries(Object.entries(allOptIn).filter(([t]) => t !== 'S3'));
    const app = jsonApp({ ...vault, ...settings({ resource_type_opt_in_preference: withoutS3, resource_type_management_preference: { ...allManaged, DynamoDB: false } }) });
    expect(outcomeAt(rule, app, 'aws_backup_vault.v')).toEqual({
      status: 'noncompliant',
      detail: 'aws_backup_region_settings.s: opt-in of S3 is not set; DynamoDB is not under full AWS Backup management',
    });
  });
});

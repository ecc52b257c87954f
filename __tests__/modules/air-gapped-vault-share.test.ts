import { AirGappedVaultShare } from '../../modules/backup-account/air-gapped-vault-share';
import { synthConstruct } from '../support/scope';
import { resource } from '../support/synth';

describe('AirGappedVaultShare', () => {
  const vaultArn = 'arn:aws:backup:eu-west-1:222222222222:backup-vault:org-air-gapped-backup';
  const synth = (accountIds: readonly string[]) =>
    synthConstruct((stack, provider) => {
      new AirGappedVaultShare(stack, 's', { name: 'org-air-gapped-eu-west-1', vaultArn, accountIds, address: 'air_gapped_eu-west-1', provider });
    });

  it('shares the vault inside the organization only, with each recovery account', () => {
    const json = synth(['444444444444', '555555555555']);
    expect(resource(json, 'aws_ram_resource_share.air_gapped_eu-west-1')).toMatchObject({ name: 'org-air-gapped-eu-west-1', allow_external_principals: false });
    expect(resource(json, 'aws_ram_resource_association.air_gapped_eu-west-1')).toMatchObject({
      resource_arn: vaultArn,
      resource_share_arn: '${aws_ram_resource_share.air_gapped_eu-west-1.arn}',
    });
    expect(Object.keys(json.resource?.aws_ram_principal_association ?? {})).toEqual(['air_gapped_eu-west-1_444444444444', 'air_gapped_eu-west-1_555555555555']);
    expect(resource(json, 'aws_ram_principal_association.air_gapped_eu-west-1_555555555555')).toMatchObject({
      principal: '555555555555',
      resource_share_arn: '${aws_ram_resource_share.air_gapped_eu-west-1.arn}',
    });
  });

  it('refuses a share with no account', () => {
    expect(() => synth([])).toThrow(new Error('AirGappedVaultShare air_gapped_eu-west-1: no account to share with'));
  });
});

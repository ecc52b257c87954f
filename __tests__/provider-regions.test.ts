/**
 * A resource's provider region against the resource's own region: every resource whose address
 * names a region (`aws_kms_key.central_eu-west-1`) is created by that region's provider, and every
 * regional resource of the project names its region. A central key created with another region's
 * provider fails here.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateConfig } from '../envs/load';
import { REGIONS_BY_PARTITION } from '../envs/regions';
import { exampleConfig, synthApp } from './support/synth';

/**
 * Resource types that exist in one region. IAM, Organizations and the AWS Backup cross-account
 * setting of the management account (aws_backup_global_settings) are not regional here.
 */
const REGIONAL = /^aws_(kms_|backup_(?!global_settings)|ebs_)/;

describe.each([
  ['the example', () => exampleConfig()],
  ['another organization (three regions)', () => validateConfig(JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'other-org.json'), 'utf8')))],
])('%s', (_name, config) => {
  const out = synthApp(config());
  const regions = REGIONS_BY_PARTITION.aws;
  const resources = Object.entries(out.stacks).flatMap(([stack, json]) =>
    Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ stack, type, name, provider: body.provider as string | undefined }))),
  );

  it('has regional resources to check', () => {
    expect(resources.filter((r) => REGIONAL.test(r.type)).length).toBeGreaterThan(10);
  });

  it("every resource that names a region is created by that region's provider", () => {
    const wrong = resources
      .map((r) => ({ ...r, region: regions.find((region) => r.name.endsWith(`_${region}`) || r.name.includes(`_${region}_`)) }))
      .filter((r) => r.region !== undefined && r.provider !== `aws.${r.region}`)
      .map((r) => `${r.stack} ${r.type}.${r.name}: provider ${r.provider}`);
    expect(wrong).toEqual([]);
  });

  it('every regional resource names its region', () => {
    const unnamed = resources.filter((r) => REGIONAL.test(r.type) && !regions.some((region) => r.name.includes(region))).map((r) => `${r.stack} ${r.type}.${r.name}`);
    expect(unnamed).toEqual([]);
  });
});

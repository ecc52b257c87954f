import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { App } from 'cdktf';
import { SynthesizedApp } from '../../checks/model';
import { AIR_GAP_RULE_IDS, blocking, formatFinding, runPack, SECURITY_RULES, SecurityCheckError, tallyRules } from '../../checks/pack';
import { suppressionIndex, suppressRule } from '../../checks/suppressions';
import { allStacks, buildStacks } from '../../stacks/org-backup-app';
import { synthesizeChecked } from '../../checks/gate';
import { runApp } from '../support/run-app';
import { exampleConfig, synthApp } from '../support/synth';
import { denyShortDeletionWindow } from '../../modules/shared/key-policy-statements';
import { policyDocument } from '../../modules/shared/policy-document';

describe('the security rule pack', () => {
  it('gives every rule a unique id, a level, an explanation and a fix', () => {
    const ids = SECURITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SECURITY_RULES) {
      expect(rule.id).toMatch(/^OB-[A-Z0-9-]+$/);
      expect(['error', 'warning']).toContain(rule.level);
      expect(rule.explanation.length).toBeGreaterThan(30);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  describe('on the example environment (with the SCP, alerts and audit on, so every resource type is present)', () => {
    const out = synthApp(exampleConfig((d) => Object.assign(d, { protectBackupsScp: true, alerts: { emails: ['security@example.com'] }, audit: { enabled: true } })));
    const app = new SynthesizedApp(out.stacks);
    const findings = runPack(app);

    it('finds no error, and warns only that the governance-mode locks can be lifted', () => {
      expect(blocking(findings)).toEqual([]);
      expect(findings.map((f) => `${f.level} ${f.ruleId} ${f.stack} ${f.address}`)).toEqual([
        'warning OB-VAULT-LOCK-COMPLIANCE backup-account aws_backup_vault_lock_configuration.central_ap-southeast-2',
        'warning OB-VAULT-LOCK-COMPLIANCE backup-account aws_backup_vault_lock_configuration.central_eu-west-1',
      ]);
    });

    it('counts, per rule, the resources that pass, fail or are out of scope, agreeing with the findings', () => {
      const tallies = tallyRules(app);
      expect(tallies.map((t) => t.id)).toEqual(SECURITY_RULES.map((r) => r.id));
      for (const t of tallies) {
        expect(t.compliant + t.noncompliant + t.notApplicable).toBe(app.resources.length);
        expect(t.failing.map((f) => `${f.stack} ${f.address}`)).toEqual(findings.filter((f) => f.ruleId === t.id).map((f) => `${f.stack} ${f.address}`));
      }
      // 8 backup keys (4 source accounts, 2 regions), 4 backup keys of the management and Backup
      // accounts (a policy is attached to the root), 2 central keys, 2 alert topic keys.
      expect(tallies.find((t) => t.id === 'OB-KMS-ROTATION')).toMatchObject({ level: 'error', compliant: 16, noncompliant: 0 });
    });

    // The air-gap rules are shown non-vacuous on envs/full.ts (__tests__/air-gap.test.ts).
    it.each(SECURITY_RULES.filter((r) => !AIR_GAP_RULE_IDS.includes(r.id)).map((r) => [r.id, r] as const))('%s applies to at least one resource of the example, so it is not vacuous', (_id, rule) => {
      expect(app.resources.some((r) => rule.check(r, app).status !== 'not-applicable')).toBe(true);
    });
  });

  describe('suppressions', () => {
    const rogue = (reason?: string) => {
      const cdkApp = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'org-backup-pack-')) });
      const stacks = buildStacks(cdkApp, exampleConfig());
      // Only rotation is wrong with it: its policy carries the deny every project key has.
      const policy = JSON.stringify(policyDocument([denyShortDeletionWindow()]));
      const key = new KmsKey(stacks.backupAccount, 'rogue', { provider: stacks.backupAccount.provider('eu-west-1'), enableKeyRotation: false, policy, lifecycle: { preventDestroy: true } });
      key.overrideLogicalId('rogue');
      if (reason !== undefined) suppressRule(key, 'OB-KMS-ROTATION', reason);
      return { cdkApp, stacks, key };
    };

    it('keep a finding reported with its reason, without stopping the synth', () => {
      const { stacks } = rogue('imported key material cannot rotate; rotated by hand every 90 days');
      const all = [stacks.backupAccount, ...stacks.sources, stacks.management];
      const findings = runPack(new SynthesizedApp(Object.fromEntries(all.map((s) => [s.node.id, s.toTerraform()]))), suppressionIndex(all));
      const rotation = findings.filter((f) => f.ruleId === 'OB-KMS-ROTATION');
      expect(rotation).toEqual([expect.objectContaining({ address: 'aws_kms_key.rogue', suppressedBecause: 'imported key material cannot rotate; rotated by hand every 90 days' })]);
      expect(blocking(findings)).toEqual([]);
      expect(formatFinding(rotation[0])).toContain('(suppressed: imported key material cannot rotate');
    });

    it('need a written reason', () => {
      expect(() => rogue('n/a')).toThrow('the reason "n/a" is too short');
    });

    it('must name a rule of the pack', () => {
      const index = new Map([['backup-account/aws_kms_key.rogue', [{ ruleId: 'OB-NO-SUCH-RULE', reason: 'a reason that is long enough' }]]]);
      expect(() => runPack(new SynthesizedApp({}), index)).toThrow('unknown rule OB-NO-SUCH-RULE');
    });
  });

  describe('at synth', () => {
    const withRogueKey = (app: App) => {
      const stacks = buildStacks(app, exampleConfig());
      new KmsKey(stacks.management, 'rogue', { provider: stacks.management.provider('eu-west-1') }).overrideLogicalId('rogue');
      return allStacks(stacks);
    };

    it('stops the synth on an error, naming the rule, the resource address and the fix, leaving the earlier output as it was', () => {
      const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-pack-'));
      writeFileSync(path.join(outdir, 'manifest.json'), 'earlier output');
      let error: unknown;
      try {
        synthesizeChecked({ outdir, build: withRogueKey });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(SecurityCheckError);
      const message = (error as Error).message;
      expect(message).toContain('error OB-KMS-ROTATION management aws_kms_key.rogue: enable_key_rotation is unset');
      expect(message).toContain('fix: Set enable_key_rotation = true');
      expect(message).toContain('error OB-PREVENT-DESTROY management aws_kms_key.rogue');
      expect(message).not.toContain('OB-VAULT-LOCK-COMPLIANCE');
      expect(readdirSync(outdir)).toEqual(['manifest.json']);
      expect(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe('earlier output');
      expect(readdirSync(path.dirname(outdir)).filter((name) => name.startsWith(`.${path.basename(outdir)}.staging-`))).toEqual([]);
    });

    it('publishes a clean synth in place of the earlier output and returns every finding', () => {
      const outdir = mkdtempSync(path.join(tmpdir(), 'org-backup-pack-'));
      mkdirSync(path.join(outdir, 'stacks', 'source-removed-account'), { recursive: true });
      const findings = synthesizeChecked({ outdir, build: (app) => allStacks(buildStacks(app, exampleConfig())) });
      expect(findings.map((f) => f.ruleId)).toEqual(['OB-VAULT-LOCK-COMPLIANCE', 'OB-VAULT-LOCK-COMPLIANCE']);
      expect(readdirSync(path.join(outdir, 'stacks'))).not.toContain('source-removed-account');
      expect(readdirSync(path.join(outdir, 'stacks'))).toContain('backup-account');
    });

    it('npm run synth prints the warnings with rule id, stack, address and fix, and succeeds', () => {
      const run = runApp({});
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('warning OB-VAULT-LOCK-COMPLIANCE backup-account aws_backup_vault_lock_configuration.central_eu-west-1: governance mode');
      expect(run.stdout).toContain('fix: When retention bounds are settled');
      expect(run.stderr).toBe('');
    });
  });
});

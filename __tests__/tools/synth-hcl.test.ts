import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compareStack } from '../../tools/hcl/equivalence';
import { finishHcl, synthHcl } from '../../tools/synth-hcl';
import { exampleConfig, synthApp } from '../support/synth';
import { config as full } from '../../envs/full';
import { validateConfig } from '../../envs/load';

const variants = {
  example: exampleConfig(),
  // The other branches of the constructs: a managed organization, a compliance lock, no break-glass role.
  'managed organization, compliance lock': exampleConfig((c) => {
    c.manageOrganization = true;
    c.backupAccount.vaultLock = { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 3650, changeableForDays: 3 };
    c.backupAccount.breakGlassRoleArns = [];
  }),
  // Air-gapped vaults and their shares, restore testing, the delegated administrator's stack.
  'every option on (envs/full.ts)': validateConfig(structuredClone(full), 'envs/full.ts'),
};

const synthesized = Object.entries(variants).map(([name, config]) => {
  const json = synthApp(config);
  const hclDir = mkdtempSync(path.join(tmpdir(), 'org-backup-hcl-'));
  const files = synthHcl(config, hclDir);
  return { name, json, hclDir, files };
});

describe.each(synthesized)('HCL synth: $name', ({ json, hclDir, files }) => {
  const stacks = Object.keys(json.manifest.stacks);

  it('writes one cdk.tf per stack', () => {
    expect(files.map((f) => path.relative(hclDir, f)).sort()).toEqual(stacks.map((s) => `stacks/${s}/cdk.tf`).sort());
  });

  it.each(stacks)('%s: parses with a real HCL parser and means what the JSON means', async (stack) => {
    const text = readFileSync(path.join(hclDir, 'stacks', stack, 'cdk.tf'), 'utf8');
    const parsed = await parse(`${stack}/cdk.tf`, text);
    const result = compareStack(json.stacks[stack], parsed);
    expect(result.differences).toEqual([]);
    expect(result.resources).toBe(Object.values(json.stacks[stack].resource ?? {}).reduce((n, r) => n + Object.keys(r).length, 0));
    expect(result.values).toBeGreaterThan(20);
  });

  it.each(stacks)('%s: writes references, not quoted strings, where Terraform wants references', (stack) => {
    const text = readFileSync(path.join(hclDir, 'stacks', stack, 'cdk.tf'), 'utf8');
    expect(text).not.toMatch(/^\s*provider\s*=\s*"/m);
    expect(text).not.toMatch(/^\s*"(data\.)?aws_[\w.-]+",?$/m);
    expect(text).toMatch(/^\s*provider\s*=\s*aws\.[a-z0-9-]+$/m);
  });
});

describe('the HCL/JSON comparison', () => {
  const { json, hclDir } = synthesized[0];
  const text = readFileSync(path.join(hclDir, 'stacks', 'management', 'cdk.tf'), 'utf8');

  it.each([
    ['a changed number inside a policy document', '"@@assign" = "35"', '"@@assign" = "34"', 'delete_after_days'],
    ['a changed reference', 'provider = aws.ap-southeast-2', 'provider = aws.eu-west-1', '.provider'],
    // The block up to its closing brace at the start of a line: its precondition holds braces of its own.
    ['a missing resource', /resource "aws_organizations_policy_attachment" "backup_standard_r-a1b2" \{[\s\S]*?\n\}\n/, '', 'backup_standard_r-a1b2'],
  ])('notices %s', async (_what, from, to, where) => {
    const changed = text.replace(from, to);
    expect(changed).not.toBe(text);
    const result = compareStack(json.stacks.management, await parse('management/cdk.tf', changed));
    expect(result.differences.join('\n')).toContain(where);
  });
});

describe('HCL corrections', () => {
  it('turns lifecycle postconditions into blocks, unquotes references and unwraps lone interpolations', () => {
    const cdktf = [
      'data "aws_x" "this" {',
      'provider = "aws.eu-west-1"',
      'lifecycle {',
      '  postcondition = [',
      '{',
      'condition = "${contains(self.a, "b")}"',
      'error_message = "not ${"b"}"',
      '},',
      ']',
      '}',
      '}',
      'resource "aws_y" "z" {',
      'depends_on = [',
      '"data.aws_x.this",',
      ']',
      'name = "${data.aws_x.this.id}-x"',
      'id = "${data.aws_x.this.id}"',
      'lifecycle {',
      '  ignore_changes = [',
      '"tags[\\"a\\"]",',
      ']',
      '}',
      '}',
      '',
    ].join('\n');
    expect(finishHcl(cdktf)).toBe(
      [
        'data "aws_x" "this" {',
        '  provider = aws.eu-west-1',
        '  lifecycle {',
        '    postcondition {',
        '      condition     = contains(self.a, "b")',
        '      error_message = "not ${"b"}"',
        '    }',
        '  }',
        '}',
        'resource "aws_y" "z" {',
        '  depends_on = [',
        '    data.aws_x.this,',
        '  ]',
        '  name = "${data.aws_x.this.id}-x"',
        '  id   = data.aws_x.this.id',
        '  lifecycle {',
        '    ignore_changes = [',
        '      tags["a"],',
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses what it cannot read, with the line', () => {
    expect(() => finishHcl('a = "open\n')).toThrow('HCL line 1: newline inside a quoted string');
  });
});

describe('terraform fmt -check on the HCL synth', () => {
  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const available = terraform.status === 0;
  if (!available) {
    console.log('skipped: no terraform binary on PATH, so `terraform fmt -check` cannot run here');
  }
  (available ? it.each(synthesized.map((s) => [s.name, s.hclDir])) : it.skip.each([['none', '']]))(
    '%s: every cdk.tf is already in canonical format',
    (_name, dir) => {
      const result = spawnSync('terraform', ['fmt', '-check', '-recursive', dir], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
    },
  );
});

describe('synth:hcl over an earlier HCL output', () => {
  it('leaves no stack folder of an account that is no longer in the configuration', () => {
    const [first] = synthesized;
    const removed = 'source-workloads-staging';
    expect(readdirSync(path.join(first.hclDir, 'stacks'))).toContain(removed);
    const fewer = exampleConfig((c) => {
      c.sourceAccounts = c.sourceAccounts.filter((a) => `source-${a.name}` !== removed);
    });
    const files = synthHcl(fewer, first.hclDir);
    expect(files).toHaveLength(first.files.length - 1);
    expect(readdirSync(path.join(first.hclDir, 'stacks')).sort()).toEqual(files.map((f) => path.basename(path.dirname(f))).sort());
    expect(readdirSync(path.join(first.hclDir, 'stacks'))).not.toContain(removed);
  });
});

/**
 * The rule pack's running, tallying, suppressions and findings (checks/pack.ts,
 * checks/suppressions.ts, checks/finding.ts) on the smallest apps: two one-rule packs over raw
 * resources, and a construct tree of two stacks for the suppressions.
 */
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing, TerraformStack } from 'cdktf';
import { blocking, formatFinding, SecurityCheckError, type Finding } from '../../../checks/finding';
import { AIR_GAP_RULE_IDS, runPack, SECURITY_RULES, tallyRules, type PackRule } from '../../../checks/pack';
import { compliant, noncompliant, notApplicable } from '../../../checks/rule';
import { MIN_REASON_LENGTH, suppressionIndex, suppressRule } from '../../../checks/suppressions';
import { jsonApp } from '../../support/checks';

/** Fails a resource whose body says `bad`, passes one that says `good`, skips the rest. */
const byBody = (id: string, level: PackRule['level']): PackRule => ({
  id,
  level,
  explanation: `why ${id}`,
  fix: `fix ${id}`,
  check: (r) => (r.body.state === 'bad' ? noncompliant(`${r.name} is bad`) : r.body.state === 'good' ? compliant() : notApplicable()),
});
const RULES = [byBody('OB-A', 'error'), byBody('OB-B', 'warning')];
const app = jsonApp({ aws_kms_key: { one: { state: 'bad' }, two: { state: 'good' }, three: {}, four: { state: 'bad' } } });

describe('runPack', () => {
  it('reports every non-compliant outcome of every rule, by resource then rule, with its id, level, place, detail, explanation and fix', () => {
    expect(runPack(app, new Map(), RULES)).toEqual([
      { ruleId: 'OB-A', level: 'error', stack: 'test', address: 'aws_kms_key.one', detail: 'one is bad', explanation: 'why OB-A', fix: 'fix OB-A' },
      { ruleId: 'OB-B', level: 'warning', stack: 'test', address: 'aws_kms_key.one', detail: 'one is bad', explanation: 'why OB-B', fix: 'fix OB-B' },
      { ruleId: 'OB-A', level: 'error', stack: 'test', address: 'aws_kms_key.four', detail: 'four is bad', explanation: 'why OB-A', fix: 'fix OB-A' },
      { ruleId: 'OB-B', level: 'warning', stack: 'test', address: 'aws_kms_key.four', detail: 'four is bad', explanation: 'why OB-B', fix: 'fix OB-B' },
    ]);
  });

  it('marks a finding suppressed only for the rule and the resource the suppression names', () => {
    const index = new Map([['test/aws_kms_key.one', [{ ruleId: 'OB-B', reason: 'the reason for this one' }]]]);
    const findings = runPack(app, index, RULES);
    expect(findings.map((f) => [f.ruleId, f.address, f.suppressedBecause])).toEqual([
      ['OB-A', 'aws_kms_key.one', undefined],
      ['OB-B', 'aws_kms_key.one', 'the reason for this one'],
      ['OB-A', 'aws_kms_key.four', undefined],
      ['OB-B', 'aws_kms_key.four', undefined],
    ]);
    expect(Object.keys(findings[0])).not.toContain('suppressedBecause');
  });

  it('refuses a suppression naming a rule the pack does not have, whatever its place in the index', () => {
    const index = new Map([
      ['test/aws_kms_key.one', [{ ruleId: 'OB-A', reason: 'a reason long enough' }]],
      ['test/aws_kms_key.two', [{ ruleId: 'OB-B', reason: 'a reason long enough' }, { ruleId: 'OB-C', reason: 'a reason long enough' }]],
    ]);
    expect(() => runPack(app, index, RULES)).toThrow(new Error('suppression on test/aws_kms_key.two names an unknown rule OB-C'));
    expect(() => runPack(app, new Map([['x', [{ ruleId: 'OB-A', reason: 'r' }]]]), RULES)).not.toThrow();
  });

  it('runs the whole pack by default', () => {
    const key = jsonApp({ aws_kms_key: { k: { enable_key_rotation: false } } });
    expect(runPack(key).map((f) => f.ruleId)).toContain('OB-KMS-ROTATION');
    expect(() => runPack(key, new Map([['test/aws_kms_key.k', [{ ruleId: 'OB-KMS-ROTATION', reason: 'a reason long enough' }]]]))).not.toThrow();
  });
});

describe('the pack', () => {
  it('names the two rules that apply only with an air-gapped vault, both rules of the pack', () => {
    expect(AIR_GAP_RULE_IDS).toEqual(['OB-AIR-GAPPED-COPY-RETENTION', 'OB-RAM-SHARE-INSIDE-ORGANIZATION']);
    expect(AIR_GAP_RULE_IDS.every((id) => SECURITY_RULES.some((r) => r.id === id))).toBe(true);
  });
});

describe('tallyRules', () => {
  it('counts per rule the resources that comply, fail and are out of scope, with what fails', () => {
    const failing = [
      { stack: 'test', address: 'aws_kms_key.one', detail: 'one is bad' },
      { stack: 'test', address: 'aws_kms_key.four', detail: 'four is bad' },
    ];
    expect(tallyRules(app, RULES)).toEqual([
      { id: 'OB-A', level: 'error', compliant: 1, noncompliant: 2, notApplicable: 1, failing },
      { id: 'OB-B', level: 'warning', compliant: 1, noncompliant: 2, notApplicable: 1, failing },
    ]);
  });

  it('tallies the whole pack by default', () => {
    expect(tallyRules(jsonApp({})).map((t) => t.id)).toEqual(SECURITY_RULES.map((r) => r.id));
  });
});

describe('findings', () => {
  const finding = (level: Finding['level'], suppressedBecause?: string): Finding => ({
    ruleId: 'OB-X',
    level,
    stack: 's',
    address: 'aws_kms_key.k',
    detail: 'it is wrong',
    explanation: 'because',
    fix: 'change it',
    ...(suppressedBecause === undefined ? {} : { suppressedBecause }),
  });

  it('block the synth only as unsuppressed errors', () => {
    const error = finding('error');
    expect(blocking([finding('warning'), error, finding('error', 'reason'), finding('warning', 'reason')])).toEqual([error]);
  });

  it('print on one line when suppressed, with why and fix otherwise', () => {
    expect(formatFinding(finding('error'))).toBe('error OB-X s aws_kms_key.k: it is wrong\n    why: because\n    fix: change it');
    expect(formatFinding(finding('warning', 'the reason'))).toBe('warning OB-X s aws_kms_key.k: it is wrong (suppressed: the reason)');
  });

  it('stop the synth with their count and each of them', () => {
    const one = new SecurityCheckError([finding('error')]);
    expect(one.name).toBe('SecurityCheckError');
    expect(one.findings).toEqual([finding('error')]);
    expect(one.message).toBe('the security rule pack found 1 problem; nothing was written\nerror OB-X s aws_kms_key.k: it is wrong\n    why: because\n    fix: change it');
    expect(new SecurityCheckError([finding('error'), finding('warning', 'r')]).message).toBe(
      'the security rule pack found 2 problems; nothing was written\nerror OB-X s aws_kms_key.k: it is wrong\n    why: because\n    fix: change it\nwarning OB-X s aws_kms_key.k: it is wrong (suppressed: r)',
    );
  });
});

describe('suppressions', () => {
  const tree = () => {
    const root = Testing.app();
    const one = new TerraformStack(root, 'one');
    const two = new TerraformStack(root, 'two');
    return { root, one, two, a: new KmsKey(one, 'a', {}), b: new KmsKey(one, 'b', {}), c: new KmsKey(two, 'c', {}) };
  };

  it(`need a reason of at least ${MIN_REASON_LENGTH} characters, not counting the spaces around it`, () => {
    const { a } = tree();
    expect(MIN_REASON_LENGTH).toBe(20);
    const short = ` ${'x'.repeat(19)}  `;
    expect(() => suppressRule(a, 'OB-A', short)).toThrow(
      new Error(`suppression of OB-A on one/a: the reason "${short}" is too short; say why the rule does not apply (at least 20 characters)`),
    );
    suppressRule(a, 'OB-A', `  ${'y'.repeat(20)} `);
    expect(a.node.metadata.filter((m) => m.type !== 'stacktrace').map((m) => [m.type, m.data])).toEqual([['org-backup:security-suppression', { ruleId: 'OB-A', reason: 'y'.repeat(20) }]]);
  });

  it('are indexed by stack and address for the stacks asked for, every suppression of a resource and nothing else', () => {
    const { one, two, a, b, c } = tree();
    suppressRule(a, 'OB-A', 'the first reason, long enough');
    suppressRule(a, 'OB-B', 'the second reason, long enough');
    b.node.addMetadata('other-metadata', { ruleId: 'OB-A', reason: 'not a suppression at all' });
    suppressRule(c, 'OB-A', 'the third reason, long enough');
    const a2 = [
      { ruleId: 'OB-A', reason: 'the first reason, long enough' },
      { ruleId: 'OB-B', reason: 'the second reason, long enough' },
    ];
    expect([...suppressionIndex([one, two])]).toEqual([
      ['one/aws_kms_key.a', a2],
      ['two/aws_kms_key.c', [{ ruleId: 'OB-A', reason: 'the third reason, long enough' }]],
    ]);
    expect([...suppressionIndex([two])]).toEqual([['two/aws_kms_key.c', [{ ruleId: 'OB-A', reason: 'the third reason, long enough' }]]]);
    expect([...suppressionIndex([])]).toEqual([]);
  });

  it('are kept apart between construct trees', () => {
    const first = tree();
    const second = tree();
    suppressRule(first.a, 'OB-A', 'the first tree only, long enough');
    expect([...suppressionIndex([second.one])]).toEqual([]);
    expect([...suppressionIndex([first.one, second.one])].map(([address]) => address)).toEqual(['one/aws_kms_key.a']);
  });
});

/**
 * OB-NO-CROSS-STACK-TOKEN on the smallest outputs that show each of its branches: stacks as
 * Terraform receives them, where `origin` declares a key and `reader` holds one resource whose
 * arguments name things. Every noncompliant outcome is asserted with its whole detail.
 */
import { SynthesizedApp } from '../../../checks/model';
import { compliant, noncompliant } from '../../../checks/rule';
import { noCrossStackToken } from '../../../checks/rules/no-cross-stack-token';
import type { StackJson } from '../../../output/synth-output';

const FROM_ORIGIN = 'aws_kms_key.central is declared in stack origin, not in reader';

/** The rule's outcome for `reader`'s alias `a` with the arguments, beside the other stacks. */
function outcome(args: Record<string, unknown>, others: Record<string, StackJson> = { origin: { resource: { aws_kms_key: { central: {} } } } }) {
  const app = new SynthesizedApp({ ...others, reader: { resource: { aws_kms_key: { own: {} }, aws_kms_alias: { a: { name: 'alias/a', ...args } } } } });
  return noCrossStackToken(app.resources.find((r) => r.stack === 'reader' && r.address === 'aws_kms_alias.a')!, app);
}

describe('OB-NO-CROSS-STACK-TOKEN noCrossStackToken', () => {
  it('Compliance: numbers, booleans and null among the arguments, and a reference to its own stack', () => {
    expect(outcome({ count: 1, enabled: true, description: null, target_key_id: '${aws_kms_key.own.key_id}' })).toEqual(compliant());
  });

  describe('finds a reference wherever an argument holds it', () => {
    it('Noncompliance 1: in a list', () => {
      expect(outcome({ grant_tokens: ['x', '${aws_kms_key.central.arn}'] })).toEqual(noncompliant(FROM_ORIGIN));
    });
    it('Noncompliance 2: in an interpolation after literal text', () => {
      expect(outcome({ description: 'key ${aws_kms_key.central.arn}' })).toEqual(noncompliant(FROM_ORIGIN));
    });
    it('Noncompliance 3: after a nested object of a jsonencode document', () => {
      expect(outcome({ policy: '${jsonencode({"a" = {"b" = 1}, "c" = aws_kms_key.central.arn})}' })).toEqual(noncompliant(FROM_ORIGIN));
    });
    it('Noncompliance 4: in a template inside a string of a jsonencode document (as cdktf writes `${key.arn}/*`)', () => {
      expect(outcome({ policy: '${jsonencode({"Resource" = "${aws_kms_key.central.arn}/*", "Other" = [aws_kms_key.own.arn]})}' })).toEqual(noncompliant(FROM_ORIGIN));
    });
    it('Compliance: an escaped template inside such a string is text', () => {
      expect(outcome({ policy: '${jsonencode({"Resource" = "$${aws_kms_key.central.arn}/*"})}' })).toEqual(compliant());
    });
  });

  describe('names every missing address, sorted, with the stacks that declare it', () => {
    it('Noncompliance: two addresses, named in reverse order', () => {
      expect(outcome({ description: '${aws_sns_topic.alerts.arn} ${aws_kms_key.central.arn}' })).toEqual(
        noncompliant(`${FROM_ORIGIN}; aws_sns_topic.alerts is declared in no stack`),
      );
    });
    const declaring = (...stacks: string[]) => Object.fromEntries(stacks.map((s) => [s, { resource: { aws_kms_key: { central: {} } } }]));
    it('Noncompliance: two and three stacks are all named', () => {
      expect(outcome({ target_key_id: '${aws_kms_key.central.id}' }, declaring('s1', 's2'))).toEqual(noncompliant('aws_kms_key.central is declared in stack s1, s2, not in reader'));
      expect(outcome({ target_key_id: '${aws_kms_key.central.id}' }, declaring('s3', 's1', 's2'))).toEqual(noncompliant('aws_kms_key.central is declared in stack s1, s2, s3, not in reader'));
    });
    it('Noncompliance: beyond three stacks, the first three and how many more', () => {
      expect(outcome({ target_key_id: '${aws_kms_key.central.id}' }, declaring('s1', 's2', 's3', 's4', 's5'))).toEqual(
        noncompliant('aws_kms_key.central is declared in stack s1, s2, s3 and 2 more, not in reader'),
      );
    });
  });
});

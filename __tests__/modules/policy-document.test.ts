import { Fn, Testing, TerraformOutput, TerraformVariable } from 'cdktf';
import { denyToAllButRoles, denyToAllExcept, policyDocument, renderJson, withExemptRoles, type ConditionBlock } from '../../modules/shared/policy-document';

/** Synthesizes what `build` returns as an output's value: the published modules' case, role ARNs in Terraform variables. */
function render(build: (list: (name: string) => string[], str: (name: string) => string) => unknown): unknown {
  const json = JSON.parse(
    Testing.synthScope((stack) => {
      const list = (name: string) => new TerraformVariable(stack, name, { type: 'list(string)' }).listValue;
      const str = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
      new TerraformOutput(stack, 'out', { value: build(list, str) });
    }),
  );
  return json.output.out.value;
}

const deny = { Sid: 'S', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['a:One', 'a:Two'], Resource: '*' };

describe('denyToAllExcept and withExemptRoles with literal role ARNs', () => {
  it('names the roles in ArnNotLike aws:PrincipalArn', () => {
    expect(denyToAllExcept('S', ['a:One', 'a:Two'], ['arn:aws:iam::1:role/a'])).toEqual({ ...deny, Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::1:role/a'] } } });
    expect(withExemptRoles({ Bool: { 'aws:x': 'true' } }, ['arn:aws:iam::1:role/a'])).toEqual({ Bool: { 'aws:x': 'true' }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::1:role/a'] } });
  });

  it('writes no condition when no role is exempt', () => {
    expect(denyToAllExcept('S', ['a:One', 'a:Two'], [])).toEqual(deny);
    expect(withExemptRoles({ Bool: { 'aws:x': 'true' } }, [])).toEqual({ Bool: { 'aws:x': 'true' } });
  });
});

describe('denyToAllExcept and withExemptRoles with role ARNs in Terraform lists', () => {
  it('a list alone: the condition exists only when the list holds a role (decided at plan time)', () => {
    expect(render((list) => denyToAllExcept('S', ['a:One', 'a:Two'], [...list('roles')]))).toEqual(
      '${merge({"Sid" = "S", "Effect" = "Deny", "Principal" = {"AWS" = "*"}, "Action" = ["a:One", "a:Two"], "Resource" = "*"}, ' +
        '(length(concat(var.roles)) >= 1) ? {"Condition" = {"ArnNotLike" = {"aws:PrincipalArn" = concat(var.roles)}}} : {})}',
    );
    expect(render((list) => withExemptRoles({ Bool: { 'aws:x': 'true' } }, [...list('roles'), ...list('more')]))).toEqual(
      '${merge({"Bool" = {"aws:x" = "true"}}, (length(concat(var.roles, var.more)) >= 1) ? {"ArnNotLike" = {"aws:PrincipalArn" = concat(var.roles, var.more)}} : {})}',
    );
  });

  it('lists and literal ARNs: consecutive literals joined into one list, each Terraform list as itself, the condition always there', () => {
    expect(render((list, str) => denyToAllExcept('S', ['a:One', 'a:Two'], [`arn:${str('p')}:iam::1:role/x`, ...list('roles'), ...list('more'), 'arn:y', 'arn:z']))).toEqual({
      ...deny,
      Condition: { ArnNotLike: { 'aws:PrincipalArn': '${concat([join("", ["arn:", var.p, ":iam::1:role/x"])], var.roles, var.more, ["arn:y", "arn:z"])}' } },
    });
    expect(render((list) => withExemptRoles({ Bool: { 'aws:x': 'true' } }, ['arn:x', 'arn:w', ...list('roles'), 'arn:y']))).toEqual({
      Bool: { 'aws:x': 'true' },
      ArnNotLike: { 'aws:PrincipalArn': '${concat(["arn:x", "arn:w"], var.roles, ["arn:y"])}' },
    });
  });

  it('passes the other conditions through merge, strings with tokens inside them as join', () => {
    const conditions = (str: (name: string) => string) =>
      ({
        StringEquals: { 'aws:PrincipalOrgID': str('org'), 'aws:SourceArn': [`arn:${str('p')}:s3:::b`, 'arn:aws:s3:::c'] },
        Bool: { 'aws:SecureTransport': false },
        Lookup: Fn.lookup({ a: 'b' }, 'a') as unknown as Record<string, string>,
      }) as unknown as ConditionBlock;
    expect(render((list, str) => withExemptRoles(conditions(str), [...list('roles')]))).toEqual(
      '${merge({"StringEquals" = {"aws:PrincipalOrgID" = var.org, "aws:SourceArn" = [join("", ["arn:", var.p, ":s3:::b"]), "arn:aws:s3:::c"]}, ' +
        '"Bool" = {"aws:SecureTransport" = false}, "Lookup" = {"a" = "b"}.a}, ' +
        '(length(concat(var.roles)) >= 1) ? {"ArnNotLike" = {"aws:PrincipalArn" = concat(var.roles)}} : {})}',
    );
  });
});

describe('denyToAllButRoles', () => {
  const byId = (ids: string[], extra = {}) => ({ Sid: 'SByRoleId', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['a:One', 'a:Two'], Resource: '*', Condition: { ...extra, StringNotLike: { 'aws:userid': ids } } });

  it('adds the twin deny by unique id when the ids are known', () => {
    expect(denyToAllButRoles('S', ['a:One', 'a:Two'], ['arn:aws:iam::1:role/a'], { 'arn:aws:iam::1:role/a': 'AROAEXAMPLE' })).toEqual([
      { ...deny, Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::1:role/a'] } } },
      byId(['AROAEXAMPLE:*']),
    ]);
  });

  it('keeps the other conditions in both denies, one action as a string', () => {
    const conditions = { StringEquals: { 'aws:x': 'y' } };
    expect(denyToAllButRoles('S', ['a:One'], ['arn:aws:iam::1:role/a'], { 'arn:aws:iam::1:role/a': 'AROAEXAMPLE' }, conditions)).toEqual([
      { ...deny, Action: 'a:One', Condition: { StringEquals: { 'aws:x': 'y' }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::1:role/a'] } } },
      { ...byId(['AROAEXAMPLE:*'], conditions), Action: ['a:One'] },
    ]);
    expect(denyToAllButRoles('S', ['a:One', 'a:Two'], [], {}, conditions)).toEqual([{ ...deny, Condition: conditions }]);
  });

  it('writes one deny when no role is exempt, even with ids given', () => {
    expect(denyToAllButRoles('S', ['a:One', 'a:Two'], [], {})).toEqual([deny]);
  });

  it('refuses an exempt role whose unique id is not known', () => {
    expect(() => denyToAllButRoles('S', ['a:One'], ['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b'], { 'arn:aws:iam::1:role/a': 'AROAEXAMPLE' })).toThrow(
      new Error('S: no unique id for the exempt role arn:aws:iam::1:role/b'),
    );
  });
});

describe('renderJson', () => {
  it('writes literal JSON for a document of literals', () => {
    expect(renderJson(policyDocument([denyToAllExcept('S', ['a:One'], ['arn:aws:iam::1:role/a'])]))).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny","Principal":{"AWS":"*"},"Action":["a:One"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::1:role/a"]}}}]}',
    );
  });

  it('goes through jsonencode when a value holds a token, and leaves a token in a key to Terraform\'s string interpolation', () => {
    expect(render((_list, str) => renderJson({ Statement: [{ Sid: 'S', Resource: `arn:${str('p')}:s3:::b` }] }))).toBe('${jsonencode({"Statement" = [{"Sid" = "S", "Resource" = "arn:${var.p}:s3:::b"}]})}');
    expect(render((_list, str) => renderJson({ [str('k')]: 'v' }))).toBe('{"${var.k}":"v"}');
  });

  it('goes through jsonencode when a statement is a Terraform value and nothing else is (roles from a list variable alone)', () => {
    expect(render((list) => renderJson(policyDocument([denyToAllExcept('S', ['a:One'], [...list('roles')])])))).toBe(
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [merge({"Sid" = "S", "Effect" = "Deny", "Principal" = {"AWS" = "*"}, "Action" = ["a:One"], "Resource" = "*"}, ' +
        '(length(concat(var.roles)) >= 1) ? {"Condition" = {"ArnNotLike" = {"aws:PrincipalArn" = concat(var.roles)}}} : {})]})}',
    );
  });
});

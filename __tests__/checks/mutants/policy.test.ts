/**
 * How checks/policy.ts reads a policy document, and the helpers every principal and condition rule
 * builds on: each normalization, each wildcard character, each limit, on the smallest input.
 */
import { awsPrincipals, conditionValues, coversAction, parsePolicy, principalAccount, wildcardMatches, wildcardRegex, type Statement } from '../../../checks/policy';

const one = (statement: object): Statement => {
  const statements = parsePolicy(JSON.stringify({ Statement: statement }));
  expect(statements).toHaveLength(1);
  return statements![0];
};

describe('parsePolicy', () => {
  it('reads nothing from what is not a policy document', () => {
    expect(parsePolicy(undefined)).toBeUndefined();
    expect(parsePolicy({ Statement: [] })).toBeUndefined();
    expect(parsePolicy(['{"Statement":[]}'])).toBeUndefined();
    expect(parsePolicy('not json')).toBeUndefined();
    expect(parsePolicy('null')).toBeUndefined();
    expect(parsePolicy('{"Version":"2012-10-17"}')).toBeUndefined();
  });

  it('reads an empty statement list as no statement', () => {
    expect(parsePolicy('{"Statement":[]}')).toEqual([]);
  });

  it('normalizes a statement of single values: every value a list, the principal by kind', () => {
    expect(
      one({ Sid: 'S', Effect: 'Deny', Principal: { AWS: '111111111111', Service: ['backup.amazonaws.com'] }, Action: 'kms:Decrypt', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }),
    ).toEqual({
      sid: 'S',
      effect: 'Deny',
      principal: { AWS: ['111111111111'], Service: ['backup.amazonaws.com'] },
      notPrincipal: false,
      actions: ['kms:Decrypt'],
      notAction: false,
      conditions: { StringEquals: { 'aws:PrincipalOrgID': ['o-1'] } },
    });
  });

  it('reads Principal "*", NotPrincipal and NotAction, and the absence of each field', () => {
    expect(one({ Effect: 'Allow', Principal: '*', Action: ['a:B', 'c:D'] })).toEqual({
      sid: undefined,
      effect: 'Allow',
      principal: '*',
      notPrincipal: false,
      actions: ['a:B', 'c:D'],
      notAction: false,
      conditions: {},
    });
    expect(one({ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111111111111:root'] }, NotAction: 'kms:Decrypt' })).toEqual({
      sid: undefined,
      effect: 'Deny',
      principal: { AWS: ['arn:aws:iam::111111111111:root'] },
      notPrincipal: true,
      actions: ['kms:Decrypt'],
      notAction: true,
      conditions: {},
    });
    expect(one({ Effect: 'Deny', NotPrincipal: '*' })).toMatchObject({ principal: '*', notPrincipal: true, actions: [], notAction: false });
    expect(one({})).toEqual({ sid: undefined, effect: 'Allow', principal: undefined, notPrincipal: false, actions: [], notAction: false, conditions: {} });
  });

  it('takes an Effect other than exactly "Deny" as Allow, a Sid that is not a string as none, null as no value and other values as text', () => {
    expect(one({ Effect: 'deny' }).effect).toBe('Allow');
    expect(one({ Sid: 5 }).sid).toBeUndefined();
    expect(one({ Action: null }).actions).toEqual([]);
    expect(one({ Action: [1, true] }).actions).toEqual(['1', 'true']);
    expect(one({ Condition: { Bool: { 'aws:SecureTransport': false, 'aws:X': null } } }).conditions).toEqual({ Bool: { 'aws:SecureTransport': ['false'], 'aws:X': [] } });
  });

  it('reads a single statement object and a ${jsonencode(...)} expression, references kept as text', () => {
    expect(parsePolicy('{"Statement":{"Effect":"Deny"}}')).toHaveLength(1);
    expect(parsePolicy('${jsonencode({"Statement" = [{"Effect" = "Allow", "Principal" = {"AWS" = aws_iam_role.r.arn}}]})}')).toEqual([
      { sid: undefined, effect: 'Allow', principal: { AWS: ['${aws_iam_role.r.arn}'] }, notPrincipal: false, actions: [], notAction: false, conditions: {} },
    ]);
  });

  it('parses each distinct document once: the same text gives the same statements', () => {
    const text = '{"Statement":[{"Effect":"Allow"}]}';
    expect(parsePolicy(text)).toBe(parsePolicy(text));
    expect(parsePolicy(`${text} `)).not.toBe(parsePolicy(text));
  });
});

describe('wildcardRegex', () => {
  it('takes every regular-expression character literally', () => {
    for (const literal of ['a.b', 'a+b', 'a^b', 'a$b', 'a{2}', 'a(b)', 'a|b', '[ab]', 'a\\d', '{}', '()', 'a{1,}']) {
      expect([literal, wildcardRegex(literal).test(literal)]).toEqual([literal, true]);
    }
    expect(wildcardRegex('a.b').test('axb')).toBe(false);
    expect(wildcardRegex('a.b.c').test('a.bxc')).toBe(false);
    expect(wildcardRegex('a|b').test('a')).toBe(false);
    expect(wildcardRegex('a{2}').test('aa')).toBe(false);
    expect(wildcardRegex('[ab]').test('a')).toBe(false);
    expect(wildcardRegex('a\\d').test('a1')).toBe(false);
  });

  it('makes every * any run and every ? one character, anchored at both ends', () => {
    expect(wildcardRegex('a*b*c').test('aXXbYYc')).toBe(true);
    expect(wildcardRegex('a*b*c').test('abc')).toBe(true);
    expect(wildcardRegex('a*b*c').test('a*b*c')).toBe(true);
    expect(wildcardRegex('a?b?').test('aXbY')).toBe(true);
    expect(wildcardRegex('a?b?').test('ab')).toBe(false);
    expect(wildcardRegex('a?b?').test('aXbYZ')).toBe(false);
    expect(wildcardRegex('b').test('ab')).toBe(false);
    expect(wildcardRegex('a').test('ab')).toBe(false);
    expect(wildcardRegex('').test('')).toBe(true);
    expect(wildcardRegex('').test('a')).toBe(false);
  });

  it('compiles with the flags asked for, and keeps the compilations apart', () => {
    expect(wildcardRegex('kms:decrypt').test('KMS:Decrypt')).toBe(false);
    expect(wildcardRegex('kms:decrypt', 'i').test('KMS:Decrypt')).toBe(true);
    expect(wildcardRegex('kms:decrypt').flags).toBe('');
    expect(wildcardRegex('kms:decrypt', 'i').flags).toBe('i');
  });

  it('keeps at most 10,000 compiled patterns: the cache starts anew when the 10,001st arrives', () => {
    // First reach a known state: add patterns until the cache starts anew (it drops `first`).
    const first = wildcardRegex('cache-0');
    let n = 1;
    while (wildcardRegex('cache-0') === first && n <= 10_001) wildcardRegex(`cache-${n++}`);
    expect(n).toBeLessThanOrEqual(10_001);
    // The cache now holds the last `cache-<n>` and `cache-0`; one case-insensitive compilation and
    // 9,997 more make 10,000 (both flags count), all kept.
    const again = wildcardRegex('cache-0');
    wildcardRegex('insensitive', 'i');
    for (let i = 0; i < 9_997; i++) wildcardRegex(`refill-${i}`);
    expect(wildcardRegex('cache-0')).toBe(again);
    wildcardRegex('refill-last');
    expect(wildcardRegex('cache-0')).not.toBe(again);
  });
});

describe('wildcardMatches', () => {
  it('compares a pattern without wildcards as the whole string', () => {
    expect(wildcardMatches('ab', 'ab')).toBe(true);
    expect(wildcardMatches('ab', 'abc')).toBe(false);
    expect(wildcardMatches('ab', 'xab')).toBe(false);
    expect(wildcardMatches('a.b', 'axb')).toBe(false);
  });

  it('matches a trailing * as any run without a line terminator', () => {
    expect(wildcardMatches('ab*', 'ab')).toBe(true);
    expect(wildcardMatches('ab*', 'abcd')).toBe(true);
    expect(wildcardMatches('ab*', 'xabcd')).toBe(false);
    expect(wildcardMatches('ab*', 'a')).toBe(false);
    expect(wildcardMatches('ab*', 'b')).toBe(false);
    for (const terminator of ['\n', '\r', '\u2028', '\u2029']) {
      expect([JSON.stringify(terminator), wildcardMatches('ab*', `abc${terminator}d`)]).toEqual([JSON.stringify(terminator), false]);
    }
    expect(wildcardMatches('a.*', 'axb')).toBe(false);
    // Only what the * stands for is looked at: a line terminator in the literal prefix is matched literally.
    expect(wildcardMatches('a\nb*', 'a\nbc')).toBe(true);
  });

  it('matches other wildcards as wildcardRegex does', () => {
    expect(wildcardMatches('*b', 'ab')).toBe(true);
    expect(wildcardMatches('*b', 'ba')).toBe(false);
    expect(wildcardMatches('a*b', 'aXb')).toBe(true);
    expect(wildcardMatches('a*b', 'aXbc')).toBe(false);
    expect(wildcardMatches('a?', 'ab')).toBe(true);
    expect(wildcardMatches('a?', 'a?x')).toBe(false);
    expect(wildcardMatches('a?*', 'abc')).toBe(true);
    expect(wildcardMatches('a?*', 'a')).toBe(false);
    expect(wildcardMatches('a?', 'a?')).toBe(true);
  });
});

describe('coversAction', () => {
  it('matches action patterns case-insensitively and as a whole', () => {
    expect(coversAction('kms:*', 'KMS:Decrypt')).toBe(true);
    expect(coversAction('KMS:DECRYPT', 'kms:Decrypt')).toBe(true);
    expect(coversAction('kms:Decrypt', 'kms:DecryptX')).toBe(false);
    expect(coversAction('kms:?ecrypt', 'kms:Decrypt')).toBe(true);
  });
});

describe('awsPrincipals', () => {
  const statement = (principal: Statement['principal']): Statement => ({ effect: 'Allow', principal, notPrincipal: false, actions: [], notAction: false, conditions: {} });

  it('names * for Principal "*", the AWS principals otherwise, none for service principals or no principal', () => {
    expect(awsPrincipals(statement('*'))).toEqual(['*']);
    expect(awsPrincipals(statement({ AWS: ['a', 'b'], Service: ['s'] }))).toEqual(['a', 'b']);
    expect(awsPrincipals(statement({ Service: ['s'] }))).toEqual([]);
    expect(awsPrincipals(statement(undefined))).toEqual([]);
  });

  it('returns a copy, never the statement list itself', () => {
    const aws = ['a'];
    const found = awsPrincipals(statement({ AWS: aws }));
    expect(found).toEqual(['a']);
    expect(found).not.toBe(aws);
  });
});

describe('principalAccount', () => {
  it('reads a bare 12-digit account id and the account field of an ARN', () => {
    expect(principalAccount('123456789012')).toBe('123456789012');
    expect(principalAccount('arn:aws:iam::123456789012:root')).toBe('123456789012');
    expect(principalAccount('arn:aws:iam::123456789012:role/a:b')).toBe('123456789012');
  });

  it('reads no account from anything else', () => {
    for (const principal of ['*', '12345678901', '1234567890123', 'x123456789012', '123456789012x', 'arn:aws:iam::12345678901:root', 'arn:aws:iam::1234567890123:root', 'arn:aws:iam::12345678901x:root', 'arn:aws:iam:::root', 'arn:aws:iam::a23456789012:root', 'arn:aws:iam::x123456789012:root', 'arn:aws:iam:123456789012::root', 'arn:aws:iam::*:root']) {
      expect([principal, principalAccount(principal)]).toEqual([principal, undefined]);
    }
  });
});

describe('conditionValues', () => {
  const statement = (conditions: Statement['conditions']): Statement => ({ effect: 'Allow', notPrincipal: false, actions: [], notAction: false, conditions });

  it('finds the values of a key under one of the operators named, comparing keys case-insensitively', () => {
    const s = statement({ StringLike: { 'aws:PrincipalArn': ['x'] }, StringEquals: { 'AWS:principalorgid': ['o-1', 'o-2'] } });
    expect(conditionValues(s, ['StringEquals'], 'aws:PrincipalOrgID')).toEqual(['o-1', 'o-2']);
    expect(conditionValues(s, ['StringEquals'], 'AWS:PRINCIPALORGID')).toEqual(['o-1', 'o-2']);
    expect(conditionValues(s, ['StringLike', 'StringEquals'], 'aws:principalarn')).toEqual(['x']);
  });

  it('finds nothing under an operator not named, nor for a key not there', () => {
    const s = statement({ StringLike: { 'aws:PrincipalOrgID': ['o-1'] } });
    expect(conditionValues(s, ['StringEquals'], 'aws:PrincipalOrgID')).toBeUndefined();
    expect(conditionValues(s, ['StringLike'], 'aws:PrincipalOrgPaths')).toBeUndefined();
    expect(conditionValues(statement({}), ['StringLike'], 'aws:PrincipalOrgID')).toBeUndefined();
  });

  it('looks past an operator whose keys do not match to the next one named', () => {
    const s = statement({ StringEquals: { 'aws:SourceAccount': ['1'] }, StringLike: { 'aws:PrincipalOrgID': ['o-*'] } });
    expect(conditionValues(s, ['StringEquals', 'StringLike'], 'aws:PrincipalOrgID')).toEqual(['o-*']);
  });

  it('returns a copy of the values', () => {
    const values = ['o-1'];
    const found = conditionValues(statement({ StringEquals: { k: values } }), ['StringEquals'], 'k');
    expect(found).toEqual(['o-1']);
    expect(found).not.toBe(values);
  });
});

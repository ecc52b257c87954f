/**
 * The fast path's resolve (checks/fast-synth.ts) returns what cdktf's returns, value for value and
 * error for error, on the kinds of value a construct can hand it, including those this app does
 * not produce today (the identity test in fast-synth.test.ts covers what it does produce): tokens
 * in strings, lists, numbers and map keys, Lazy values, functions that suppress braces for their
 * arguments, strings that look like encoded numbers or escapes, undefined members, dates, and the
 * errors for a construct or a function inside a value.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, Token, Tokenization } from 'cdktf';
import { FAST_SYNTH_CDKTF_VERSION, fastResolve } from '../../checks/fast-synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('cdktf/package.json') as { name: string; version: string };

(core.name === 'cdktf' && core.version === FAST_SYNTH_CDKTF_VERSION ? describe : describe.skip)('the fast path resolve', () => {
  const app = new App({ outdir: '/nonexistent' });
  const stack = new TerraformStack(app, 'resolve');
  const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b' });
  const stock = (value: unknown) => Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  const outcome = (resolve: () => unknown) => {
    try {
      return { json: JSON.stringify(resolve()) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const fast = (value: unknown) => {
    const result = fastResolve(stack, value);
    if (!result) throw new Error('the fast path internals are missing');
    return result.value;
  };

  const cases: [string, () => unknown][] = [
    ['plain data', () => ({ a: 'x', b: true, c: null, d: [{ e: 'f' }, [], {}], g: '' })],
    ['undefined members dropped', () => ({ a: undefined, b: [undefined, 'x', undefined], c: { d: undefined } })],
    ['a string token', () => ({ arn: bucket.arn, text: `${bucket.arn}/*` })],
    ['a list token', () => ({ ids: Token.asList(bucket.arn), list: [bucket.arn, 'x'], inner: [Token.asList(bucket.id)] })],
    ['numbers and a number token', () => ({ n: 1, m: [1, 2.5, -3], t: Token.asNumber(bucket.arn), l: [Token.asNumber(bucket.id)] })],
    ['strings shaped like encoded numbers', () => ({ a: '1e5', b: '-1.8881545897087626e+289', c: 'arn:x:1e+9', d: ['2e3'] })],
    ['escapes and braces', () => ({ a: '${literal}', b: '$${escaped}', c: '}{', d: '%{if x}y%{endif}' })],
    ['a Lazy value', () => ({ lazy: Lazy.stringValue({ produce: () => bucket.arn }), any: Lazy.anyValue({ produce: () => ({ k: [bucket.id, undefined] }) }) })],
    ['functions that suppress braces', () => ({ joined: Fn.join(',', [bucket.arn, 'x']), nested: { j: Fn.jsonencode({ a: bucket.arn, b: ['c'] }) } })],
    ['a token in a key', () => ({ [bucket.id]: 'v', plain: 'w' })],
    ['a map token', () => ({ tags: Token.asStringMap(bucket.tags), any: Token.asAnyMap(bucket.tags) })],
    ['a date', () => ({ when: new Date(0) })],
    ['a map token value in a string', () => ({ a: Token.STRING_MAP_TOKEN_VALUE })],
    ['a construct inside a value', () => ({ bucket })],
    ['a function inside a value', () => ({ f: () => 1 })],
    ['a deep value', () => Array.from({ length: 120 }).reduce<unknown>((inner) => ({ k: inner }), bucket.arn)],
    ['a too deep value', () => Array.from({ length: 220 }).reduce<unknown>((inner) => ({ k: inner }), 'x')],
  ];

  it.each(cases)('%s: the same result or error as cdktf', (_name, make) => {
    const expected = outcome(() => stock(make()));
    expect(outcome(() => fast(make()))).toEqual(expected);
  });

  it('keeps tokens and errors apart from plain data (the cases are not all plain)', () => {
    expect(outcome(() => stock(cases[2][1]())).json).toContain('${aws_s3_bucket.bucket.arn}');
    expect(outcome(() => stock({ bucket })).error).toMatch(/construct/i);
  });
});

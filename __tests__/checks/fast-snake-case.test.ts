/**
 * The fast path's key conversion (memoizedKeysToSnakeCase in checks/fast-synth.ts) returns what
 * cdktf's keysToSnakeCase returns, for every key shape and nesting cdktf's handles, and throws where
 * cdktf's throws: it only remembers each key's name, the conversion stays cdktf's.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformStack, Token } from 'cdktf';
import * as fc from 'fast-check';
import { memoizedKeysToSnakeCase } from '../../checks/fast-synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const util = require('cdktf/lib/util') as { snakeCase: (s: string) => string; keysToSnakeCase: (o: unknown) => unknown };

const outcome = (convert: () => unknown) => {
  try {
    return { json: JSON.stringify(convert()) };
  } catch (err) {
    return { error: (err as Error).constructor.name };
  }
};

describe('the fast path key conversion', () => {
  const app = new App({ outdir: '/nonexistent' });
  const bucket = new S3Bucket(new TerraformStack(app, 'keys'), 'bucket', { bucket: 'b' });
  const fast = memoizedKeysToSnakeCase(util.snakeCase);

  const cases: [string, () => unknown][] = [
    ['camel, Pascal, acronyms, digits and separators', () => ({ allowedAccountIds: [1], SkipCredentialsValidation: true, s3UsePathStyle: 'x', 'a-b c': 1, __x__: 2, ABCDef: 3, '': 4 })],
    ['tags and environment keep their keys', () => ({ tags: { costCenter: 'a' }, environment: { myVar: 'b' }, tagsAll: { keyName: 'c' } })],
    ['nested objects and arrays', () => ({ assumeRole: [{ roleArn: 'r', sessionName: 's', tags: { aB: 1 } }], lifecycle: { createBeforeDestroy: true, ignoreChanges: ['fooBar'] } })],
    ['arrays of arrays', () => [[{ innerKey: 1 }], { outerKey: [{ deepKey: 2 }] }]],
    ['a resolvable', () => ({ someToken: Token.asAny(bucket.arn), inner: { keyA: bucket.arn } })],
    ['a resolvable at the root', () => Token.asAny(bucket.arn)],
    ['two keys with one snake-case name: the later one wins', () => ({ fooBar: 1, foo_bar: 2 })],
    ['undefined values', () => ({ accessKey: undefined, region: 'eu-west-1' })],
    ['null value (cdktf throws)', () => ({ someKey: null })],
  ];

  it.each(cases)('%s: the same result or error as cdktf', (_name, make) => {
    // One value for both: each read of a token attribute makes a new token. Neither changes its input.
    const value = make();
    expect(outcome(() => fast(value))).toEqual(outcome(() => util.keysToSnakeCase(value)));
  });

  it('the cases tell the conversions apart (a converter that returns its input fails them)', () => {
    const identity = (o: unknown) => o;
    const differing = cases.filter(([, make]) => {
      const value = make();
      return JSON.stringify(outcome(() => identity(value))) !== JSON.stringify(outcome(() => util.keysToSnakeCase(value)));
    });
    expect(differing.map(([name]) => name)).toEqual(cases.map(([name]) => name).filter((n) => !/resolvable at the root|undefined values/.test(n)));
  });

  it('agrees with cdktf on generated values, and remembers a name only as cdktf computes it', () => {
    const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('tags', 'environment', 'fooBar', 'FooBAR9x', 'a_b-c'));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), tie('object'), tie('array')),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
      array: fc.array(tie('tree'), { maxLength: 4 }),
    }));
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(key, tree, { maxKeys: 6 }), fc.array(tree, { maxLength: 4 })), (value) => {
        // A fresh converter and a long-lived one: what is remembered from earlier values changes nothing.
        expect(outcome(() => memoizedKeysToSnakeCase(util.snakeCase)(value))).toEqual(outcome(() => util.keysToSnakeCase(value)));
        expect(outcome(() => fast(value))).toEqual(outcome(() => util.keysToSnakeCase(value)));
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});

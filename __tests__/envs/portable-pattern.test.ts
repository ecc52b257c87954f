/**
 * envs/portable-pattern.ts, called directly: each rewrite inside and outside a character class,
 * what is kept as it is, the check for what is not portable (each construct it names, and what it
 * must let through), and the rewrite of every `pattern` of a schema, however deep.
 */
import { makePatternsPortable, NON_PORTABLE, PORTABLE_TAG_CLASS, portablePattern } from '../../envs/portable-pattern';

const TAG_CLASS = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]';
const SPACES = ' \t\n\r\f\v\u00a0\u2028\u2029\ufeff';

describe('portablePattern', () => {
  it("says AWS's tag class as everything but the ASCII and control characters AWS refuses", () => {
    expect(PORTABLE_TAG_CLASS).toBe('[^\u0000-\u001f\u007f!-*,;<>?\\[-\\^`{-~]');
  });

  it.each([
    // AWS's tag class, alone, repeated, followed by more
    [TAG_CLASS, PORTABLE_TAG_CLASS],
    [`^${TAG_CLASS}*$`, `^${PORTABLE_TAG_CLASS}*$`],
    [`${TAG_CLASS}{1,128}${TAG_CLASS}x`, `${PORTABLE_TAG_CLASS}{1,128}${PORTABLE_TAG_CLASS}x`],
    // inside another class it is not that class: its characters are kept (escapes as they are)
    [`[a${TAG_CLASS}`, `[a${TAG_CLASS}`],
    // shorthand classes outside and inside a class
    ['\\d', '[0-9]'],
    ['\\w', '[A-Za-z0-9_]'],
    ['\\s', `[${SPACES}]`],
    ['[\\d]', '[0-9]'],
    ['[\\w-]', '[A-Za-z0-9_-]'],
    ['[x\\s]', `[x${SPACES}]`],
    ['^\\d{12}$', '^[0-9]{12}$'],
    ['[a]\\d', '[a][0-9]'],
    ['[a][\\d]\\w', '[a][0-9][A-Za-z0-9_]'],
    // other escapes kept, an escaped bracket opens no class
    ['\\.', '\\.'],
    ['a\\-b\\/c', 'a\\-b\\/c'],
    ['\\[\\d', '\\[[0-9]'],
    ['[\\]\\d]\\d', '[\\]0-9][0-9]'],
    ['\\\\d', '\\\\d'],
    // nothing to rewrite
    ['', ''],
    ['^[a-z]+$', '^[a-z]+$'],
    ['dw', 'dw'],
  ])('%j -> %j', (source, portable) => {
    expect(portablePattern(source)).toBe(portable);
  });
});

describe('NON_PORTABLE', () => {
  it.each([
    '\\p{L}', '\\P{L}', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\b', '\\B',
    '(?<=a)', '(?<!a)', '(?<a>x)', '(?<z>x)', '(?<A>x)', '(?<Z>x)', '(?<m>x)', '(?<M>x)',
    '(?a)', '(?z)', '(?i)', '(?m:x)',
    'x\\dy',
  ])('catches %j', (source) => {
    expect(NON_PORTABLE.test(source)).toBe(true);
  });

  it.each(['', 'abc', '[0-9]', '\\.', '\\-', '\\/', '\\n', '(?:x)', '(?=x)', '(?!x)', '(x)', '(?<1>x)', '(?A)', '(?<_x>x)', 'pdws'])('lets %j through', (source) => {
    expect(NON_PORTABLE.test(source)).toBe(false);
  });
});

describe('makePatternsPortable', () => {
  it('rewrites every pattern of a schema, in objects and lists, however deep, and nothing else', () => {
    const schema = {
      type: 'object',
      pattern: '^\\d$',
      description: 'a \\d that is not a pattern',
      examples: ['\\d'],
      properties: {
        // a property named "pattern" is a schema, not a pattern
        pattern: { type: 'string', pattern: '\\w+', default: null },
        list: { type: 'array', items: [{ pattern: '\\s' }, { anyOf: [{ pattern: '[\\d]' }, null, 3, true] }] },
        count: { type: 'integer', minimum: 0, pattern: 7 },
      },
    };
    makePatternsPortable(schema);
    expect(schema).toEqual({
      type: 'object',
      pattern: '^[0-9]$',
      description: 'a \\d that is not a pattern',
      examples: ['\\d'],
      properties: {
        pattern: { type: 'string', pattern: '[A-Za-z0-9_]+', default: null },
        list: { type: 'array', items: [{ pattern: `[${SPACES}]` }, { anyOf: [{ pattern: '[0-9]' }, null, 3, true] }] },
        count: { type: 'integer', minimum: 0, pattern: 7 },
      },
    });
  });

  it('rewrites the patterns of a list at the top', () => {
    const list = [{ pattern: '\\d' }, [{ pattern: '\\w' }]];
    makePatternsPortable(list);
    expect(list).toEqual([{ pattern: '[0-9]' }, [{ pattern: '[A-Za-z0-9_]' }]]);
  });

  it.each([null, undefined, 'a \\d', 3, true])('leaves %j alone', (value) => {
    expect(() => makePatternsPortable(value)).not.toThrow();
  });
});

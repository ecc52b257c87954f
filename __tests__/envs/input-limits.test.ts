/**
 * The input limits of envs/input-limits.ts, called directly on the smallest input: each limit on
 * both sides, each branch of the JSON error scanner, each rule of the message previews and escapes.
 */
import { MAX_CONFIG_BYTES, MAX_DEPTH, MAX_YAML_ALIAS_COUNT, RESERVED_KEYS, inputProblems, jsonErrorOffset, oneLine, preview } from '../../envs/input-limits';

const CYCLE = 'refers back to a value that contains it (a YAML alias inside its own anchor); write the value out';
const TOO_DEEP = `nested more than ${MAX_DEPTH} levels deep; a configuration needs fewer than 10`;
const RESERVED = '"__proto__" cannot be a key: JavaScript reserves it; rename it';

/** `levels` lists, one inside the other. */
function nested(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

describe('the limits', () => {
  it('are the documented figures', () => {
    expect(MAX_CONFIG_BYTES).toBe(16_777_216);
    expect(MAX_DEPTH).toBe(64);
    expect(MAX_YAML_ALIAS_COUNT).toBe(1000);
    expect(RESERVED_KEYS).toEqual(['__proto__']);
  });
});

describe('inputProblems', () => {
  it('finds nothing in plain values, null and strings included', () => {
    expect(inputProblems(null)).toEqual([]);
    expect(inputProblems('text')).toEqual([]);
    expect(inputProblems(7)).toEqual([]);
    expect(inputProblems({ a: null, b: 'text', c: [1, 'two', null, { d: 'x' }], e: {} })).toEqual([]);
  });

  it('accepts MAX_DEPTH levels of nesting and refuses one more, at the path of the first level too deep', () => {
    expect(inputProblems(nested(MAX_DEPTH))).toEqual([]);
    expect(inputProblems(nested(MAX_DEPTH + 1))).toEqual([{ path: Array<number>(MAX_DEPTH).fill(0), message: TOO_DEEP }]);
    // Maps count as lists do; a plain value at the deepest level is no level of its own.
    let map: unknown = 'leaf';
    for (let i = 0; i < MAX_DEPTH; i++) map = { k: map };
    expect(inputProblems(map)).toEqual([]);
    expect(inputProblems({ k: map })).toEqual([{ path: Array<string>(MAX_DEPTH).fill('k'), message: TOO_DEEP }]);
  });

  it('refuses a value inside itself, at the path of the reference, once', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(inputProblems(loop)).toEqual([{ path: ['self'], message: CYCLE }]);
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(inputProblems({ top: list })).toEqual([{ path: ['top', 1, 'back'], message: CYCLE }]);
  });

  it('accepts a value shared by two places (an alias used twice), in maps and lists alike', () => {
    const shared = { x: [1, 2] };
    expect(inputProblems({ a: shared, b: shared, c: [shared, shared] })).toEqual([]);
    const list = [shared];
    expect(inputProblems([list, list])).toEqual([]);
  });

  it('refuses __proto__ as a key, as an own key of a map, and looks no further below it', () => {
    expect(inputProblems(JSON.parse('{"__proto__": 1}'))).toEqual([{ path: ['__proto__'], message: RESERVED }]);
    expect(inputProblems(JSON.parse('{"a": [{"__proto__": {"__proto__": {}}}]}'))).toEqual([{ path: ['a', 0, '__proto__'], message: RESERVED }]);
    // The other keys of that map are still looked at.
    expect(inputProblems(JSON.parse('{"__proto__": {}, "b": {"__proto__": null}}'))).toEqual([
      { path: ['__proto__'], message: RESERVED },
      { path: ['b', '__proto__'], message: RESERVED },
    ]);
    // constructor and prototype are plain own keys.
    expect(inputProblems({ constructor: { prototype: {} } })).toEqual([]);
  });

  it('looks only at the items of a list, not at other properties it may carry', () => {
    const list: unknown[] = [1];
    Object.defineProperty(list, '__proto__', { value: 2, enumerable: true });
    expect(inputProblems(list)).toEqual([]);
  });

  it('reports every problem in document order, the first entry of each map and list included', () => {
    const loop: Record<string, unknown> = {};
    loop.again = loop;
    const problems = inputProblems({
      first: loop,
      list: [nested(MAX_DEPTH), JSON.parse('{"__proto__": 0}')],
      last: loop,
    });
    expect(problems).toEqual([
      { path: ['first', 'again'], message: CYCLE },
      { path: ['list', 0, ...Array<number>(MAX_DEPTH - 2).fill(0)], message: TOO_DEEP },
      { path: ['list', 1, '__proto__'], message: RESERVED },
      { path: ['last', 'again'], message: CYCLE },
    ]);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['1'],
    ['-1'],
    ['0'],
    ['10'],
    ['9'],
    ['1234567890'],
    ['-0.5'],
    ['1.25'],
    ['1e5'],
    ['1E55'],
    ['1e+5'],
    ['1e-5'],
    ['2.5E-10'],
    ['true'],
    ['false'],
    ['null'],
    ['""'],
    ['"ab"'],
    ['" ~\u007f\u00e9"'],
    ['"\\""'],
    ['"\\\\"'],
    ['"\\/"'],
    ['"\\b"'],
    ['"\\f"'],
    ['"\\n"'],
    ['"\\r"'],
    ['"\\t"'],
    ['"\\u09af"'],
    ['"\\uAF09"'],
    ['[]'],
    ['{}'],
    ['[1]'],
    ['[1,2,"x"]'],
    ['{"a":1}'],
    ['{"a":1,"b":[{}],"c":{"d":null}}'],
    [' 1'],
    ['\t1'],
    ['\n1'],
    ['\r1'],
    [' [ 1 , { "a" : 2 } ] \r\n\t'],
  ])('accepts %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['', 0],
    [' ', 1],
    [']', 0],
    ['}', 0],
    [',', 0],
    ['[', 1],
    ['{', 1],
    ['[1', 2],
    ['{"a":1', 6],
    ['{"a"', 4],
    ['{"a":', 5],
    ['[1,', 3],
    ['[1,]', 3],
    ['[,1]', 1],
    ['{"a":1,}', 7],
    ['{,}', 1],
    ['{1:2}', 1],
    ['{"a" 1}', 5],
    ['{"a":1 "b":2}', 7],
    ['[1 2]', 3],
    ['[1:2]', 2],
    ['[1}', 2],
    ['{"a":1]', 6],
    ['[{]}', 2],
    ['1 2', 2],
    ['1,2', 1],
    ['"a" "b"', 4],
    ['[] []', 3],
    ['01', 1],
    ['-', 0],
    ['+1', 0],
    ['.5', 0],
    ['1.', 1],
    ['1.x', 1],
    ['1e', 1],
    ['1e+', 1],
    ['1ex', 1],
    ['nul', 0],
    ['True', 0],
    ['"abc', 0],
    ['"\\x"', 0],
    ['"\\u12"', 0],
    ['"\\u00g0"', 0],
    ['"\\u00G0"', 0],
    ['"\u0000"', 0],
    ['"\u001f"', 0],
    ['"\n"', 0],
    ['\u00a01', 0],
    ['\f1', 0],
    ['[1]x', 3],
  ])('puts the error in %j at %d', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});

describe('preview', () => {
  it('writes plain values as they read', () => {
    expect(preview('a"b')).toBe('"a\\"b"');
    expect(preview(12.5)).toBe('12.5');
    expect(preview(Number.NaN)).toBe('NaN');
    expect(preview(-Infinity)).toBe('-Infinity');
    expect(preview(true)).toBe('true');
    expect(preview(10n)).toBe('10');
    expect(preview(null)).toBe('null');
    expect(preview(undefined)).toBe('undefined');
    expect(preview(Symbol('s'))).toBe('Symbol(s)');
    expect(preview([])).toBe('[]');
    expect(preview({})).toBe('{}');
    expect(preview([1, 'a', null, [2], { b: false }])).toBe('[1,"a",null,[2],{"b":false}]');
    expect(preview({ a: 1, 'b c': [null] })).toBe('{"a":1,"b c":[null]}');
  });

  it('cuts at `max` characters: a text of exactly max is whole, one more ends in ...', () => {
    expect(preview('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
    expect(preview('x'.repeat(79))).toBe(`"${'x'.repeat(76)}...`);
    expect(preview('x'.repeat(8), 10)).toBe('"xxxxxxxx"');
    expect(preview('x'.repeat(9), 10)).toBe('"xxxxxx...');
  });

  it('keeps the first 200 characters of a long string, whole up to 200', () => {
    expect(preview('y'.repeat(200), 1000)).toBe(`"${'y'.repeat(200)}"`);
    expect(preview('y'.repeat(201), 1000)).toBe(`"${'y'.repeat(200)}"`);
    expect(preview(`${'y'.repeat(200)}zzz`, 1000)).toBe(`"${'y'.repeat(200)}"`);
  });

  it('shows three levels of lists and maps, then [...] or {...}', () => {
    expect(preview([[[1]]])).toBe('[[[1]]]');
    expect(preview([[[[1]]]])).toBe('[[[[...]]]]');
    expect(preview({ a: { b: { c: 1 } } })).toBe('{"a":{"b":{"c":1}}}');
    expect(preview({ a: { b: { c: { d: 1 } } } })).toBe('{"a":{"b":{"c":{...}}}}');
    expect(preview([{ a: [{ b: 1 }] }])).toBe('[{"a":[{...}]}]');
    expect(preview({ a: [{ b: [1] }] })).toBe('{"a":[{"b":[...]}]}');
  });

  it('shows ten items of a list and ten entries of a map, then ,...', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i);
    expect(preview(ten)).toBe('[0,1,2,3,4,5,6,7,8,9]');
    expect(preview([...ten, 10])).toBe('[0,1,2,3,4,5,6,7,8,9,...]');
    const map = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String.fromCharCode(97 + i), i]));
    expect(preview(map(10), 1000)).toBe('{"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9}');
    expect(preview(map(11), 1000)).toBe('{"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9,...}');
  });

  it('shows a key of up to 40 characters whole, a longer one cut to 40 and ...', () => {
    expect(preview({ [`${'k'.repeat(40)}`]: 1 }, 1000)).toBe(`{"${'k'.repeat(40)}":1}`);
    expect(preview({ [`${'k'.repeat(40)}zz`]: 1 }, 1000)).toBe(`{"${'k'.repeat(40)}...":1}`);
  });
});

describe('oneLine', () => {
  it('escapes line breaks and other control characters, and nothing else', () => {
    expect(oneLine('a\nb\nc')).toBe('a\\nb\\nc');
    expect(oneLine('\r')).toBe('\\r');
    expect(oneLine('\t')).toBe('\\t');
    expect(oneLine('\u0000')).toBe('\\u0000');
    expect(oneLine('\u0001\u001b')).toBe('\\u0001\\u001b');
    expect(oneLine('\u001f')).toBe('\\u001f');
    expect(oneLine('\u007f')).toBe('\\u007f');
    expect(oneLine('\u0085')).toBe('\\u0085');
    expect(oneLine('\u2028')).toBe('\\u2028');
    expect(oneLine('\u2029')).toBe('\\u2029');
    const plain = ' ~\u0080\u0084\u0086\u00a0\u2027\u202a é';
    expect(oneLine(plain)).toBe(plain);
  });
});

/**
 * Hostile and broken configuration files: each ends in one line per problem (a ConfigError), never
 * an exception of another kind, a hang or a value silently dropped; the limits of
 * envs/input-limits.ts are tested on both sides.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAX_CONFIG_BYTES, MAX_DEPTH, MAX_YAML_ALIAS_COUNT, jsonErrorOffset, preview } from '../envs/input-limits';
import { ConfigError, loadConfig } from '../envs/load';

const DIR = mkdtempSync(path.join(tmpdir(), 'org-backup-hostile-'));
const BASE = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'other-org.json'), 'utf8')) as Record<string, unknown>;
const BASE_YAML = readFileSync(path.join(__dirname, 'fixtures', 'other-org.yaml'), 'utf8');
let count = 0;

function file(name: string, text: string): string {
  const full = path.join(DIR, `${count++}-${name}`);
  writeFileSync(full, text);
  return full;
}

/** The problems a file gives, failing when it loads or throws anything but a ConfigError. */
function problems(configPath: string): string[] {
  try {
    loadConfig({ configPath });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.message.split('\n')).toHaveLength(err.problems.length + 1);
    return [...err.problems];
  }
  throw new Error(`${configPath} was accepted`);
}

const withField = (key: string, value: string) => `${JSON.stringify(BASE).slice(0, -1)}, ${JSON.stringify(key)}: ${value}}`;
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('hostile configuration files', () => {
  it('nesting: MAX_DEPTH levels pass the loader; one more is refused with one line, however deep', () => {
    // tags.a at depth 2, so the list adds MAX_DEPTH - 2 levels to reach the limit exactly.
    expect(problems(file('at-limit.json', withField('tags', `{"a": ${nested(MAX_DEPTH - 2)}}`)))).toEqual([
      'tags.a = [[[[...]]]]: expected string, got array',
    ]);
    expect(problems(file('past-limit.json', withField('tags', `{"a": ${nested(MAX_DEPTH - 1)}}`)))).toEqual([
      `tags.a${'[0]'.repeat(MAX_DEPTH - 2)}: nested more than ${MAX_DEPTH} levels deep; a configuration needs fewer than 10`,
    ]);
    expect(problems(file('deep.json', withField('tags', `{"a": ${nested(50_000)}}`)))).toHaveLength(1);
    expect(problems(file('deep.yaml', `tags:\n  a: ${nested(5000)}\n`))).toEqual(['invalid YAML: nested too deep to read; a configuration needs fewer than 10 levels']);
  });

  it('a YAML alias inside its own anchor is refused, not turned into a circular value', () => {
    expect(problems(file('self.yaml', `${BASE_YAML}\ntags: &t\n  a: *t\n`))).toEqual([
      'tags.a: refers back to a value that contains it (a YAML alias inside its own anchor); write the value out',
    ]);
  });

  it('YAML aliases: a shared value used twice is fine; an expansion past the alias limit is refused', () => {
    const shared = BASE_YAML.replace(/^regions: .*$/m, 'regions: &r [us-east-1, us-west-2, eu-central-1]') + '\ntags: {}\nx-copy: *r\n';
    expect(problems(file('shared.yaml', shared))).toEqual([expect.stringMatching(/^\["x-copy"\]: unknown key;/)]);
    const aliases = (n: number) => `a: &a x\nb: [${Array(n).fill('*a').join(', ')}]\n`;
    expect(problems(file('aliases-ok.yaml', aliases(MAX_YAML_ALIAS_COUNT - 1)))[0]).not.toMatch(/alias/);
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcde'[i]}`).join(',')}]`)].join('\n');
    expect(problems(file('bomb.yaml', bomb))).toEqual([`invalid YAML: its aliases expand to more than ${MAX_YAML_ALIAS_COUNT} copies (an alias bomb?); write the values out`]);
  });

  it('a file over MAX_CONFIG_BYTES is refused before it is read; one at the limit is read', () => {
    const padded = (bytes: number) => {
      const text = JSON.stringify(BASE);
      return `${text}${' '.repeat(bytes - Buffer.byteLength(text))}`;
    };
    expect(() => loadConfig({ configPath: file('at-size.json', padded(MAX_CONFIG_BYTES)) })).not.toThrow();
    expect(problems(file('past-size.json', padded(MAX_CONFIG_BYTES + 1)))).toEqual([
      `the file has ${MAX_CONFIG_BYTES + 1} bytes; a configuration file may have at most ${MAX_CONFIG_BYTES} (16 MiB)`,
    ]);
  });

  it.each([['null'], ['-1'], ['[]'], ['{}']])('a break-glass ARN of %s is a one-line type error, not a crash', (value) => {
    const config = { ...BASE, backupAccount: { ...(BASE.backupAccount as object), breakGlassRoleArns: [JSON.parse(value)] } };
    expect(problems(file('break-glass.json', JSON.stringify(config)))).toEqual([
      expect.stringMatching(/^backupAccount\.breakGlassRoleArns\[0\] = .*: expected string, got (null|number|array|object)$/),
    ]);
  });

  it('__proto__ is refused as a key wherever it is; constructor and prototype are the plain tag keys they are', () => {
    expect(problems(file('proto.json', withField('tags', '{"__proto__": {"x": 1}}')))).toEqual(['tags.__proto__: "__proto__" cannot be a key: JavaScript reserves it; rename it']);
    expect(problems(file('proto-top.json', withField('__proto__', '{"partition": "aws"}')))).toEqual(['__proto__: "__proto__" cannot be a key: JavaScript reserves it; rename it']);
    expect(problems(file('proto.yaml', `${BASE_YAML}\ntags:\n  __proto__: x\n`))).toEqual(['tags.__proto__: "__proto__" cannot be a key: JavaScript reserves it; rename it']);
    const config = loadConfig({ configPath: file('plain.json', withField('tags', '{"constructor": "c", "prototype": "p"}')) });
    expect(Object.entries(config.tags)).toEqual([
      ['constructor', 'c'],
      ['prototype', 'p'],
    ]);
  });

  it('a UTF-8 byte order mark is ignored in JSON and YAML alike', () => {
    expect(loadConfig({ configPath: file('bom.json', `\uFEFF${JSON.stringify(BASE)}`) })).toEqual(loadConfig({ configPath: file('plain.json', JSON.stringify(BASE)) }));
    expect(loadConfig({ configPath: file('bom.yaml', `\uFEFF${BASE_YAML}`) })).toEqual(loadConfig({ configPath: file('plain.yaml', BASE_YAML) }));
  });

  it('YAML .nan and .inf are reported as written, not as the number null', () => {
    const text = BASE_YAML.replace('lifecycle: { deleteAfterDays: 7 }', 'lifecycle: { deleteAfterDays: .nan }').replace('copyToBackupAccount: { deleteAfterDays: 14 }', 'copyToBackupAccount: { deleteAfterDays: .inf }');
    expect(problems(file('nan.yaml', text))).toEqual([
      'policies[0].rules[0].lifecycle.deleteAfterDays = .nan (read as the number NaN): expected number, got NaN',
      expect.stringMatching(/^policies\[0\]\.rules\[0\]\.copyToBackupAccount\.deleteAfterDays = \.inf \(read as the number Infinity\): /),
    ]);
  });

  it.each([['!foo {a: b}', '!foo'], ['!!binary aGVsbG8=', '!!binary'], ['!!set {a}', '!!set'], ['!!timestamp 2001-12-14', '!!timestamp']])(
    'a YAML tag outside the core schema (%s) is refused, not ignored',
    (value, tag) => {
      expect(problems(file('tag.yaml', `${BASE_YAML}\ntags: ${value}\n`))).toEqual([
        expect.stringMatching(new RegExp(`^line \\d+: the YAML tag ${tag.replace(/[!]/g, '\\!')} is not allowed: only plain values, lists and maps \\(YAML 1\\.2 core schema\\)$`)),
      ]);
    },
  );

  it.each([['\u00a0', 'U+00A0'], ['\t', 'U+0009'], ['\u2003', 'U+2003']])('a schedule with %j between fields is refused', (space, code) => {
    const config = structuredClone(BASE) as { policies: { rules: { schedule: string }[] }[] };
    config.policies[0].rules[0].schedule = `cron(0${space}5 ? * * *)`;
    expect(problems(file('space.json', JSON.stringify(config)))).toEqual([expect.stringContaining(`fields are separated by plain spaces; found ${code} at character 7`)]);
  });

  it('every problem is one line, whatever line breaks the keys and values hold', () => {
    const config = { ...BASE, organization: { ...(BASE.organization as object), id: 'o-\nbad\u2028' }, tags: { 'a\r\nb': 'x' } };
    const found = problems(file('newline.json', JSON.stringify(config)));
    expect(found).toEqual(['organization.id = "o-\\nbad\\u2028": expected o- followed by 10 to 32 lowercase letters or digits', 'tags["a\\r\\nb"]: key not allowed: expected letters, digits, spaces and _.:/=+-@ only']);
  });
});

describe('time linear in the size of the input', () => {
  it('a 2 MB JSON file with a syntax error near its end is named by line at once', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}": ${i}`).join(',\n');
    const started = Date.now();
    expect(problems(file('late-error.json', `{\n${keys},\n"z": nope}`))).toEqual(["line 100002: invalid JSON: Unexpected token 'o'"]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a 5 MB unknown key is reported at once, shortened', () => {
    const started = Date.now();
    const found = problems(file('big-key.json', withField('x'.repeat(5_000_000), '1')));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(found).toEqual([expect.stringMatching(/^x{197}\.\.\.: unknown key; allowed: partition, /)]);
  });

  it('jsonErrorOffset finds the first error of every kind, and none in valid JSON', () => {
    const cases: [string, number | undefined][] = [
      ['{"a": tru}', 6],
      ['{"a": 1,}', 8],
      ['[1 2]', 3],
      ['{"a" 1}', 5],
      ['{"a": 01}', 7],
      ['{"a": 1} x', 9],
      ['[1, 2', 5],
      ['', 0],
      ['{"a": [true, false, null, -1.5e3, "\\u0041\\n"]}', undefined],
      ['"x"', undefined],
    ];
    expect(cases.map(([text]) => jsonErrorOffset(text))).toEqual(cases.map(([, offset]) => offset));
  });

  it('preview is bounded for deep, wide, circular and special values', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(preview(circular)).toBe('{"self":{"self":{"self":{...}}}}');
    expect(preview(JSON.parse(nested(100_000)))).toBe('[[[[...]]]]');
    expect(preview(NaN)).toBe('NaN');
    expect(preview(-Infinity)).toBe('-Infinity');
    expect(preview('x'.repeat(1000))).toHaveLength(80);
    expect(preview(Array(100).fill(1))).toBe('[1,1,1,1,1,1,1,1,1,1,...]');
  });
});

describe('messages on a pipe', () => {
  it('5,000 problems arrive whole, one line each, before the process exits', () => {
    const config = { ...BASE, tags: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'x!'])) };
    const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'dist', 'js', 'main.js')], {
      env: { ...process.env, BACKUP_CONFIG: file('many.json', JSON.stringify(config)), CDKTF_OUTDIR: path.join(DIR, 'out') },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(5002);
    expect(lines[0]).toMatch(/: 5001 problems$/);
    expect(lines[5001]).toMatch(/^ {2}- tags\.k\d+ = "x!": expected letters/);
  });
});

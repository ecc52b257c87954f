/**
 * The loader of envs/load.ts, called in-process on the smallest input: the selection of a file or
 * an environment module, each file type and each way a file is refused (the size and nesting limits
 * are in config-hostile.test.ts), and the exact line written
 * for each kind of problem (unknown keys and their hints, types, options, ranges, cross-field rules,
 * numbers a YAML file wrote differently), in config order.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, formatPath, loadConfig, selectionFromEnv, validateConfig } from '../../envs/load';
import { configSchema } from '../../envs/schema';
import { exampleDraft } from '../fixtures/invalid-configs';

const DIR = mkdtempSync(path.join(tmpdir(), 'org-backup-load-'));
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const BASE_JSON = readFileSync(path.join(FIXTURES, 'other-org.json'), 'utf8');
const BASE_YAML = readFileSync(path.join(FIXTURES, 'other-org.yaml'), 'utf8');
const EXAMPLE_MODULE = path.join(__dirname, '..', '..', 'envs', 'example');
const TOP_KEYS = Object.keys(configSchema.shape).join(', ');
let count = 0;

function file(name: string, text: string): string {
  const full = path.join(DIR, `${count++}-${name}`);
  writeFileSync(full, text);
  return full;
}

/** The ConfigError a call throws, failing when it returns or throws anything else. */
function refusal(call: () => unknown): ConfigError {
  try {
    call();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('accepted');
}

const problemsOf = (call: () => unknown): readonly string[] => refusal(call).problems;
const fileProblems = (name: string, text: string) => problemsOf(() => loadConfig({ configPath: file(name, text) }));
const yamlProblems = (extra: string) => fileProblems('c.yaml', `${BASE_YAML}${extra}`);
function draftProblems(change: (c: any) => void): readonly string[] {
  const draft = exampleDraft();
  change(draft);
  return problemsOf(() => validateConfig(draft));
}

describe('ConfigError', () => {
  it('says how many problems, one indented line each, with the source and every problem on one line', () => {
    const one = new ConfigError('a\nb.json', ['x\ny']);
    expect(one.message).toBe('a\\nb.json: 1 problem\n  - x\\ny');
    expect(one.problems).toEqual(['x\\ny']);
    expect(one.source).toBe('a\nb.json');
    expect(one.name).toBe('ConfigError');
    expect(one).toBeInstanceOf(Error);
    expect(new ConfigError('s', ['p', 'q']).message).toBe('s: 2 problems\n  - p\n  - q');
    expect(new ConfigError('s', []).message).toBe('s: 0 problems\n');
  });
});

describe('selectionFromEnv', () => {
  it('takes BACKUP_ENV and BACKUP_CONFIG, an empty value as unset', () => {
    expect(selectionFromEnv({ BACKUP_ENV: 'full', BACKUP_CONFIG: 'org.yaml' })).toStrictEqual({ env: 'full', configPath: 'org.yaml' });
    expect(selectionFromEnv({ BACKUP_ENV: '', BACKUP_CONFIG: '' })).toStrictEqual({ env: undefined, configPath: undefined });
    expect(selectionFromEnv({})).toStrictEqual({ env: undefined, configPath: undefined });
  });
});

describe('loadConfig: environment modules', () => {
  const example = () => validateConfig(exampleDraft(), 'x');

  it('loads envs/example.ts by default, and a named module; a file wins over a module', () => {
    expect(loadConfig()).toEqual(example());
    expect(loadConfig({})).toEqual(example());
    expect(loadConfig({ env: 'example' })).toEqual(example());
    expect(loadConfig({ configPath: '', env: 'example' })).toEqual(example());
    const fromFile = loadConfig({ configPath: file('org.json', BASE_JSON), env: 'example' });
    expect(fromFile.organization.id).toBe('o-zz9y8x7w6v5u');
  });

  it.each(['', '-a', '_a', 'a.b', '../example', 'a/b', 'a b', 'é', 'a$'])('refuses %j as an environment name', (name) => {
    const err = refusal(() => loadConfig({ env: name }));
    expect(err.source).toBe('BACKUP_ENV');
    expect(err.problems).toEqual([`"${name}" is not an environment name (letters, digits, - and _)`]);
  });

  it.each(['a', 'z', 'A', 'Z', '0', '9', 'xaz09_-', 'x-AZ_'])('takes %j as an environment name, and says when there is no such module', (name) => {
    const err = refusal(() => loadConfig({ env: name }));
    expect(err.source).toBe('BACKUP_ENV');
    expect(err.problems).toEqual([`no environment "${name}": expected envs/${name}.ts exporting \`config\``]);
  });

  it('refuses a module that does not export config', () => {
    const err = refusal(() => loadConfig({ env: 'fields' }));
    expect(err.source).toBe('envs/fields.ts');
    expect(err.problems).toEqual(['the module does not export `config`']);
  });

  describe('with envs/example.ts replaced', () => {
    afterEach(() => {
      jest.dontMock(EXAMPLE_MODULE);
    });

    it('says why a module cannot be loaded, on one line', () => {
      jest.doMock(EXAMPLE_MODULE, () => {
        throw new Error('boom\n    at somewhere');
      });
      const err = refusal(() => loadConfig({ env: 'example' }));
      expect(err.source).toBe('envs/example.ts');
      expect(err.problems).toEqual(['cannot load the module: boom']);
    });

    it('says what a module threw that is not an Error', () => {
      jest.doMock(EXAMPLE_MODULE, () => {
        throw 'plain words';
      });
      expect(problemsOf(() => loadConfig({ env: 'example' }))).toEqual(['cannot load the module: plain words']);
    });

    it('names the module in the problems of its config', () => {
      jest.doMock(EXAMPLE_MODULE, () => ({ config: null }));
      const err = refusal(() => loadConfig({ env: 'example' }));
      expect(err.source).toBe('envs/example.ts');
      expect(err.problems).toEqual(['(top level) = null: expected object, got null']);
    });
  });
});

describe('loadConfig: files', () => {
  const expected = () => loadConfig({ configPath: file('org.json', BASE_JSON) });

  it('reads .json, .yaml and .yml in any case, with or without a byte order mark', () => {
    const config = expected();
    expect(config.organization.id).toBe('o-zz9y8x7w6v5u');
    expect(loadConfig({ configPath: file('org.JSON', BASE_JSON) })).toEqual(config);
    expect(loadConfig({ configPath: file('org.json', `\uFEFF${BASE_JSON}`) })).toEqual(config);
    expect(loadConfig({ configPath: file('org.yaml', BASE_YAML) })).toEqual(config);
    expect(loadConfig({ configPath: file('org.YML', BASE_YAML) })).toEqual(config);
    expect(loadConfig({ configPath: file('org.yml', `\uFEFF${BASE_YAML}`) })).toEqual(config);
  });

  it('goes by the last extension only', () => {
    const config = expected();
    expect(loadConfig({ configPath: file('org.json.yaml', BASE_YAML) })).toEqual(config);
    expect(loadConfig({ configPath: file('org.yaml.json', BASE_JSON) })).toEqual(config);
    for (const name of ['org.json.txt', 'org.yaml.txt', 'org.yml.bak', 'orgjson', 'org.jsonl', 'org.xyaml.txt']) {
      const configPath = file(name, BASE_JSON);
      const err = refusal(() => loadConfig({ configPath }));
      expect(err.source).toBe(configPath);
      expect(err.problems).toEqual(['unknown file type: expected .json, .yaml or .yml']);
    }
  });

  it('says why a file cannot be read', () => {
    const missing = path.join(DIR, 'missing.json');
    const err = refusal(() => loadConfig({ configPath: missing }));
    expect(err.source).toBe(missing);
    expect(err.problems).toEqual(['cannot read the file: ENOENT']);
    expect(problemsOf(() => loadConfig({ configPath: DIR }))).toEqual(['cannot read the file: EISDIR']);
  });
});

describe('loadConfig: invalid JSON', () => {
  it.each([
    ['x', "line 1: invalid JSON: Unexpected token 'x'"],
    ['{\n\n"a": x}', "line 3: invalid JSON: Unexpected token 'x'"],
    // V8 quotes a long input in part, with ... before, after or on both sides.
    [`{"a": 1, "${'b'.repeat(60)}": x}`, "line 1: invalid JSON: Unexpected token 'x'"],
    [`x${' '.repeat(60)}`, "line 1: invalid JSON: Unexpected token 'x'"],
    [`[${' '.repeat(60)}x${' '.repeat(60)}]`, "line 1: invalid JSON: Unexpected token 'x'"],
    [`[\n${' '.repeat(60)}x\n${' '.repeat(60)}]`, "line 2: invalid JSON: Unexpected token 'x'"],
    ['{\n"a":1,\n\n\n\n\n\n\n\n\n\n\n}', 'line 13: invalid JSON: Expected double-quoted property name in JSON at position 19'],
    ['"a\nb"', 'line 1: invalid JSON: Bad control character in string literal in JSON at position 2'],
    ['[1,\n2,\n3', 'line 3: invalid JSON: Expected \',\' or \']\' after array element in JSON at position 8'],
    ['{"a":\n\n', 'line 3: invalid JSON: Unexpected end of JSON input'],
  ])('%j: %s', (text, problem) => {
    const configPath = file('bad.json', text);
    const err = refusal(() => loadConfig({ configPath }));
    expect(err.source).toBe(configPath);
    expect(err.problems).toEqual([problem]);
  });

  // Node 22's V8 ends some messages with its own position; Node 20's does not. The message is the
  // same on both, the line in front saying where (the rows above pass on either).
  it.each([
    ['{\n"a":1,\n\n\n\n\n\n\n\n\n\n\n}', 'Expected double-quoted property name in JSON at position 19 (line 13 column 1)', 'line 13: invalid JSON: Expected double-quoted property name in JSON at position 19'],
    ['"a\nb"', 'Bad control character in string literal in JSON at position 2 (line 1 column 3)', 'line 1: invalid JSON: Bad control character in string literal in JSON at position 2'],
    // Only a position at the very end is V8's own: a quoted "(line 1 column 1)" stays.
    ['x', 'Unexpected token (line 1 column 1) in JSON at position 2', 'line 1: invalid JSON: Unexpected token (line 1 column 1) in JSON at position 2'],
    ['{"aaaaaaaaaa":1,}', 'Expected double-quoted property name in JSON at position 16 (line 1 column 17)', 'line 1: invalid JSON: Expected double-quoted property name in JSON at position 16'],
    // A quoted input and V8's position both: neither is kept.
    ['x', 'Unexpected token \'x\', "x" is not valid JSON (line 1 column 1)', "line 1: invalid JSON: Unexpected token 'x'"],
    // No position, and a text the grammar accepts (the parse failed for another reason): no line,
    // and at most 200 characters of the message.
    ['{}', `Stack overflow ${'x'.repeat(300)}`, `invalid JSON: Stack overflow ${'x'.repeat(185)}`],
  ])('%j, V8 message %j: %j on every Node version', (text, message, problem) => {
    const configPath = file('bad.json', text);
    const parse = jest.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError(message);
    });
    try {
      expect(refusal(() => loadConfig({ configPath })).problems).toEqual([problem]);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('loadConfig: YAML', () => {
  it('reports syntax errors with their line, duplicate keys included', () => {
    expect(fileProblems('dup.yaml', 'a: 1\na: 2\n')).toEqual(['line 2: invalid YAML: Map keys must be unique']);
    expect(fileProblems('flow.yaml', 'a: 1\nb: [1\n')).toEqual(['line 3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    expect(fileProblems('alias.yaml', 'a: *x\n')).toEqual(['invalid YAML: Unresolved alias (the anchor must be set before the alias): x']);
    // A message that quotes the input keeps its first 200 characters.
    const long = `Unresolved alias (the anchor must be set before the alias): ${'x'.repeat(300)}`.slice(0, 200);
    expect(fileProblems('alias.yaml', `a: *${'x'.repeat(300)}\n`)).toEqual([`invalid YAML: ${long}`]);
  });

  it('accepts MAX_YAML_ALIAS_COUNT copies of an anchored value (itself and its aliases) and refuses one more', () => {
    const aliases = (n: number) => `xa: &a v\nxb: [${Array<string>(n).fill('*a').join(', ')}]\n`;
    const unknown = (key: string) => `${key}: unknown key; allowed: ${TOP_KEYS}`;
    expect(yamlProblems(aliases(999))).toEqual([unknown('xa'), unknown('xb')]);
    expect(yamlProblems(aliases(1000))).toEqual(['invalid YAML: its aliases expand to more than 1000 copies (an alias bomb?); write the values out']);
  });

  it.each([
    ['a scalar', 'xa: !foo 1'],
    ['a list', 'xa: !foo [1]'],
    ['a map', 'xa: !foo {b: 1}'],
    ['a key', '!foo xa: 1'],
  ])('refuses a tag outside the core schema on %s, at its line', (_what, line) => {
    expect(yamlProblems(`\n\n${line}\n`)).toEqual([
      `line ${BASE_YAML.split('\n').length + 2}: the YAML tag !foo is not allowed: only plain values, lists and maps (YAML 1.2 core schema)`,
    ]);
  });

  it('writes a core-schema tag outside the core schema as !!, any other tag as written', () => {
    expect(fileProblems('t.yaml', 'a: !!binary aGk=\n')).toEqual(['line 1: the YAML tag !!binary is not allowed: only plain values, lists and maps (YAML 1.2 core schema)']);
    expect(fileProblems('t.yaml', 'a: !<x:tag:yaml.org,2002:str> b\n')).toEqual([
      'line 1: the YAML tag x:tag:yaml.org,2002:str is not allowed: only plain values, lists and maps (YAML 1.2 core schema)',
    ]);
  });

  it('reads an empty file as null and a key without a value as null', () => {
    expect(fileProblems('empty.yaml', '# nothing\n')).toEqual(['(top level) = null: expected object, got null']);
    expect(yamlProblems('backupRoleName:\nsourceVaultName: { a }\n')).toEqual([
      'backupRoleName = null: expected string, got null',
      'sourceVaultName = {"a":null}: expected string, got object',
    ]);
  });

  it('accepts every tag of the core schema written out', () => {
    const tagged = ['xa: !!str 1', 'xb: !!int 2', 'xc: !!float 1.5', 'xd: !!bool true', 'xe: !!null', 'xf: !!map {g: 1}', 'xg: !!seq [1]'];
    expect(yamlProblems(`${tagged.join('\n')}\n`)).toEqual(['xa', 'xb', 'xc', 'xd', 'xe', 'xf', 'xg'].map((k) => `${k}: unknown key; allowed: ${TOP_KEYS}`));
  });

  it('shows a value as the file wrote it where the number it reads as differs, in maps and lists', () => {
    expect(yamlProblems('tags: {1: 0x10, b: .nan, c: 5, d: 1.50}\nbackupRoleName: True\nsourceVaultName: ~\nexcludedAccounts: [0o17]\n')).toEqual([
      'excludedAccounts[0] = 0o17 (read as the number 15): an account id must be a quoted string of 12 digits (a number loses its leading zeros)',
      'backupRoleName = true: expected string, got boolean',
      'sourceVaultName = null: expected string, got null',
      'tags["1"] = 0x10 (read as the number 16): expected string, got number',
      'tags.b = .nan (read as the number NaN): expected string, got NaN',
      'tags.c = 5: expected string, got number',
      'tags.d = 1.50 (read as the number 1.5): expected string, got number',
    ]);
  });
});

describe('formatPath', () => {
  it('writes identifiers with dots, list indexes and other keys in brackets', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['a', 'b'])).toBe('a.b');
    expect(formatPath([0, 'a', 1, 'b'])).toBe('[0].a[1].b');
    expect(formatPath(['A', 'Z', 'a', 'z', '_', '$', 'a1', 'a_b$', 'x9'])).toBe('A.Z.a.z._.$.a1.a_b$.x9');
    expect(formatPath(['x', '1a', 'a-b', 'a b', '', 'é', '0'])).toBe('x["1a"]["a-b"]["a b"][""]["é"]["0"]');
    expect(formatPath(['1a'])).toBe('["1a"]');
  });

  it('writes a key of up to 200 characters whole, a longer one cut to 197 and ...', () => {
    expect(formatPath(['a'.repeat(200)])).toBe('a'.repeat(200));
    expect(formatPath(['x', `${'a'.repeat(200)}b`])).toBe(`x.${'a'.repeat(197)}...`);
    expect(formatPath(['x', `-${'a'.repeat(200)}`])).toBe(`x[${JSON.stringify(`-${'a'.repeat(196)}...`)}]`);
  });
});

describe('validateConfig: the line of each problem', () => {
  it('names the source; refuses the shape problems of input-limits before the schema', () => {
    const loop: Record<string, unknown> = {};
    loop.back = loop;
    const err = refusal(() => validateConfig({ tags: loop }, 'org.json'));
    expect(err.source).toBe('org.json');
    expect(err.problems).toEqual(['tags.back: refers back to a value that contains it (a YAML alias inside its own anchor); write the value out']);
    expect(refusal(() => validateConfig(null)).source).toBe('config');
    expect(problemsOf(() => validateConfig(JSON.parse('{"tags": {"__proto__": "x"}}')))).toEqual([
      'tags.__proto__: "__proto__" cannot be a key: JavaScript reserves it; rename it',
    ]);
  });

  it('returns the config with its defaults', () => {
    const draft = exampleDraft();
    delete draft.tags;
    delete draft.policies[0].rules[0].startWindowMinutes;
    const config = validateConfig(draft);
    expect(config.tags).toEqual({});
    expect(config.policies[0].rules[0].startWindowMinutes).toBe(60);
  });

  it('says which required field is missing and what it takes', () => {
    expect(
      draftProblems((c) => {
        delete c.regions;
        delete c.state.bucket;
      }),
    ).toEqual(['regions: required (array)', 'state.bucket: required (string)']);
  });

  it('says what type was expected and what was given', () => {
    expect(
      draftProblems((c) => {
        c.regions = 'x';
        c.backupRoleName = 5;
        c.sourceVaultName = null;
        c.manageOrganization = Number.NaN;
        c.protectBackupsScp = [1];
        c.deploymentRoleName = {};
        c.state.keyPrefix = false;
      }),
    ).toEqual([
      'regions = "x": expected array, got string',
      'deploymentRoleName = {}: expected string, got object',
      'state.keyPrefix = false: expected string, got boolean',
      'backupRoleName = 5: expected string, got number',
      'sourceVaultName = null: expected string, got null',
      'manageOrganization = NaN: expected boolean, got NaN',
      'protectBackupsScp = [1]: expected boolean, got array',
    ]);
  });

  it('lists the options, the limits, and the field\'s own wording where it has one', () => {
    expect(
      draftProblems((c) => {
        c.partition = 'x';
        c.regions = [];
        c.backupAccount.vaultLock.mode = 'y';
        c.backupAccount.restoreTesting = { selectionWindowDays: 0, startWindowHours: 169 };
        c.policies[0].rules[0].startWindowMinutes = 1;
      }),
    ).toEqual([
      'partition = "x": expected one of "aws", "aws-us-gov", "aws-cn"',
      'regions = []: expected at least 1 item',
      'backupAccount.vaultLock.mode = "y": expected one of "governance", "compliance"',
      'backupAccount.restoreTesting.selectionWindowDays = 0: expected at least 1',
      'backupAccount.restoreTesting.startWindowHours = 169: expected at most 168',
      'policies[0].rules[0].startWindowMinutes = 1: expected at least 60 minutes (AWS Backup fails shorter start windows)',
    ]);
    expect(
      draftProblems((c) => {
        c.backupAccount.restoreTesting = { selectionWindowDays: 366 };
        c.backupAccount.airGappedVault = { minRetentionDays: 7, maxRetentionDays: 30 };
        c.policies[0].rules[0].copyToAirGappedVault = {};
      }),
    ).toEqual([
      'backupAccount.restoreTesting.selectionWindowDays = 366: expected at most 365',
      'policies[0].rules[0].copyToAirGappedVault.deleteAfterDays: required: the air-gapped vault is locked, so copies must expire between its minRetentionDays and maxRetentionDays',
    ]);
  });

  it('names an unknown key, the likely typo, and the keys allowed there', () => {
    const unknown = (key: string, advice = '') => `${key}: unknown key${advice}; allowed: ${TOP_KEYS}`;
    expect(
      draftProblems((c) => {
        c.Regions = 1;
        c.regionz = 1;
        c.regionsxx = 1;
        c.rgions = 1;
        c.regixxs = 1;
        c.regioxyz = 1;
        c.zzzzzz = 1;
        c.region = 1;
      }),
    ).toEqual([
      unknown('Regions', ' (did you mean "regions"?)'),
      unknown('regionz', ' (did you mean "regions"?)'),
      unknown('regionsxx', ' (did you mean "regions"?)'),
      unknown('rgions', ' (did you mean "regions"?)'),
      unknown('regixxs', ' (did you mean "regions"?)'),
      unknown('regioxyz'),
      unknown('zzzzzz'),
      unknown('region', ' (did you mean "regions"?)'),
    ]);
    const lock = (key: string, advice: string) =>
      `backupAccount.vaultLock.${key}: unknown key${advice}; allowed: mode, minRetentionDays, maxRetentionDays, changeableForDays`;
    // Equally close to two keys: the first the schema declares; otherwise the closest, wherever it is declared.
    expect(draftProblems((c) => (c.backupAccount.vaultLock.mRetentionDays = 1))).toEqual([lock('mRetentionDays', ' (did you mean "minRetentionDays"?)')]);
    expect(draftProblems((c) => (c.backupAccount.vaultLock.mtxRetentionDays = 1))).toEqual([lock('mtxRetentionDays', ' (did you mean "maxRetentionDays"?)')]);
    expect(draftProblems((c) => (c.backupAccount.vaultNam = 1))).toEqual([
      'backupAccount.vaultNam: unknown key (did you mean "vaultName"?); allowed: accountId, vaultName, vaultLock, deploymentRoleName, breakGlassRoleArns, airGappedVault, restoreTesting',
    ]);
  });

  it('says what to do instead for the region and vault settings people write in a copy', () => {
    const regionHint = " (copies go to the central vault of the rule's own region; there is no region setting)";
    const copy = (key: string, advice: string) => `policies[0].rules[0].copyToBackupAccount.${key}: unknown key${advice}; allowed: moveToColdStorageAfterDays, deleteAfterDays`;
    expect(
      draftProblems((c) => {
        Object.assign(c.policies[0].rules[0].copyToBackupAccount, { region: 1, regions: 1, targetRegion: 1, destinationRegion: 1, targetVaultArn: 1, deleteAfterDayz: 1 });
      }),
    ).toEqual([
      copy('region', regionHint),
      copy('regions', regionHint),
      copy('targetRegion', regionHint),
      copy('destinationRegion', regionHint),
      copy('targetVaultArn', " (copies go to the central vault of the rule's own region (backupAccount.vaultName); there is no vault setting)"),
      copy('deleteAfterDayz', ' (did you mean "deleteAfterDays"?)'),
    ]);
    // Elsewhere the same keys get no hint.
    expect(draftProblems((c) => (c.policies[0].rules[0].lifecycle.targetVaultArn = 1))).toEqual([
      'policies[0].rules[0].lifecycle.targetVaultArn: unknown key; allowed: moveToColdStorageAfterDays, deleteAfterDays',
    ]);
  });

  it('says why a map key is not allowed', () => {
    expect(draftProblems((c) => (c.tags = { 'aws:x': 'v' }))).toEqual(['tags["aws:x"]: key not allowed: the aws: prefix is reserved by AWS']);
    const key = `aws:${'k'.repeat(125)}`;
    expect(draftProblems((c) => (c.tags = { [key]: 'v' }))).toEqual([
      `tags[${JSON.stringify(key)}]: key not allowed: expected at most 128 characters; the aws: prefix is reserved by AWS`,
    ]);
  });

  it('shows the value a cross-field rule names, marks a default, and leaves it out where the rule says it', () => {
    expect(
      draftProblems((c) => {
        c.regions = ['eu-west-1', 'eu-west-1'];
        c.backupAccount.vaultLock.mode = 'compliance';
        c.policies[0].rules[0].completionWindowMinutes = 10;
      }),
    ).toEqual([
      'regions[1] = "eu-west-1": listed twice; list each region once',
      'backupAccount.vaultLock.changeableForDays: required in compliance mode: at least 3 days (AWS enforces a 72-hour cooling-off period)',
      'policies[0].rules[0].completionWindowMinutes = 10: must be greater than startWindowMinutes (60)',
    ]);
    expect(
      draftProblems((c) => {
        delete c.policies[0].rules[0].completionWindowMinutes;
        c.policies[0].rules[0].startWindowMinutes = 400;
      }),
    ).toEqual(['policies[0].rules[0].completionWindowMinutes = 360 (the default): must be greater than startWindowMinutes (400)']);
  });

  it('sorts the problems in config order: schema order, then list index, then other keys by name, a parent before its fields', () => {
    expect(
      draftProblems((c) => {
        c.tags = { b: 1, a: 2, c: 3 };
        c.backupRoleName = 5;
        c.regions = ['eu-west-1', 'eu-west-1'];
      }),
    ).toEqual([
      'regions[1] = "eu-west-1": listed twice; list each region once',
      'backupRoleName = 5: expected string, got number',
      'tags.a = 2: expected string, got number',
      'tags.b = 1: expected string, got number',
      'tags.c = 3: expected string, got number',
    ]);
    expect(
      draftProblems((c) => {
        for (let i = 0; i < 9; i++) c.sourceAccounts.push({ accountId: String(900000000100 + i), name: `extra-${i}` });
        c.sourceAccounts[1].accountId = c.sourceAccounts[0].accountId;
        c.sourceAccounts[1].extra = 1;
        c.sourceAccounts[2].name = 5;
        c.sourceAccounts[10].name = 7;
      }),
    ).toEqual([
      'sourceAccounts[1].extra: unknown key; allowed: accountId, name, ebsDefaultEncryption, ou, deploymentRoleName',
      'sourceAccounts[1].accountId = "333333333333": already listed at sourceAccounts[0]; list each account once',
      'sourceAccounts[2].name = 5: expected string, got number',
      'sourceAccounts[10].name = 7: expected string, got number',
    ]);
  });
});

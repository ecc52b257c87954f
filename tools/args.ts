/**
 * The command line of every command: its flags declared once, `--help` printed from the same
 * declaration, and anything undeclared refused. An ignored flag is worse than an error: `npm run
 * synth -- --config x.yaml` once synthesized the example over the user's output.
 */
import { parseArgs } from 'node:util';

export interface FlagSpec {
  /** `string` takes a value (`--out <file>`); `boolean` does not. */
  readonly type: 'string' | 'boolean';
  /** The value's name in the usage line (`<file>`). @default '<value>' */
  readonly value?: string;
  /** One line for `--help`. */
  readonly description: string;
}

export interface CommandSpec {
  /** The npm script (`plan-matrix`), as in `npm run plan-matrix`. */
  readonly command: string;
  /** What the command does, one sentence. */
  readonly summary: string;
  /** Optional positional arguments, in order, by name (`dir`); none when empty. @default [] */
  readonly positionals?: readonly { readonly name: string; readonly description: string }[];
  readonly flags: Readonly<Record<string, FlagSpec>>;
}

export interface CommandLine {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** A mistake on the command line or in what the command was pointed at: one line, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function usageLine(spec: CommandSpec): string {
  const positionals = (spec.positionals ?? []).map((p) => `[<${p.name}>]`);
  const flags = Object.entries(spec.flags).map(([name, flag]) =>
    flag.type === 'string' ? `[--${name} ${flag.value ?? '<value>'}]` : `[--${name}]`,
  );
  return `npm run ${spec.command} -- ${[...positionals, ...flags, '[--help]'].join(' ')}`;
}

export function helpText(spec: CommandSpec): string {
  const rows: [string, string][] = [
    ...(spec.positionals ?? []).map((p): [string, string] => [`<${p.name}>`, p.description]),
    ...Object.entries(spec.flags).map(([name, flag]): [string, string] => [
      flag.type === 'string' ? `--${name} ${flag.value ?? '<value>'}` : `--${name}`,
      flag.description,
    ]),
    ['--help', 'print this help and exit'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [`${spec.summary}`, '', `usage: ${usageLine(spec)}`, '', ...rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`), ''].join('\n');
}

/**
 * Parses `argv` (without node and the script) against `spec`. Returns undefined after printing the
 * help for `--help`; throws a UsageError naming the flag for anything undeclared, a missing value or
 * too many positionals.
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[], stdout: (text: string) => void = (t) => process.stdout.write(t)): CommandLine | undefined {
  if (argv.includes('--help') || argv.includes('-h')) {
    stdout(helpText(spec));
    return undefined;
  }
  const options = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, { type: flag.type }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(`${describeParseError(err, spec)}; usage: ${usageLine(spec)}`);
  }
  const allowed = spec.positionals?.length ?? 0;
  if (parsed.positionals.length > allowed) {
    const extra = parsed.positionals[allowed];
    throw new UsageError(`unexpected argument "${extra}"; usage: ${usageLine(spec)}`);
  }
  for (const [name, flag] of Object.entries(spec.flags)) {
    const value = parsed.values[name];
    if (flag.type === 'string' && typeof value === 'string' && (value === '' || value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value ${flag.value ?? '<value>'}, given "${value}"; usage: ${usageLine(spec)}`);
    }
  }
  return { values: parsed.values as CommandLine['values'], positionals: parsed.positionals };
}

function describeParseError(err: unknown, spec: CommandSpec): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown flag ${flag ?? message} for npm run ${spec.command}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = flag?.replace(/^-+/, '').split(' ')[0];
    const declared = name !== undefined ? spec.flags[name] : undefined;
    if (declared?.type === 'string') return `--${name} needs a value ${declared.value ?? '<value>'}`;
    return `--${name} takes no value`;
  }
  return message.split('\n')[0];
}

/** A positive integer flag value, or a UsageError that names the flag and the value given. */
export function positiveInteger(name: string, text: string | boolean | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = typeof text === 'string' && /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--${name} must be a whole number of at least 1, given "${String(text)}"`);
  }
  return n;
}

/**
 * Which stacks a change touches: the stacks whose synthesized Terraform differs from a base output,
 * plus every stack that reads a changed output of another through `terraform_remote_state` (its
 * plan can change although its own JSON did not). What `npm run plan-matrix -- --changed-since`
 * plans, so that a pull request changing one rule does not plan a thousand accounts.
 *
 * Two stacks are the same when their JSON is, once normalized: cdktf's `//` metadata (construct
 * paths, the cdktf version, the backend name) is dropped at every level and keys are sorted, so only
 * what Terraform reads counts. A stack whose Terraform is the same but whose dependencies in the
 * manifest changed (the management stack when an account is added: its policy now reaches one more
 * account, deployed before it) is planned too. A stack of the base that is gone is reported as removed: there is
 * nothing left to plan for it, and its state needs a decision (`terraform destroy` or
 * `terraform state rm`) that no plan of this output makes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { referencedAddresses } from '../checks/rules/no-cross-stack-token';
import type { Manifest, StackJson } from '../output/synth-output';
import { PROJECT_ROOT } from './project-root';

export type ChangeReason = 'new' | 'changed' | 'dependencies-changed' | 'reads-changed-output';

export interface ChangedStack {
  readonly stack: string;
  readonly reason: ChangeReason;
  /** For `reads-changed-output`: the changed outputs read, `stack.output`, sorted. */
  readonly reads?: string[];
}

export interface StackChanges {
  /** The stacks to plan, sorted by name. */
  readonly changed: ChangedStack[];
  /** Stacks of the base that the new output no longer has, sorted. */
  readonly removed: string[];
  /** Every stack of the new output. */
  readonly total: number;
}

/** One synthesized folder, read lazily: a stack's text only when asked, parsed only when it differs. */
export class SynthFolder {
  readonly manifest: Manifest;
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, StackJson>();

  constructor(readonly dir: string) {
    const file = path.join(dir, 'manifest.json');
    if (!existsSync(file)) throw new Error(`${file} does not exist: not a synthesized output`);
    this.manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  }

  get stackNames(): string[] {
    return Object.values(this.manifest.stacks).map((s) => s.name);
  }

  /** The stacks this one is deployed after, from the manifest. */
  dependencies(stack: string): readonly string[] {
    return this.entry(stack)?.dependencies ?? [];
  }

  has(stack: string): boolean {
    return this.entry(stack) !== undefined;
  }

  text(stack: string): string {
    let text = this.texts.get(stack);
    if (text === undefined) {
      const entry = this.entry(stack);
      if (!entry) throw new Error(`no stack ${stack} in ${this.dir}`);
      text = readFileSync(path.join(this.dir, entry.synthesizedStackPath), 'utf8');
      this.texts.set(stack, text);
    }
    return text;
  }

  json(stack: string): StackJson {
    let json = this.parsed.get(stack);
    if (!json) {
      json = JSON.parse(this.text(stack)) as StackJson;
      this.parsed.set(stack, json);
    }
    return json;
  }

  private entry(stack: string) {
    // cdktf keys the manifest by stack name.
    return Object.hasOwn(this.manifest.stacks, stack) ? this.manifest.stacks[stack] : undefined;
  }
}

/** Canonical JSON of a value: keys sorted, cdktf's `//` metadata dropped at every level. */
export function normalized(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === '//') continue;
    result[key] = canonical((value as Record<string, unknown>)[key]);
  }
  return result;
}

/** Where a stack keeps its state: the backend type and the settings naming the state (S3 or local). */
function stateLocation(backendType: string, settings: Record<string, unknown> | undefined): string | undefined {
  if (!settings) return undefined;
  if (backendType === 's3') return `s3://${String(settings.bucket)}/${String(settings.key)}`;
  if (backendType === 'local') return `local:${String(settings.path ?? 'terraform.tfstate')}`;
  return `${backendType}:${normalized(settings)}`;
}

function backendLocation(json: StackJson): string | undefined {
  const [type, settings] = Object.entries(json.terraform?.backend ?? {})[0] ?? [];
  return type === undefined ? undefined : stateLocation(type, settings);
}

/** Which stacks' outputs a stack reads: remote state name to the stack whose state it reads. */
function remoteStateSources(json: StackJson, stackAt: ReadonlyMap<string, string>): Map<string, string> {
  const sources = new Map<string, string>();
  const remote = (json.data?.terraform_remote_state ?? {}) as Record<string, { backend?: string; config?: Record<string, unknown> }>;
  for (const [name, body] of Object.entries(remote)) {
    const location = body.backend ? stateLocation(body.backend, body.config) : undefined;
    const source = location === undefined ? undefined : stackAt.get(location);
    if (source !== undefined) sources.set(name, source);
  }
  return sources;
}

const OUTPUT_READ = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** Every resource and data source of a stack by address, its body normalized. */
function addressedBodies(json: StackJson | undefined): Map<string, { body: unknown; text: string }> {
  const bodies = new Map<string, { body: unknown; text: string }>();
  for (const [prefix, blocks] of [['', json?.resource], ['data.', json?.data]] as const) {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      for (const [name, body] of Object.entries(byName)) bodies.set(`${prefix}${type}.${name}`, { body, text: normalized(body) });
    }
  }
  return bodies;
}

/**
 * The outputs of a changed stack whose value may differ after apply: those whose expression
 * changed or exists on one side only, and those naming a resource that changed or that names one
 * that did (a replaced key replaces the vault that names it, and the vault ARN changes although
 * the output's text did not). A changed provider block may change everything.
 */
function changedOutputs(base: StackJson | undefined, head: StackJson): Set<string> {
  const before = base?.output ?? {};
  const after = head.output ?? {};
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  if (normalized(base?.provider) !== normalized(head.provider)) return names;
  const old = addressedBodies(base);
  const now = addressedBodies(head);
  const dirty = new Set([...old.keys()].filter((a) => !now.has(a)));
  for (const [address, { text }] of now) if (old.get(address)?.text !== text) dirty.add(address);
  const refs = new Map([...now].map(([address, { body }]) => [address, referencedAddresses(body)]));
  for (let grew = dirty.size > 0; grew; ) {
    grew = false;
    for (const [address, names_] of refs) {
      if (!dirty.has(address) && [...names_].some((n) => dirty.has(n))) {
        dirty.add(address);
        grew = true;
      }
    }
  }
  return new Set(
    [...names].filter(
      (n) =>
        !(n in before) ||
        !(n in after) ||
        normalized(before[n]) !== normalized(after[n]) ||
        [...referencedAddresses(after[n].value)].some((a) => dirty.has(a)),
    ),
  );
}

/** The stacks of `head` to plan against `base`. */
export function stackChanges(base: SynthFolder, head: SynthFolder): StackChanges {
  const changed = new Map<string, ChangedStack>();
  // Outputs that may have a new value after apply, by stack.
  const dirtyOutputs = new Map<string, Set<string>>();
  for (const stack of head.stackNames) {
    if (!base.has(stack)) {
      changed.set(stack, { stack, reason: 'new' });
      dirtyOutputs.set(stack, new Set(Object.keys(head.json(stack).output ?? {})));
      continue;
    }
    // Equal bytes are equal JSON: the common case costs no parse.
    if (base.text(stack) !== head.text(stack) && normalized(base.json(stack)) !== normalized(head.json(stack))) {
      changed.set(stack, { stack, reason: 'changed' });
      dirtyOutputs.set(stack, changedOutputs(base.json(stack), head.json(stack)));
    } else if (normalized([...base.dependencies(stack)].sort()) !== normalized([...head.dependencies(stack)].sort())) {
      // The same Terraform, deployed after other stacks than before (management after a new account).
      changed.set(stack, { stack, reason: 'dependencies-changed' });
    }
  }

  // Readers of a dirty output are planned too, and their own outputs that pass a remote value on
  // become dirty in turn.
  if (![...dirtyOutputs.values()].some((outputs) => outputs.size > 0)) return result(base, head, changed);
  const stackAt = new Map<string, string>();
  for (const stack of head.stackNames) {
    const location = backendLocation(head.json(stack));
    if (location !== undefined) stackAt.set(location, stack);
  }
  const readers = head.stackNames
    .filter((stack) => head.text(stack).includes('terraform_remote_state'))
    .map((stack) => ({ stack, json: head.json(stack), text: head.text(stack) }));
  let grew = true;
  while (grew) {
    grew = false;
    for (const reader of readers) {
      const sources = remoteStateSources(reader.json, stackAt);
      const reads = new Set<string>();
      for (const match of reader.text.matchAll(OUTPUT_READ)) {
        const source = sources.get(match[1]);
        if (source !== undefined && dirtyOutputs.get(source)?.has(match[2])) reads.add(`${source}.${match[2]}`);
      }
      if (reads.size === 0) continue;
      const before = changed.get(reader.stack);
      const allReads = new Set([...(before?.reads ?? []), ...reads]);
      if (before && before.reason !== 'reads-changed-output') {
        // Already planned for its own change; its outputs reading remote values may change too.
      } else if (!before || allReads.size > (before.reads?.length ?? 0)) {
        changed.set(reader.stack, { stack: reader.stack, reason: 'reads-changed-output', reads: [...allReads].sort() });
      }
      const passedOn = Object.entries(reader.json.output ?? {})
        .filter(([, body]) => JSON.stringify(body).includes('data.terraform_remote_state.'))
        .map(([name]) => name);
      const dirty = dirtyOutputs.get(reader.stack) ?? new Set<string>();
      for (const name of passedOn) {
        if (!dirty.has(name)) {
          dirty.add(name);
          grew = true;
        }
      }
      dirtyOutputs.set(reader.stack, dirty);
    }
  }

  return result(base, head, changed);
}

function result(base: SynthFolder, head: SynthFolder, changed: ReadonlyMap<string, ChangedStack>): StackChanges {
  const headNames = new Set(head.stackNames);
  return {
    changed: [...changed.values()].sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0)),
    removed: base.stackNames.filter((s) => !headNames.has(s)).sort(),
    total: headNames.size,
  };
}

/** A base to compare with, ready to read; `dispose` removes what was made for it. */
export interface BaseOutput {
  readonly folder: SynthFolder;
  /** What the base was: the folder, or the ref and the commit it named. */
  readonly description: string;
  dispose(): void;
}

/**
 * The base of `--changed-since`: a synthesized folder as it is, or a git ref of the repository at
 * `root`, whose sources are exported to a temporary folder and synthesized there with that commit's
 * own `npm run synth` (the same configuration selection, BACKUP_CONFIG or BACKUP_ENV; a
 * BACKUP_CONFIG inside the repository is read as the ref has it). The installed node_modules is used:
 * a ref whose dependencies differ from the installed ones is synthesized with the installed ones.
 */
export function resolveBase(spec: string, root: string, env: NodeJS.ProcessEnv = process.env): BaseOutput {
  if (existsSync(spec) && statSync(spec).isDirectory()) {
    if (!existsSync(path.join(spec, 'manifest.json'))) {
      throw new BaseError(`--changed-since ${spec}: the folder has no manifest.json; give a synthesized output folder or a git ref`);
    }
    return { folder: new SynthFolder(spec), description: spec, dispose: () => {} };
  }
  const commit = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (commit.status !== 0) {
    throw new BaseError(`--changed-since ${spec}: neither a folder nor a git ref of this repository (git rev-parse found no commit)`);
  }
  const sha = commit.stdout.trim();
  const work = mkdtempSync(path.join(tmpdir(), 'org-backup-base-'));
  try {
    const archive = spawnSync('sh', ['-c', `git archive --format=tar "${sha}" | tar -x -C "${work}"`], { cwd: root, encoding: 'utf8' });
    if (archive.status !== 0) throw new BaseError(`--changed-since ${spec}: cannot export commit ${sha} (${archive.stderr.trim().split('\n')[0]})`);
    // The dependencies installed for this command (the repository's own, unless a test points root elsewhere).
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const outdir = path.join(work, 'cdktf.out');
    const config = env.BACKUP_CONFIG ? path.resolve(env.BACKUP_CONFIG) : undefined;
    const inRepo = config !== undefined && !path.relative(root, config).startsWith('..');
    const synth = spawnSync('npm', ['run', '--silent', 'synth'], {
      cwd: work,
      env: {
        ...env,
        CDKTF_OUTDIR: outdir,
        CHECKPOINT_DISABLE: '1',
        ...(config !== undefined ? { BACKUP_CONFIG: inRepo ? path.join(work, path.relative(root, config)) : config } : {}),
      },
      encoding: 'utf8',
    });
    if (synth.status !== 0) {
      // The app's own one-line errors, else the error line of a crash.
      const lines = `${synth.stderr}\n${synth.stdout}`.split('\n').map((l) => l.trim());
      const why = lines.find((l) => /^error\b/.test(l)) ?? lines.find((l) => /^\w*Error\b/.test(l)) ?? `exit ${synth.status}`;
      throw new BaseError(`--changed-since ${spec}: npm run synth failed at commit ${sha.slice(0, 12)}: ${why}`);
    }
    return {
      folder: new SynthFolder(outdir),
      description: `${spec} (${sha.slice(0, 12)})`,
      dispose: () => rmSync(work, { recursive: true, force: true }),
    };
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

/** A base that cannot be had: one line for the user. */
export class BaseError extends Error {}

/** The plan-review report as GitHub-flavoured Markdown. */
import { describePoints, describeRuns, estimates } from './cost';
import type { ReviewDiff } from './diff';
import type { PolicyDocumentView } from './documents';
import { allExemptions } from './exemptions';
import { byEffect, type FindingGroup } from './findings';
import { isSource, type SourceGroup } from './groups';
import { copyFlowDiagram, ouFootnote } from './mermaid';
import { PROTECTION } from './protection';
import type { ScenarioDelta, ScenarioOutcome } from './scenario-delta';
import type { PolicyView, ReviewModel, StackView } from './model';
import { joinWords } from './schedule';
import { failed, type ProofReview, type SecurityReview } from './security';
import { otherMemberAccount } from '../../security/properties';
import type { ScenarioResult, SuiteResult } from '../../security/proofs';
import { AccountNames, describeRule, describeTarget } from './words';

export interface ReportOptions {
  /** Where the synthesized output was read from, as shown to the reader. */
  readonly source: string;
  /** The comparison with an earlier output, and where that was read from. */
  readonly diff?: {
    readonly base: string;
    readonly changes: ReviewDiff;
    /** What the change does to protection, grouped across stacks. */
    readonly findings?: readonly FindingGroup[];
    readonly scenarios?: ScenarioDelta | { readonly error: string };
  };
  /** The rule pack's result and the proven properties; the section is left out without it. */
  readonly security?: SecurityReview;
  /** Source accounts by group (identical stacks); one group per account when not grouped. */
  readonly groups?: readonly SourceGroup[];
  /** The policy documents of the output, for the exempt principals. */
  readonly documents?: readonly PolicyDocumentView[];
  /**
   * Leave out listings to fit one comment: 1, the tables of passing scenarios; 2, also the member
   * lists, resource lists and long change lists (review.json keeps them all).
   */
  readonly compact?: 0 | 1 | 2;
}

/** The most a GitHub comment holds. */
export const COMMENT_LIMIT = 65_536;

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderReport(model: ReviewModel, options: ReportOptions): string {
  const accounts = new AccountNames(model.stacks);
  const resourceCount = model.stacks.reduce((n, s) => n + s.resources.length, 0);
  const groups = options.groups ?? model.stacks.filter(isSource).map((s, i) => ({ name: String(i + 1), ou: s.ou, members: [s] }));
  const grouped = groups.some((g) => g.members.length > 1);
  const level = options.compact ?? 0;
  const compact = level >= 2;
  const sections = [
    '# Backup plan review',
    '',
    `Read from ${code(options.source)}: the Terraform that \`terraform plan\` receives. ` +
      `${model.stacks.length} stacks, ${resourceCount} resources, ${model.policies.length} backup policies.` +
      (grouped ? ` The ${groups.reduce((n, g) => n + g.members.length, 0)} source accounts are shown in ${groups.length} groups of stacks identical but for their ids.` : '') +
      (level > 0 ? ` ${level === 1 ? 'The tables of passing scenarios are' : 'Long listings are'} left out to fit one comment: \`review.json\` beside this file has them all.` : ''),
    '',
    ...(options.diff ? renderChanges(options.diff, groups, compact) : []),
    ...(options.diff ? renderDiff(options.diff.changes, compact) : []),
    ...(grouped ? renderGroupedSummary(model, groups, compact) : renderSummary(model)),
    ...renderPolicies(model.policies, accounts),
    ...renderRecoveryPoints(model),
    ...(grouped ? renderGroupedVaults(model, groups) : renderVaults(model)),
    ...renderProtection(model, groups),
    ...renderCopyLimits(model, groups),
    ...(options.security ? renderSecurity(options.security, options.documents ?? [], groups, level >= 1) : []),
    '## Copy flows',
    '',
    '```mermaid',
    copyFlowDiagram(model, groups),
    '```',
    '',
    ...(ouFootnote(model) ? [ouFootnote(model) as string, ''] : []),
    ...(compact ? [] : grouped ? renderGroupedResources(model, groups) : renderResources(model.stacks)),
  ];
  return `${sections.join('\n').trimEnd()}\n`;
}

function renderSummary(model: ReviewModel): string[] {
  return [
    '## Stacks',
    '',
    '| stack | account | regions | resources | reads remote state of | deploys after |',
    '|---|---|---|---|---|---|',
    ...model.stacks.map(
      (s) =>
        `| ${code(s.name)} | ${s.accountId} (${s.accountLabel}) | ${s.regions.join(', ')} | ${s.resources.length} | ` +
        `${s.remoteStates.map(code).join(', ') || '-'} | ${s.dependencies.map(code).join(', ') || '-'} |`,
    ),
    '',
  ];
}

function renderPolicies(policies: readonly PolicyView[], accounts: AccountNames): string[] {
  const lines = ['## Backup policies', ''];
  for (const policy of policies) {
    lines.push(`### ${policy.name} (${code(policy.address)})`, '');
    lines.push(`- **Attached to:** ${policy.targets.length > 0 ? joinWords(policy.targets.map((t) => describeTarget(t, accounts))) : '**nothing: this policy has no effect**'}`);
    const selections = uniqueBy(policy.plans.flatMap((p) => p.selection), (s) => JSON.stringify(s));
    const vaults = vaultNamesOf(policy);
    const into = vaults.length === 1 ? ` into the vault ${code(vaults[0])} of each account` : '';
    for (const s of selections) {
      lines.push(
        `- **Selects:** resources tagged ${code(s.tagKey)} = ${joinWords(s.tagValues.map(code), 'or')}, backed up by the role ${code(s.roleArn)}${into}`,
      );
    }
    lines.push(`- **Plans:** ${policy.plans.map((p) => `${code(p.name)} (${p.regions.join(', ')})`).join(', ')}`);
    const targets = uniqueBy(policy.plans.flatMap((p) => p.rules.flatMap((r) => r.copies)), (c) => c.targetArn);
    for (const copy of targets) {
      lines.push(`- **Copies to:** ${code(copy.targetArn)}${copy.resolvedFrom ? `, read as ${code(copy.resolvedFrom)}` : ''}`);
    }
    lines.push('');
    lines.push('| rule | plans | in words |', '|---|---|---|');
    for (const row of ruleRows(policy, accounts)) lines.push(`| ${code(row.rule)} | ${row.plans} | ${cell(row.words)} |`);
    lines.push('');
  }
  return lines;
}

/** A rule reads the same in every region's plan except for the region: one row unless they differ. */
function ruleRows(policy: PolicyView, accounts: AccountNames): { rule: string; plans: string; words: string }[] {
  const rows = new Map<string, { rule: string; plans: string[]; words: string }>();
  for (const plan of policy.plans) {
    for (const rule of plan.rules) {
      const words = `${describeRule(rule, accounts)}${vaultNamesOf(policy).length > 1 ? `; into ${rule.vaultName}` : ''}`;
      const key = `${rule.name}\u0000${words}`;
      const row = rows.get(key) ?? { rule: rule.name, plans: [], words };
      row.plans.push(plan.regions.join(', '));
      rows.set(key, row);
    }
  }
  return [...rows.values()].map((r) => ({ ...r, plans: r.plans.length === policy.plans.length ? 'all' : r.plans.join(', ') }));
}

function renderVaults(model: ReviewModel): string[] {
  const rows = model.stacks.flatMap((stack) =>
    stack.vaults.map((v) => {
      const lock = v.lock ? `${v.lock.mode}, ${v.lock.minRetentionDays} to ${v.lock.maxRetentionDays} days` : 'none';
      const copyIn = [
        ...(v.copyInFromOrganization ? ['any principal of the organization'] : []),
        ...v.copyInAccounts.map((id) => `${id} (${new AccountNames(model.stacks).label(id)})`),
      ];
      return `| ${code(stack.name)} | ${code(v.address)} | ${v.name} | ${v.region} | ${lock} | ${copyIn.join(', ') || 'nobody else'} |`;
    }),
  );
  return ['## Vaults', '', '| stack | address | vault | region | lock | may copy in |', '|---|---|---|---|---|---|', ...rows, ''];
}

function renderSecurity(security: SecurityReview, documents: readonly PolicyDocumentView[], groups: readonly SourceGroup[], compact: boolean): string[] {
  return ['## Security', '', ...renderPack(security.pack), ...renderExemptions(documents, groups), ...renderProofs(security.proofs, compact)];
}

function renderPack(pack: SecurityReview['pack']): string[] {
  const lines = ['### Security rule pack', ''];
  if (failed(pack)) return [...lines, '> [!WARNING]', `> The rule pack could not run on this output: ${pack.error}`, ''];
  const failing = (level: string) => {
    const n = pack.filter((r) => r.level === level && r.noncompliant > 0).length;
    return `${n === 0 ? 'no' : n} ${level} rule${n === 1 ? ' fails' : 's fail'}`;
  };
  lines.push(
    `The ${pack.length} rules of ${code('checks/pack.ts')} (the pack every synth runs), over this output: ` +
      `${failing('error')}, ${failing('warning')}. ` +
      `Suppressions are construct metadata that ${code('cdktf.out')} does not carry, so none applies here: a finding suppressed at synth shows as a failure.`,
    '',
    '| rule | level | result | pass | fail | n.a. | failing resources |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of pack) {
    const result = r.noncompliant === 0 ? 'pass' : r.level === 'error' ? '**FAIL**' : '**FAIL** (warning)';
    const where = r.failing.map((f) => `${code(`${f.stack}: ${f.address}`)}: ${f.detail}`).join('<br>') || '-';
    lines.push(`| ${code(r.id)} | ${r.level} | ${result} | ${r.compliant} | ${r.noncompliant} | ${r.notApplicable} | ${cell(where)} |`);
  }
  return [...lines, ''];
}

function renderProofs(proofs: SecurityReview['proofs'], compact = false): string[] {
  const lines = ['### Proven security properties', ''];
  if (failed(proofs)) return [...lines, '> [!WARNING]', `> The security properties could not be evaluated on this output: ${proofs.error}`, ''];
  const suites = [...proofs.resourcePolicies, ...proofs.scp];
  const results = suites.flatMap((s) => s.results);
  const bad = results.filter((r) => r.outcome !== 'pass');
  const badChecks = suites.filter((s) => s.denyEverything.outcome !== 'pass');
  if (bad.length > 0 || badChecks.length > 0) {
    const properties = [...new Set(bad.map((r) => r.scenario.property))];
    lines.push(
      '> [!CAUTION]',
      `> **${bad.length} of ${results.length} scenarios FAIL**${properties.length > 0 ? ` in: ${properties.join('; ')}` : ''}` +
        `${badChecks.length > 0 ? `${bad.length > 0 ? '; and' : ';'} the deny-everything check fails in ${badChecks.map((s) => s.suite.region).join(', ')}` : ''}.`,
      '',
    );
  } else {
    lines.push(`**All ${results.length} scenarios pass**, and every "can" scenario is refused once its policy is replaced by one that denies everything.`, '');
  }
  lines.push(...describeSubjects(proofs), '');
  lines.push(...renderSuites(proofs.resourcePolicies, compact));
  lines.push('#### Backup protection SCP', '');
  if (proofs.scp.length === 0) {
    lines.push(
      proofs.subjects.scps.length === 0
        ? `No service control policy in this output (${code('protectBackupsScp')} is off): no SCP scenarios.`
        : `No service control policy of this output is attached at the root ${code(proofs.subjects.rootId)}: no SCP scenarios.`,
      '',
    );
  } else {
    const scps = proofs.subjects.scps.filter((s) => s.targets.includes(proofs.subjects.rootId));
    lines.push(`${scps.map((s) => `${code(`management: ${s.address}`)} (${s.name})`).join(', ')}, attached at the root beside FullAWSAccess, evaluated for the callers of a member account:`, '');
    lines.push(...renderSuites(proofs.scp, compact));
  }
  return lines;
}

function describeSubjects(proofs: ProofReview): string[] {
  const s = proofs.subjects;
  const [source, other] = s.sources;
  return [
    'Evaluated now, with the IAM policy evaluator `@cloud-copilot/iam-simulate`, on the vault access policies, key policies and SCPs exactly as synthesized. ' +
      'Callers hold AdministratorAccess (`*` on `*`) unless named otherwise; a "cannot" passes only with the exact refusal expected (explicit or implicit deny). ' +
      `Read from the output: organization ${code(s.organizationId)} (root ${code(s.rootId)}); the Backup account ${s.backupAccount.accountId}, its deployment role ${code(s.backupAccount.deploymentRoleArn)} ` +
      `and ${s.breakGlassRoleArn ? `break-glass role ${code(s.breakGlassRoleArn)} (the scenarios use the first; every exempt principal is listed above)` : '**no break-glass role** (its scenarios are left out)'}; ` +
      `source account ${source.name} (${source.accountId}), and ` +
      `${other ? `${other.name} (${other.accountId}) as another source account` : `an illustrative member account ${otherMemberAccount(s)} as another account of the organization`}.`,
  ];
}

/** Scenarios grouped by property across the suites (regions): a summary list, each property's table, then the deny-everything checks. */
function renderSuites(suites: readonly SuiteResult[], compact = false): string[] {
  type Row = { readonly region: string; readonly result: ScenarioResult };
  const properties = new Map<string, Row[]>();
  for (const suite of suites) {
    for (const result of suite.results) {
      const property = result.scenario.property;
      properties.set(property, [...(properties.get(property) ?? []), { region: suite.suite.region, result }]);
    }
  }
  const lines: string[] = [];
  for (const [property, rows] of properties) {
    const failing = rows.filter((r) => r.result.outcome !== 'pass');
    lines.push(`- ${failing.length === 0 ? 'PASS' : '**FAIL**'}: ${property} (${rows.length} scenarios)`);
    for (const { region, result } of failing) {
      const got = result.got ? `got ${result.got}` : `error: ${result.error}`;
      lines.push(`  - **${result.outcome.toUpperCase()}** ${result.scenario.expectation}: ${result.scenario.name} (${region}): expected ${result.scenario.decision}, ${got}`);
    }
  }
  lines.push('');
  for (const [property, rows] of properties) {
    const passed = rows.every((r) => r.result.outcome === 'pass');
    if (compact && passed) continue;
    lines.push(`<details${passed ? '' : ' open'}><summary>${passed ? 'PASS' : '<b>FAIL</b>'}: ${property}</summary>`, '');
    lines.push('| result | region | scenario | expected | evaluated |', '|---|---|---|---|---|');
    for (const { region, result } of rows) {
      const outcome = result.outcome === 'pass' ? 'pass' : `**${result.outcome.toUpperCase()}**`;
      const scenario = `${result.scenario.expectation}: ${result.scenario.name}`;
      lines.push(`| ${outcome} | ${region} | ${cell(scenario)} | ${result.scenario.decision} | ${cell(result.got ?? `error: ${result.error}`)} |`);
    }
    lines.push('', '</details>', '');
  }
  lines.push('| deny-everything check | region | "can" scenarios refused | detail |', '|---|---|---|---|');
  for (const { suite, denyEverything: check } of suites) {
    const outcome = check.outcome === 'pass' ? 'pass' : `**${check.outcome.toUpperCase()}**`;
    lines.push(`| ${outcome} | ${suite.region} | ${check.outcome === 'pass' ? `${check.checked} of ${check.checked}` : '-'} | ${cell(check.detail ?? '-')} |`);
  }
  return [...lines, ''];
}

function renderResources(stacks: readonly StackView[]): string[] {
  const lines = ['## Resources by stack', ''];
  for (const stack of stacks) {
    lines.push(`<details><summary>${stack.name}: ${stack.resources.length} resources, ${stack.dataSources.length} data sources</summary>`, '');
    for (const r of [...stack.resources, ...stack.dataSources]) lines.push(`- ${code(r.address)}`);
    lines.push('', '</details>', '');
  }
  return lines;
}

function renderDiff(diff: ReviewDiff, compact = false): string[] {
  const lines: string[] = [];
  const none = (items: readonly unknown[]) => (items.length === 0 ? ['- none'] : []);
  lines.push('### Accounts', '');
  if (diff.accountsAdded.length > 10) lines.push(`- added: ${diff.accountsAdded.length} accounts: ${stackList(diff.accountsAdded.map((a) => a.stack), compact)}`);
  else lines.push(...diff.accountsAdded.map((a) => `- added: ${code(a.stack)}, ${a.accountId} (${a.accountLabel})`));
  lines.push(...diff.accountsRemoved.map((a) => `- **removed**: ${code(a.stack)}, ${a.accountId} (${a.accountLabel}); its resources stay in its state until it is destroyed`));
  lines.push(
    ...diff.accountsMoved.map(
      (a) => `- **ACCOUNT CHANGED**: ${code(a.stack)} from ${a.from} to ${a.to}; its state holds the old account's resources, so plan it with care (a new stack name gives a fresh state)`,
    ),
  );
  lines.push(...none([...diff.accountsAdded, ...diff.accountsRemoved, ...diff.accountsMoved]), '');
  lines.push('### Backup rules', '');
  lines.push(...diff.policiesAdded.map((p) => `- policy added: ${code(p)}`));
  lines.push(...diff.policiesRemoved.map((p) => `- **policy removed: ${code(p)}**: its accounts are no longer backed up by it`));
  for (const r of diff.rules) {
    const flag = r.retentionShortened ? '**RETENTION SHORTENED** ' : '';
    const what = r.kind === 'changed' ? r.changes.join('; ') : r.kind;
    lines.push(`- ${flag}${code(r.policy)} plan ${code(r.plan)} rule ${code(r.rule)}: ${what}`);
  }
  lines.push(...none([...diff.policiesAdded, ...diff.policiesRemoved, ...diff.rules]), '');
  lines.push('### Resources destroyed, replaced or created', '');
  // The same change in many stacks is one line: grouped by the line with the stack name set aside.
  const byLine = new Map<string, string[]>();
  for (const r of diff.resources) {
    const flag = r.kind === 'created' ? '' : r.protectsBackups ? '**DESTROY/RECREATE (holds backups)** ' : '**DESTROY/RECREATE** ';
    const line = `${flag}${code(`<stack>: ${r.address}`)} ${r.kind}${r.reason ? ` (${r.reason})` : ''}`;
    byLine.set(line, [...(byLine.get(line) ?? []), r.stack]);
  }
  for (const [line, stacks] of byLine) {
    lines.push(stacks.length === 1 ? `- ${line.replace('<stack>', stacks[0])}` : `- ${line.replace('<stack>: ', '')} in ${stackList(stacks, compact)}`);
  }
  lines.push(...none(diff.resources), '');
  return lines;
}

function vaultNamesOf(policy: PolicyView): string[] {
  return [...new Set(policy.plans.flatMap((p) => p.rules.map((r) => r.vaultName)))];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

/** Stacks named in full up to ten; beyond, a count with the first few (review.json has them all). */
function stackList(stacks: readonly string[], compact = false): string {
  if (stacks.length <= 10) return stacks.map(code).join(', ');
  if (compact) return `${stacks.length} stacks (${stacks.slice(0, 3).map(code).join(', ')}, ...)`;
  return `${stacks.length} stacks: <details><summary>${stacks.slice(0, 3).map(code).join(', ')}, ...</summary>${stacks.join(', ')}</details>`;
}

function findingLine(f: FindingGroup, compact: boolean): string {
  const flag = f.effect === 'weakens' ? '**WEAKENS** ' : f.effect === 'strengthens' ? 'strengthens: ' : f.effect === 'warning' ? '**WARNING** ' : '';
  const where = f.stacks.length === 1 ? code(f.stacks[0]) : stackList(f.stacks, compact);
  return `- ${flag}${where}: ${f.text}`;
}

function outcomeWords(o: ScenarioOutcome): string {
  return o.decision ?? o.note ?? 'not evaluated';
}

/** The top of the change section: the caution box, the scenario delta, then every finding by effect. */
function renderChanges(diff: NonNullable<ReportOptions['diff']>, groups: readonly SourceGroup[], compact: boolean): string[] {
  const lines = [`## Changes against ${code(diff.base)}`, ''];
  const findings = [...(diff.findings ?? [])].sort(byEffect);
  const weakening = findings.filter((f) => f.effect === 'weakens');
  const scenarios = diff.scenarios && !('error' in diff.scenarios) ? diff.scenarios : undefined;
  const opened = scenarios?.changes.filter((c) => c.opens) ?? [];
  const closed = scenarios?.changes.filter((c) => c.closes) ?? [];
  const shortened = diff.changes.rules.filter((r) => r.retentionShortened);
  const lost = diff.changes.resources.filter((r) => r.kind !== 'created' && r.protectsBackups);
  if (opened.length > 0 || weakening.length > 0 || shortened.length > 0 || lost.length > 0) {
    lines.push('> [!CAUTION]');
    // One line per scenario, its regions together.
    const byName = new Map<string, { c: (typeof opened)[number]; regions: string[] }>();
    for (const c of opened) {
      const entry = byName.get(c.name) ?? { c, regions: [] };
      entry.regions.push(c.region);
      byName.set(c.name, entry);
    }
    const shown = [...byName.values()].slice(0, compact ? 10 : 40);
    if (shown.length > 0) lines.push('> **After this change, refused before and allowed now:**');
    for (const { c, regions } of shown) {
      lines.push(`> - **${c.name}** (${regions.join(', ')}; was ${outcomeWords(c.before)}): breaks "${c.property}"`);
    }
    if (byName.size > shown.length) lines.push(`> - ... and ${byName.size - shown.length} more scenarios now allowed (below).`);
    if (shown.length > 0) lines.push('>');
    if (shortened.length > 0) lines.push(`> **RETENTION SHORTENED** in ${shortened.length} rule${shortened.length === 1 ? '' : 's'}: recovery points would be deleted sooner, or no longer made or copied.`, '>');
    if (lost.length > 0) lines.push(`> **${lost.length} vault${lost.length === 1 ? '' : 's'} or key${lost.length === 1 ? '' : 's'} would be destroyed or replaced**; \`prevent_destroy\` stops the apply, and forcing it loses the recovery points they hold.`, '>');
    if (weakening.length > 0) {
      lines.push(`> **${weakening.length} change${weakening.length === 1 ? '' : 's'} weaken${weakening.length === 1 ? 's' : ''} protection:**`);
      const listed = weakening.slice(0, compact ? 15 : 60);
      for (const f of listed) lines.push(`> ${findingLine(f, true)}`);
      if (weakening.length > listed.length) lines.push(`> - ... and ${weakening.length - listed.length} more (below)`);
    }
    while (lines[lines.length - 1] === '>') lines.pop();
    lines.push('');
  }
  if (closed.length > 0) {
    lines.push('> [!WARNING]', `> ${closed.length} scenario${closed.length === 1 ? '' : 's'} that were allowed are refused now (a copy or restore that worked may stop): ${closed.slice(0, 5).map((c) => `${c.name} (${c.region})`).join('; ')}${closed.length > 5 ? '; ...' : ''}.`, '');
  }
  lines.push('### Security scenarios that change', '');
  if (!diff.scenarios) lines.push('- not evaluated');
  else if ('error' in diff.scenarios) lines.push(`- could not be evaluated: ${diff.scenarios.error}`);
  else if (diff.scenarios.changes.length === 0) lines.push(`- none: all ${diff.scenarios.compared} scenarios decide as before`);
  else {
    lines.push(`${diff.scenarios.changes.length} of ${diff.scenarios.compared} scenarios decide differently (each decided on the base and on this output):`, '');
    lines.push('| | region | scenario | before | after | property |', '|---|---|---|---|---|---|');
    for (const c of diff.scenarios.changes) {
      const mark = c.opens ? '**NOW ALLOWED**' : c.closes ? '**NOW REFUSED**' : 'changed';
      lines.push(`| ${mark} | ${c.region} | ${cell(`${c.expectation}: ${c.name}`)} | ${cell(outcomeWords(c.before))} | ${cell(outcomeWords(c.after))} | ${cell(c.property)} |`);
    }
  }
  lines.push('');
  const section = (title: string, effect: FindingGroup['effect']) => {
    const items = findings.filter((f) => f.effect === effect);
    lines.push(`### ${title}`, '');
    if (items.length === 0) lines.push('- none');
    const limit = compact ? 40 : 400;
    for (const f of items.slice(0, limit)) lines.push(findingLine(f, compact));
    if (items.length > limit) lines.push(`- ... and ${items.length - limit} more in \`review.json\``);
    lines.push('');
  };
  section('Weakening changes', 'weakens');
  section('Warnings', 'warning');
  section('Strengthening changes', 'strengthens');
  section('Other changes', 'neutral');
  void groups;
  return lines;
}

/** Up to five stacks by name; beyond, the source stacks are counted. */
function dependencyList(dependencies: readonly string[]): string {
  if (dependencies.length <= 5) return dependencies.map(code).join(', ') || '-';
  const sources = dependencies.filter((d) => d.startsWith('source-'));
  return [...dependencies.filter((d) => !d.startsWith('source-')).map(code), `every source stack (${sources.length})`].join(', ');
}

/** Names only: at a thousand accounts the ids would double the listing; review.json pairs each name with its id. */
function memberList(group: SourceGroup): string {
  return group.members.map((m) => m.accountLabel).join(', ');
}

function renderGroupedSummary(model: ReviewModel, groups: readonly SourceGroup[], compact: boolean): string[] {
  const others = model.stacks.filter((s) => !isSource(s));
  const lines = [
    '## Stacks',
    '',
    '| stack | account | regions | resources | reads remote state of | deploys after |',
    '|---|---|---|---|---|---|',
    ...others.map(
      (s) =>
        `| ${code(s.name)} | ${s.accountId} (${s.accountLabel}) | ${s.regions.join(', ')} | ${s.resources.length} | ` +
        `${s.remoteStates.map(code).join(', ') || '-'} | ${dependencyList(s.dependencies)} |`,
    ),
    ...groups.map((g) => {
      const s = g.members[0];
      return `| group ${g.name}: ${g.members.length} source stacks${g.ou ? `, OU ${cell(g.ou)}` : ''} | ${g.members.length === 1 ? `${s.accountId} (${s.accountLabel})` : `${g.members.length} accounts`} | ${s.regions.join(', ')} | ${s.resources.length} each | ${s.remoteStates.map(code).join(', ') || '-'} | ${s.dependencies.map(code).join(', ') || '-'} |`;
    }),
    '',
  ];
  if (!compact) {
    for (const g of groups) lines.push(`<details><summary>group ${g.name}: ${g.members.length} accounts</summary>`, '', memberList(g), '', '</details>', '');
  }
  return lines;
}

function renderRecoveryPoints(model: ReviewModel): string[] {
  const rows = estimates(model);
  if (rows.length === 0) return [];
  return [
    '### Recovery points kept per resource',
    '',
    'Roughly retention divided by the interval between runs, per backed-up resource, by storage tier (cold storage is cheaper per GB-month but has a 90-day minimum); copies are in the Backup account. AWS Backup bills storage per GB-month and has per-vault quotas: a change that doubles a count is warned about.',
    '',
    '| policy | rule | runs | local vault | copies |',
    '|---|---|---|---|---|',
    ...rows.map((e) => `| ${code(e.policy)} | ${code(e.rule)} | ${describeRuns(e.runsPerDay)} | ${e.runsPerDay === undefined ? '-' : describePoints(e.local)} | ${e.copies ? describePoints(e.copies) : e.runsPerDay === undefined ? '-' : 'no copy'} |`),
    '',
  ];
}

function renderGroupedVaults(model: ReviewModel, groups: readonly SourceGroup[]): string[] {
  const names = new AccountNames(model.stacks);
  const row = (stack: string, v: ReviewModel['stacks'][number]['vaults'][number]) => {
    const lock = v.lock ? `${v.lock.mode}, ${v.lock.minRetentionDays} to ${v.lock.maxRetentionDays} days` : 'none';
    const copyIn = [...(v.copyInFromOrganization ? ['any principal of the organization'] : []), ...v.copyInAccounts.map((id) => `${id} (${names.label(id)})`)];
    return `| ${stack} | ${code(v.address)} | ${v.name} | ${v.region} | ${lock} | ${copyIn.join(', ') || 'nobody else'} |`;
  };
  return [
    '## Vaults',
    '',
    '| stack | address | vault | region | lock | may copy in |',
    '|---|---|---|---|---|---|',
    ...model.stacks.filter((s) => !isSource(s)).flatMap((s) => s.vaults.map((v) => row(code(s.name), v))),
    ...groups.flatMap((g) => g.members[0].vaults.map((v) => row(`group ${g.name} (${g.members.length} accounts)`, v))),
    '',
  ];
}

/** The resources beyond keys and vaults that protect the backups, by type, with their counts. */
function renderProtection(model: ReviewModel, groups: readonly SourceGroup[]): string[] {
  const watched = ['aws_backup_logically_air_gapped_vault', 'aws_ram_resource_share', 'aws_ram_resource_association', 'aws_ram_principal_association', 'aws_backup_restore_testing_plan', 'aws_backup_restore_testing_selection', 'aws_backup_region_settings', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_sns_topic', 'aws_sns_topic_subscription', 'aws_backup_framework', 'aws_backup_report_plan', 'aws_organizations_policy'];
  const lines = ['## Other protection', ''];
  const rows: string[] = [];
  const stacksShown = [...model.stacks.filter((s) => !isSource(s)), ...groups.map((g) => g.members[0])];
  for (const type of watched) {
    for (const stack of stacksShown) {
      const group = groups.find((g) => g.members[0] === stack);
      const items = stack.resources.filter((r) => r.type === type && !(type === 'aws_organizations_policy' && r.body.type === 'BACKUP_POLICY'));
      if (items.length === 0) continue;
      const where = group && group.members.length > 1 ? `group ${group.name} (${group.members.length} accounts, each)` : code(stack.name);
      rows.push(`| ${PROTECTION[type] ?? type} | ${where} | ${items.map((r) => `${code(r.address)}${describeProtection(r.body, type)}`).join('<br>')} |`);
    }
  }
  const missing = ['aws_backup_logically_air_gapped_vault', 'aws_backup_restore_testing_plan', 'aws_backup_region_settings', 'aws_cloudwatch_event_rule', 'aws_backup_framework'].filter((t) => !model.stacks.some((s) => s.resources.some((r) => r.type === t)));
  if (rows.length > 0) lines.push('| what | where | resources |', '|---|---|---|', ...rows, '');
  if (missing.length > 0) lines.push(`Not in this output: ${missing.map((t) => `${PROTECTION[t]} (${code(t)})`).join('; ')}.`, '');
  return lines;
}

function describeProtection(body: Readonly<Record<string, unknown>>, type: string): string {
  const parts: string[] = [];
  if (type === 'aws_backup_logically_air_gapped_vault') parts.push(`${String(body.name)}, ${String(body.min_retention_days)} to ${String(body.max_retention_days)} days${body.encryption_key_arn ? ', customer key' : ', AWS-owned key'}`);
  if (type === 'aws_ram_resource_share') parts.push(`external principals ${body.allow_external_principals === true ? '**allowed**' : 'not allowed'}`);
  if (type === 'aws_ram_principal_association') parts.push(`to ${String(body.principal)}`);
  if (type === 'aws_backup_restore_testing_plan') parts.push(String(body.schedule_expression ?? ''));
  if (type === 'aws_backup_restore_testing_selection') parts.push(String(body.protected_resource_type ?? ''));
  if (type === 'aws_backup_region_settings') {
    const optIn = (body.resource_type_opt_in_preference ?? {}) as Record<string, unknown>;
    const off = Object.keys(optIn).filter((k) => optIn[k] !== true);
    parts.push(`${Object.keys(optIn).length - off.length} resource types opted in${off.length > 0 ? `; **off: ${off.join(', ')}**` : ''}`);
  }
  if (type === 'aws_cloudwatch_event_rule' && typeof body.event_pattern === 'string') {
    try {
      const p = JSON.parse(body.event_pattern) as { detail?: { eventName?: unknown }; 'detail-type'?: unknown };
      const names = [p.detail?.eventName, p['detail-type']].flat().filter((x) => typeof x === 'string');
      if (names.length > 0) parts.push(names.slice(0, 12).join(', ') + (names.length > 12 ? ', ...' : ''));
    } catch {
      parts.push('event pattern not readable');
    }
  }
  if (type === 'aws_organizations_policy') parts.push(String(body.type));
  return parts.length > 0 ? ` (${cell(parts.join('; '))})` : '';
}

/** What AWS Backup cannot copy, where the output shows it. */
function renderCopyLimits(model: ReviewModel, groups: readonly SourceGroup[]): string[] {
  const lines = ['## What cannot be copied', ''];
  lines.push(
    '- Resources encrypted with an AWS managed key (`aws/rds`, `aws/ebs`, ...) or with a customer key not shared with the Backup account cannot be copied to another account: their backups stay in the source account only. Encrypt them with the backup key of their account, or another customer key whose policy lets the Backup account use it.',
  );
  const withoutEbs = groups.filter((g) => !g.members[0].resources.some((r) => r.type === 'aws_ebs_encryption_by_default'));
  const count = withoutEbs.reduce((n, g) => n + g.members.length, 0);
  if (count > 0) {
    const names = withoutEbs.flatMap((g) => g.members.map((m) => m.accountLabel));
    lines.push(`- **${count} source account${count === 1 ? ' has' : 's have'} no default EBS encryption** with the backup key (${names.length <= 10 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, ...`}): volumes created there under \`aws/ebs\` cannot be copied to the Backup account.`);
  }
  const cold = model.policies.flatMap((p) => p.plans.flatMap((plan) => plan.rules.filter((r) => r.copies.some((c) => c.lifecycle.moveToColdStorageAfterDays !== undefined)).map((r) => `${code(p.name)} rule ${code(r.name)}`)));
  const unique = [...new Set(cold)];
  if (unique.length > 0) lines.push(`- **Central copies moved to cold storage cannot be copied back** (copy jobs do not read cold storage): ${unique.join(', ')}. Restore them in the Backup account, or keep them warm.`);
  return [...lines, ''];
}

function renderExemptions(documents: readonly PolicyDocumentView[], groups: readonly SourceGroup[]): string[] {
  const lines = ['### Exempt principals', ''];
  const all = allExemptions(documents);
  if (all.length === 0) return [...lines, 'No deny in this output exempts a principal.', ''];
  lines.push('Every principal a deny spares, per policy (by the condition key that matches it). Each one can do what the deny forbids everyone else.', '');
  lines.push('| stack | policy | principal | matched by | exempt from |', '|---|---|---|---|---|');
  // Source groups: one row for the group's first stack, with the stack's own account set aside.
  const representative = new Map<string, SourceGroup>();
  for (const g of groups) representative.set(g.members[0].name, g);
  const members = new Set(groups.flatMap((g) => g.members.slice(1).map((m) => m.name)));
  for (const d of all) {
    if (members.has(d.document.stack)) continue;
    const group = representative.get(d.document.stack);
    const where = group && group.members.length > 1 ? `group ${group.name} (${group.members.length} stacks; ${code(d.document.stack)} shown)` : code(d.document.stack);
    for (const e of d.exemptions) lines.push(`| ${where} | ${d.document.kind} ${code(d.document.address)} | ${code(e.principal)} | ${e.by} | ${e.from.map(code).join(', ')} |`);
  }
  return [...lines, ''];
}

function renderGroupedResources(model: ReviewModel, groups: readonly SourceGroup[]): string[] {
  const lines = ['## Resources by stack', ''];
  const block = (title: string, stack: StackView) => {
    lines.push(`<details><summary>${title}: ${stack.resources.length} resources, ${stack.dataSources.length} data sources</summary>`, '');
    for (const r of [...stack.resources, ...stack.dataSources]) lines.push(`- ${code(r.address)}`);
    lines.push('', '</details>', '');
  };
  for (const s of model.stacks.filter((x) => !isSource(x))) block(s.name, s);
  for (const g of groups) block(`group ${g.name} (${g.members.length} stacks, each)`, g.members[0]);
  return lines;
}

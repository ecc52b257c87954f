/** The plan-review report as GitHub-flavoured Markdown. */
import type { ReviewDiff } from './diff';
import { copyFlowDiagram, ouFootnote } from './mermaid';
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
  readonly diff?: { readonly base: string; readonly changes: ReviewDiff };
  /** The rule pack's result and the proven properties; the section is left out without it. */
  readonly security?: SecurityReview;
}

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderReport(model: ReviewModel, options: ReportOptions): string {
  const accounts = new AccountNames(model.stacks);
  const resourceCount = model.stacks.reduce((n, s) => n + s.resources.length, 0);
  const sections = [
    '# Backup plan review',
    '',
    `Read from ${code(options.source)}: the Terraform that \`terraform plan\` receives. ` +
      `${model.stacks.length} stacks, ${resourceCount} resources, ${model.policies.length} backup policies.`,
    '',
    ...(options.diff ? renderDiff(options.diff.base, options.diff.changes) : []),
    ...renderSummary(model),
    ...renderPolicies(model.policies, accounts),
    ...renderVaults(model),
    ...(options.security ? renderSecurity(options.security) : []),
    '## Copy flows',
    '',
    '```mermaid',
    copyFlowDiagram(model),
    '```',
    '',
    ...(ouFootnote(model) ? [ouFootnote(model) as string, ''] : []),
    ...renderResources(model.stacks),
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

function renderSecurity(security: SecurityReview): string[] {
  return ['## Security', '', ...renderPack(security.pack), ...renderProofs(security.proofs)];
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

function renderProofs(proofs: SecurityReview['proofs']): string[] {
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
  lines.push(...renderSuites(proofs.resourcePolicies));
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
    lines.push(...renderSuites(proofs.scp));
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
      `and ${s.breakGlassRoleArn ? `break-glass role ${code(s.breakGlassRoleArn)}` : '**no break-glass role** (its scenarios are left out)'}; ` +
      `source account ${source.name} (${source.accountId}), and ` +
      `${other ? `${other.name} (${other.accountId}) as another source account` : `an illustrative member account ${otherMemberAccount(s)} as another account of the organization`}.`,
  ];
}

/** Scenarios grouped by property across the suites (regions): a summary list, each property's table, then the deny-everything checks. */
function renderSuites(suites: readonly SuiteResult[]): string[] {
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

function renderDiff(base: string, diff: ReviewDiff): string[] {
  const lines = [`## Changes against ${code(base)}`, ''];
  const shortened = diff.rules.filter((r) => r.retentionShortened);
  const lost = diff.resources.filter((r) => r.kind !== 'created' && r.protectsBackups);
  if (shortened.length > 0) {
    lines.push(`> [!CAUTION]`, `> **RETENTION SHORTENED** in ${shortened.length} rule${shortened.length === 1 ? '' : 's'}: recovery points would be deleted sooner, or no longer made or copied.`, '');
  }
  if (lost.length > 0) {
    lines.push(`> [!CAUTION]`, `> **${lost.length} vault${lost.length === 1 ? '' : 's'} or key${lost.length === 1 ? '' : 's'} would be destroyed or replaced**; \`prevent_destroy\` stops the apply, and forcing it loses the recovery points they hold.`, '');
  }
  const none = (items: readonly unknown[]) => (items.length === 0 ? ['- none'] : []);
  lines.push('### Accounts', '');
  lines.push(...diff.accountsAdded.map((a) => `- added: ${code(a.stack)}, ${a.accountId} (${a.accountLabel})`));
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
  for (const r of diff.resources) {
    const flag = r.kind === 'created' ? '' : r.protectsBackups ? '**DESTROY/RECREATE (holds backups)** ' : '**DESTROY/RECREATE** ';
    lines.push(`- ${flag}${code(`${r.stack}: ${r.address}`)} ${r.kind}${r.reason ? ` (${r.reason})` : ''}`);
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

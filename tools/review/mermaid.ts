/**
 * The copy flows as a Mermaid flowchart that GitHub renders: per region, every vault with its
 * account, the copies the backup policies make into the central vault, and the copy-back (restore)
 * paths the source vault policies open. Every label is quoted, every node id is plain ASCII.
 */
import type { SourceGroup } from './groups';
import type { ReviewModel, StackView, VaultView } from './model';

const id = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
/** Quoted Mermaid label text: `"` has no escape inside quotes, so it becomes `'`. */
const label = (text: string) => `"${text.replace(/"/g, "'")}"`;

/**
 * The diagram. Source accounts are drawn one node per group (identical stacks, same OU) once the
 * organization is grouped, so 1,000 accounts are a handful of nodes; small organizations keep one
 * node per account.
 */
export function copyFlowDiagram(model: ReviewModel, groups?: readonly SourceGroup[]): string {
  const lines = ['flowchart LR'];
  const sourceGroups = groups ?? model.stacks.filter((s) => s.name.startsWith('source-')).map((s, i) => ({ name: String(i + 1), ou: s.ou, members: [s] }));
  const centralStacks = model.stacks.filter((s) => !s.name.startsWith('source-'));
  const regions = [...new Set(model.stacks.flatMap((s) => s.vaults.map((v) => v.region)))].sort();
  const copyEdges: string[] = [];
  for (const region of regions) {
    lines.push(`  subgraph ${id('region', region)}[${label(region)}]`);
    lines.push('    direction LR');
    for (const stack of centralStacks) for (const vault of stack.vaults.filter((v) => v.region === region)) lines.push(`    ${vaultNode(stack, vault)}`);
    for (const group of sourceGroups) {
      const vault = group.members[0].vaults.find((v) => v.region === region);
      if (vault) lines.push(`    ${groupNode(group, vault)}`);
    }
    lines.push('  end');
    copyEdges.push(...regionEdges(model, region, centralStacks, sourceGroups));
  }
  const management = model.stacks.find((s) => model.policies.some((p) => p.stack === s.name));
  if (management) {
    const policies = model.policies.filter((p) => p.stack === management.name).map((p) => p.name);
    lines.push(`  ${id('stack', management.name)}[${label(`${management.name} (${management.accountId})<br/>backup policies: ${policies.join(', ')}`)}]`);
    for (const region of regions) {
      lines.push(`  ${id('stack', management.name)} -.->|${label('schedules backups')}| ${id('region', region)}`);
    }
  }
  lines.push(...copyEdges);
  return lines.join('\n');
}

function groupNodeId(group: SourceGroup, region: string): string {
  return group.members.length === 1 ? id('vault', group.members[0].name, region) : id('vault', 'group', group.name, region);
}

function groupNode(group: SourceGroup, vault: VaultView): string {
  if (group.members.length === 1) return vaultNode(group.members[0], vault);
  const ou = group.ou ? `OU ${group.ou}: ` : '';
  return `${groupNodeId(group, vault.region)}[${label(`${ou}group ${group.name}, ${group.members.length} accounts<br/>vault ${vault.name}`)}]`;
}

function vaultNode(stack: StackView, vault: VaultView): string {
  const lock = vault.lock ? `<br/>lock: ${vault.lock.mode}, ${vault.lock.minRetentionDays} to ${vault.lock.maxRetentionDays} days` : '';
  const ou = stack.ou ? `<br/>OU ${stack.ou}` : '';
  const text = `${stack.accountLabel} (${stack.accountId})${ou}<br/>vault ${vault.name}${lock}`;
  // Locked vaults are drawn as cylinders: the copies that must survive.
  return vault.lock ? `${id('vault', stack.name, vault.region)}[(${label(text)})]` : `${id('vault', stack.name, vault.region)}[${label(text)}]`;
}

function regionEdges(model: ReviewModel, region: string, centralStacks: readonly StackView[], groups: readonly SourceGroup[]): string[] {
  const edges: string[] = [];
  const localVaults = planVaultNames(model, region);
  for (const central of centralStacks) {
    const centralVault = central.vaults.find((v) => v.region === region && v.lock);
    if (!centralVault) continue;
    for (const group of groups) {
      const vault = group.members[0].vaults.find((v) => v.region === region);
      if (!vault || !localVaults.has(vault.name)) continue;
      // Policies that reach every member, and those that reach only some (account-targeted ones).
      const counts = new Map<string, number>();
      for (const member of group.members) {
        for (const p of copyingPolicies(model, region, member.accountId, `${central.accountId}/${centralVault.name}`)) counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      if (counts.size === 0) continue;
      const policies = [...counts].map(([p, n]) => (n === group.members.length ? p : `${p} (${n} of ${group.members.length})`));
      edges.push(`  ${groupNodeId(group, region)} -->|${label(`copies: ${policies.join(', ')}`)}| ${id('vault', central.name, region)}`);
      if (vault.copyInAccounts.includes(central.accountId)) {
        edges.push(`  ${id('vault', central.name, region)} -.->|${label('copy back (restore)')}| ${groupNodeId(group, region)}`);
      }
    }
  }
  return edges;
}

/**
 * Policies whose plans for the region copy into the target and reach the account: attached to the
 * root or to the account itself, or (marked `*`) to an OU, whose membership the code does not know.
 */
function copyingPolicies(model: ReviewModel, region: string, accountId: string, target: string): string[] {
  return model.policies.flatMap((policy) => {
    const copies = policy.plans
      .filter((plan) => plan.regions.includes(region))
      .some((plan) => plan.rules.some((rule) => rule.copies.some((c) => `${c.accountId}/${c.vaultName}` === target)));
    if (!copies) return [];
    const name = policy.name;
    if (policy.targets.some((t) => /^r-/.test(t) || t === accountId)) return [name];
    return policy.targets.some((t) => /^ou-/.test(t)) ? [`${name}*`] : [];
  });
}

/** Footnote for the `*` of OU-attached policies. */
export function ouFootnote(model: ReviewModel): string | undefined {
  const viaOu = model.policies.filter((p) => p.targets.some((t) => /^ou-/.test(t)));
  if (viaOu.length === 0) return undefined;
  return `\\* where the account is in ${viaOu.map((p) => `${p.targets.filter((t) => /^ou-/.test(t)).join(', ')} (${p.name})`).join('; ')}: OU membership is not part of this code.`;
}

/** The local vault names the plans of a region back up into. */
function planVaultNames(model: ReviewModel, region: string): Set<string> {
  return new Set(
    model.policies.flatMap((p) => p.plans.filter((plan) => plan.regions.includes(region)).flatMap((plan) => plan.rules.map((r) => r.vaultName))),
  );
}

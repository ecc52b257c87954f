/**
 * The copy flows as a Mermaid flowchart that GitHub renders: per region, every vault with its
 * account, the copies the backup policies make into the central vault, and the copy-back (restore)
 * paths the source vault policies open. Every label is quoted, every node id is plain ASCII.
 */
import type { ReviewModel, StackView, VaultView } from './model';

const id = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
/** Quoted Mermaid label text: `"` has no escape inside quotes, so it becomes `'`. */
const label = (text: string) => `"${text.replace(/"/g, "'")}"`;

export function copyFlowDiagram(model: ReviewModel): string {
  const lines = ['flowchart LR'];
  const vaultsOf = (stack: StackView) => stack.vaults.map((vault) => ({ stack, vault }));
  const all = model.stacks.flatMap(vaultsOf);
  const regions = [...new Set(all.map(({ vault }) => vault.region))].sort();
  const copyEdges: string[] = [];
  for (const region of regions) {
    lines.push(`  subgraph ${id('region', region)}[${label(region)}]`);
    lines.push('    direction LR');
    for (const { stack, vault } of all.filter(({ vault }) => vault.region === region)) {
      lines.push(`    ${vaultNode(stack, vault)}`);
    }
    lines.push('  end');
    copyEdges.push(...regionEdges(model, region, all));
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

function vaultNode(stack: StackView, vault: VaultView): string {
  const lock = vault.lock ? `<br/>lock: ${vault.lock.mode}, ${vault.lock.minRetentionDays} to ${vault.lock.maxRetentionDays} days` : '';
  const text = `${stack.accountLabel} (${stack.accountId})<br/>vault ${vault.name}${lock}`;
  // Locked vaults are drawn as cylinders: the copies that must survive.
  return vault.lock ? `${id('vault', stack.name, vault.region)}[(${label(text)})]` : `${id('vault', stack.name, vault.region)}[${label(text)}]`;
}

function regionEdges(model: ReviewModel, region: string, all: { stack: StackView; vault: VaultView }[]): string[] {
  const edges: string[] = [];
  const here = all.filter(({ vault }) => vault.region === region);
  const localVaults = planVaultNames(model, region);
  for (const central of here.filter(({ vault }) => vault.lock)) {
    for (const source of here.filter(({ stack, vault }) => stack !== central.stack && localVaults.has(vault.name))) {
      const policies = copyingPolicies(model, region, source.stack.accountId, `${central.stack.accountId}/${central.vault.name}`);
      if (policies.length === 0) continue;
      edges.push(`  ${id('vault', source.stack.name, region)} -->|${label(`copies: ${policies.join(', ')}`)}| ${id('vault', central.stack.name, region)}`);
      if (source.vault.copyInAccounts.includes(central.stack.accountId)) {
        edges.push(`  ${id('vault', central.stack.name, region)} -.->|${label('copy back (restore)')}| ${id('vault', source.stack.name, region)}`);
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

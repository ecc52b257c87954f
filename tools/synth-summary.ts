/** The one line `npm run synth` prints on success: what it read, what it wrote, where, how long. */
import { type TerraformStack, TerraformResource } from 'cdktf';

export interface SynthSummary {
  readonly stacks: number;
  /** Managed resources (`resource` blocks) in all stacks; data sources are not counted. */
  readonly resources: number;
  /** The configuration as the user named it (`org/acme.yaml`, `envs/example.ts`). */
  readonly source: string;
  readonly outdir: string;
  readonly milliseconds: number;
}

/** `synthesized 14 stacks (212 resources) from org/acme.yaml into cdktf.out in 1.3 s` */
export function summaryLine(s: SynthSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `synthesized ${plural(s.stacks, 'stack')} (${plural(s.resources, 'resource')}) from ${s.source} into ${s.outdir} in ${(s.milliseconds / 1000).toFixed(1)} s`;
}

/** The resources of the stacks' construct trees: each is one `resource` block of the output. */
export function resourceCount(stacks: readonly TerraformStack[]): number {
  return stacks.reduce((n, stack) => n + stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length, 0);
}

/**
 * The synthesized app as the security rules see it: every managed resource of every stack, by
 * address, with the account and region of the provider it is deployed through. Built from what
 * Terraform receives (`stack.toTerraform()` or cdk.tf.json), not from the config.
 */
import type { StackJson } from '../tools/synth-output';

export interface SynthesizedResource {
  /** The stack (one Terraform state). */
  readonly stack: string;
  /** Terraform address, `aws_kms_key.central_eu-west-1`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The account the resource lives in, from its provider's `allowed_account_ids`; undefined if not pinned. */
  readonly account?: string;
  /** The region of its provider. */
  readonly region?: string;
}

export class SynthesizedApp {
  readonly resources: readonly SynthesizedResource[];

  constructor(stacks: Readonly<Record<string, StackJson>>) {
    this.resources = Object.entries(stacks).flatMap(([stack, json]) => resourcesWithPlacement(stack, json));
  }

  /** Resources of one type, across all stacks. */
  ofType(type: string): SynthesizedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /**
   * The resource a same-stack reference such as `${aws_backup_vault.central_eu-west-1.name}`
   * points at, or undefined for a literal or a reference to something else.
   */
  referenced(from: SynthesizedResource, value: unknown): SynthesizedResource | undefined {
    if (typeof value !== 'string') return undefined;
    const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value);
    if (!match) return undefined;
    return this.resources.find((r) => r.stack === from.stack && r.type === match[1] && r.name === match[2]);
  }
}

function resourcesWithPlacement(stack: string, json: StackJson): SynthesizedResource[] {
  const providers = (json.provider?.aws ?? []) as { alias?: string; region?: string; allowed_account_ids?: string[] }[];
  const placement = (providerRef: unknown) => {
    const alias = typeof providerRef === 'string' ? providerRef.replace(/^aws\./, '') : undefined;
    const provider = providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
    return { account: provider?.allowed_account_ids?.[0], region: provider?.region };
  };
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => ({ stack, address: `${type}.${name}`, type, name, body, ...placement(body.provider) })),
  );
}

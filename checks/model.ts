/**
 * The synthesized app as the security rules see it: every managed resource of every stack, by
 * address, with the account and region of the provider it is deployed through. Built from what
 * Terraform receives (`stack.toTerraform()` or cdk.tf.json), not from the config.
 */
import type { StackJson } from '../output/synth-output';

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
  private readonly byAddress = new Map<string, SynthesizedResource>();
  private readonly byType = new Map<string, SynthesizedResource[]>();
  private readonly byStackType = new Map<string, SynthesizedResource[]>();

  constructor(stacks: Readonly<Record<string, StackJson>>) {
    this.resources = Object.entries(stacks).flatMap(([stack, json]) => resourcesWithPlacement(stack, json));
    for (const r of this.resources) {
      this.byAddress.set(`${r.stack}/${r.address}`, r);
      append(this.byType, r.type, r);
      append(this.byStackType, `${r.stack}/${r.type}`, r);
    }
  }

  /** Resources of one type, across all stacks. */
  ofType(type: string): SynthesizedResource[] {
    return this.byType.get(type) ?? [];
  }

  /** Resources of one type in one stack. */
  inStack(stack: string, type: string): SynthesizedResource[] {
    return this.byStackType.get(`${stack}/${type}`) ?? [];
  }

  /**
   * The resource a same-stack reference such as `${aws_backup_vault.central_eu-west-1.name}`
   * points at, or undefined for a literal or a reference to something else.
   */
  referenced(from: SynthesizedResource, value: unknown): SynthesizedResource | undefined {
    if (typeof value !== 'string') return undefined;
    const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value);
    if (!match) return undefined;
    return this.byAddress.get(`${from.stack}/${match[1]}.${match[2]}`);
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

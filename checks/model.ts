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
  private declarations?: Map<string, Set<string>>;

  constructor(private readonly stacks: Readonly<Record<string, StackJson>>) {
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

  /** Whether the stack declares the resource (`type.name`) or data source (`data.type.name`). */
  declares(stack: string, address: string): boolean {
    return this.declared().get(stack)?.has(address) ?? false;
  }

  /** The stacks that declare a resource or data source address, sorted. */
  stacksDeclaring(address: string): string[] {
    return [...this.declared()].filter(([, addresses]) => addresses.has(address)).map(([stack]) => stack).sort();
  }

  /** Every stack's declared addresses, indexed on first use (only the cross-stack rule asks). */
  private declared(): Map<string, Set<string>> {
    if (!this.declarations) {
      const declarations = new Map<string, Set<string>>();
      for (const [stack, json] of Object.entries(this.stacks)) {
        const addresses = new Set<string>();
        for (const [type, byName] of Object.entries(json.resource ?? {})) {
          for (const name of Object.keys(byName)) addresses.add(`${type}.${name}`);
        }
        for (const [type, byName] of Object.entries(json.data ?? {})) {
          for (const name of Object.keys(byName)) addresses.add(`data.${type}.${name}`);
        }
        declarations.set(stack, addresses);
      }
      this.declarations = declarations;
    }
    return this.declarations;
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

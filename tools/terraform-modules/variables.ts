/**
 * Input variables of the published modules: typed, described, and validated with the same rules the
 * config validator (envs/fields.ts, envs/rules.ts) applies, written as Terraform conditions.
 * The patterns are RE2 (Terraform's regex engine) and JavaScript alike; a test checks that they
 * accept and reject what the config validator does.
 */
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';

/** A value written literally in HCL: scalars, lists and objects of them; `${expr}` strings are expressions. */
export type HclLiteral = string | number | boolean | null | readonly HclLiteral[] | { readonly [key: string]: HclLiteral };

export interface Validation {
  /** A Terraform condition over `var.<name>`. */
  readonly condition: string;
  readonly message: string;
}

export interface VariableSpec {
  readonly name: string;
  /** A Terraform type constraint: `string`, `number`, `bool`, `list(string)`, `list(object({...}))`. */
  readonly type: string;
  readonly description: string;
  /** Absent: the variable is required. `null`: optional, no value. */
  readonly default?: HclLiteral;
  readonly validation?: readonly Validation[];
  /** Passed by the example call (overridden there by values from the configuration). */
  readonly example: HclLiteral;
}

/** Config rules as patterns, in one place: each named after the config field it mirrors. */
export const PATTERNS = {
  accountId: '^[0-9]{12}$',
  organizationId: '^o-[a-z0-9]{10,32}$',
  rootId: '^r-[0-9a-z]{4,32}$',
  target: '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12})$',
  iamRoleName: '^[A-Za-z0-9_+=,.@-]{1,64}$',
  iamRoleArn: '^arn:aws(-us-gov|-cn)?:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$',
  vaultName: '^[a-zA-Z0-9_-]{2,50}$',
  policyName: '^[a-zA-Z0-9_-]{1,50}$',
  ruleName: '^[a-zA-Z0-9_.-]{1,50}$',
  region: '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$',
  backupVaultArn: '^arn:aws(-us-gov|-cn)?:backup:[a-z0-9-]+:[0-9]{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$',
} as const;

/** `can(regex("<pattern>", var.x))`, with the pattern escaped for an HCL string. */
export function matches(name: string, pattern: string, message: string): Validation {
  return { condition: `can(regex(${JSON.stringify(pattern)}, var.${name}))`, message };
}

/** Creates the variable; `default: null` is written by the module post-processing (CDKTF drops it). */
export function declare(scope: Construct, spec: VariableSpec): TerraformVariable {
  return new TerraformVariable(scope, spec.name, {
    type: spec.type,
    description: spec.description,
    ...(spec.default !== undefined && spec.default !== null ? { default: spec.default } : {}),
    ...(spec.default === null ? { nullable: true } : {}),
    validation: (spec.validation ?? []).map((v) => ({ condition: `\${${v.condition}}`, errorMessage: v.message })),
  });
}

/**
 * Every IAM-style policy document of a synthesized output, wherever a resource carries one (key
 * policies, vault access policies, trust policies, the SCP, topic and bucket policies, and any
 * resource type added later), by a stable identity: stack, address and attribute. Backup policies
 * have no statements; the rule diff (diff.ts) compares them.
 */
import { SynthesizedApp } from '../../checks/model';
import { readJsonDocument } from '../../output/terraform-expression';
import { resourcesOf, type SynthOutput } from '../../output/synth-output';
import { withModelledRoleIds } from '../../security/subjects';

export interface PolicyDocumentView {
  /** `<stack> <address>.<attribute>`: the same for the same policy in two outputs. */
  readonly id: string;
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly attribute: string;
  /** `key policy`, `vault access policy`, `trust policy`, `SCP`, ... */
  readonly kind: string;
  readonly document: PolicyDocument;
  /**
   * The document as the security scenarios evaluate it: a role's unique id read at plan time
   * (`${data.aws_iam_role.<name>.unique_id}`) replaced by the id the proofs model for that role, so
   * that a scenario's policy is found by its text. The same object as `document` where it reads none.
   */
  readonly evaluated: PolicyDocument;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement?: unknown;
}

/** Attributes that hold a policy document, per resource type; other types are scanned by attribute name. */
const POLICY_ATTRIBUTES = new Set(['policy', 'assume_role_policy', 'content', 'access_policy']);

export function kindOf(type: string, attribute: string, body: Readonly<Record<string, unknown>>): string {
  if (type === 'aws_kms_key' || type === 'aws_kms_key_policy') return 'key policy';
  if (type === 'aws_backup_vault_policy') return 'vault access policy';
  if (attribute === 'assume_role_policy') return 'trust policy';
  if (type === 'aws_organizations_policy') return body.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : String(body.type ?? 'organization policy');
  if (type === 'aws_sns_topic_policy') return 'topic policy';
  if (type === 'aws_s3_bucket_policy') return 'bucket policy';
  if (type === 'aws_iam_role_policy' || type === 'aws_iam_policy') return 'identity policy';
  return `${type} ${attribute}`;
}

/**
 * The policy documents with statements; a value that is not a readable document is skipped. `app`
 * is the output's SynthesizedApp when the caller has one already (the review builds it once).
 */
export function policyDocuments(out: SynthOutput, app?: SynthesizedApp): PolicyDocumentView[] {
  const result: PolicyDocumentView[] = [];
  let accounts: Map<string, string | undefined> | undefined;
  const accountOf = (stack: string, address: string) => {
    accounts ??= new Map((app ?? new SynthesizedApp(out.stacks)).resources.map((r) => [`${r.stack} ${r.address}`, r.account]));
    return accounts.get(`${stack} ${address}`);
  };
  for (const stack of Object.keys(out.stacks).sort()) {
    for (const r of resourcesOf(out.stacks[stack])) {
      for (const attribute of Object.keys(r.body).filter((a) => POLICY_ATTRIBUTES.has(a))) {
        const value = r.body[attribute];
        if (typeof value !== 'string') continue;
        const document = parse(value);
        if (!document || document.Statement === undefined) continue;
        const modelled = value.includes('data.aws_iam_role.') ? withModelledRoleIds(value, out.stacks[stack], accountOf(stack, r.address)) : value;
        const evaluated = modelled === value ? document : (parse(modelled) ?? document);
        result.push({ id: `${stack} ${r.address}.${attribute}`, stack, address: r.address, type: r.type, attribute, kind: kindOf(r.type, attribute, r.body), document, evaluated });
      }
    }
  }
  return result;
}

function parse(value: string): PolicyDocument | undefined {
  try {
    const document = readJsonDocument(value);
    return document !== null && typeof document === 'object' && !Array.isArray(document) ? (document as PolicyDocument) : undefined;
  } catch {
    return undefined;
  }
}

/** Canonical JSON (keys sorted): the same text for documents that differ only in key order or whitespace. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

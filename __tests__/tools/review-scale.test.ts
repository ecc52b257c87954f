/**
 * The review report at organization scale: 1,000 source accounts (the bench's generated
 * organization, in three OUs), synthesized by `npm run synth`, must fit one GitHub comment
 * (65,536 characters), alone and against a base, with accounts grouped and the diagram per group.
 */
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { COMMENT_LIMIT } from '../../tools/review/report';
import { runReview, type ReviewResult } from '../../tools/review';
import { largeOrganization, synthesizedByCommand } from '../support/run-app';
import { readJsonDocument } from '../../output/terraform-expression';

const ACCOUNTS = 1000;
const INCIDENT_ROLE = 'arn:aws:iam::222222222222:role/incident-responder';

/** The same output with the lock minimum lowered and a role exempted from every central deny, by hand. */
function weakenedCopy(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'org-backup-scale-changed-'));
  cpSync(realpathSync(dir), copy, { recursive: true });
  const file = path.join(copy, 'stacks/backup-account/cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (const lock of Object.values<any>(json.resource.aws_backup_vault_lock_configuration)) lock.min_retention_days = 1;
  json.data.aws_iam_role.incident_responder = { ...json.data.aws_iam_role.deployment, name: INCIDENT_ROLE.slice(INCIDENT_ROLE.lastIndexOf('/') + 1) };
  for (const [type, attribute] of [['aws_backup_vault_policy', 'policy'], ['aws_kms_key', 'policy']]) {
    for (const body of Object.values<any>(json.resource[type])) {
      const document = readJsonDocument(body[attribute]) as any;
      for (const s of document.Statement) {
        if (s.Effect !== 'Deny') continue;
        if (s.Condition?.ArnNotLike?.['aws:PrincipalArn']) s.Condition.ArnNotLike['aws:PrincipalArn'].push(INCIDENT_ROLE);
        // The `<Sid>ByRoleId` twins: the role's unique id, read by a data source as the stack does for break-glass roles.
        if (s.Condition?.StringNotLike?.['aws:userid']) s.Condition.StringNotLike['aws:userid'].push('${data.aws_iam_role.incident_responder.unique_id}:*');
      }
      body[attribute] = JSON.stringify(document);
    }
  }
  writeFileSync(file, JSON.stringify(json));
  return copy;
}

describe(`the review report of ${ACCOUNTS} source accounts`, () => {
  const dir = synthesizedByCommand(largeOrganization(ACCOUNTS));
  const changed = weakenedCopy(dir);
  let alone: ReviewResult;
  let compared: ReviewResult;
  let report: string;
  beforeAll(async () => {
    alone = await runReview({ out: dir });
    compared = await runReview({ out: changed, base: dir });
    report = readFileSync(compared.file, 'utf8');
    process.stdout.write(`review.md at ${ACCOUNTS} accounts: ${alone.size} characters alone (compact level ${alone.compact}), ${compared.size} against a base (compact level ${compared.compact})\n`);
  }, 120_000);

  it(`fits one GitHub comment (${COMMENT_LIMIT} characters), alone and against a base`, () => {
    expect(alone.size).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(compared.size).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(readFileSync(alone.file, 'utf8')).toHaveLength(alone.size);
  });

  it('groups the accounts whose stacks are identical but for ids, by OU', () => {
    expect(report).toContain(`The ${ACCOUNTS} source accounts are shown in 6 groups of stacks identical but for their ids.`);
    expect(report).toContain('| group A: 250 source stacks, OU Workloads/Prod | 250 accounts |');
    expect(report).toContain('every source stack (1000)');
  });

  it('draws one diagram node per group and region, not one per account', () => {
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(report)?.[1] ?? '';
    expect(diagram).toContain('vault_group_A_eu_west_1["OU Workloads/Prod: group A, 250 accounts<br/>vault org-local-backup"]');
    expect(diagram.split('\n').length).toBeLessThan(60);
  });

  it('still flags the weakening, with the scenario delta at the top', () => {
    expect(compared.weakening).toBeGreaterThan(0);
    expect(report).toContain(`> - **${INCIDENT_ROLE} deletes a central recovery point** (eu-west-1, us-east-1; was ExplicitlyDenied)`);
    expect(report).toContain('`aws_backup_vault_lock_configuration.central_eu-west-1`: minimum retention 7 -> 1 days');
  });

  it('keeps every account in review.json', () => {
    const json = JSON.parse(readFileSync(compared.jsonFile, 'utf8'));
    expect(json.groups.flatMap((g: any) => g.stacks)).toHaveLength(ACCOUNTS);
  });
});

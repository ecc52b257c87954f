import type { SynthesizedApp, SynthesizedResource } from '../model';
import { awsPrincipals, coversAction } from '../policy';
import { resourcePolicyOf } from '../resource-policies';
import { compliant, noncompliant, notApplicable, type Rule } from '../rule';
import { isOrganizationCopyTarget } from '../vaults';

/** Ways a deny may exempt the very roles it names: by ARN (and, alongside, by unique id). */
const EXEMPTIONS: Readonly<Record<string, string>> = { arnnotlike: 'aws:principalarn', arnnotequals: 'aws:principalarn', stringnotlike: 'aws:userid' };

/** Is the key the one of a vault that receives the organization's copies? */
function encryptsOrganizationCopies(app: SynthesizedApp, key: SynthesizedResource): boolean {
  return app.inStack(key.stack, 'aws_backup_vault').some((vault) => app.referenced(vault, vault.body.kms_key_arn)?.address === key.address && isOrganizationCopyTarget(app, vault));
}

/**
 * Compliant when the key of a vault open to the organization's copies denies, to principal `*`,
 * `kms:CreateGrant` whenever `kms:GrantIsForAWSResource` is false (`Bool` or `BoolIfExists`),
 * exempting roles only by `aws:PrincipalArn` (and `aws:userid`). Without it the Backup account's
 * own administrators could grant the key that protects every copy to a principal of their choice.
 */
export const centralKeyDeniesForeignGrants: Rule = (resource, app) => {
  if (resource.type !== 'aws_kms_key' || !encryptsOrganizationCopies(app, resource)) return notApplicable();
  const denies = (resourcePolicyOf(resource) ?? []).some((s) => {
    if (s.effect !== 'Deny' || s.notAction || s.notPrincipal || !awsPrincipals(s).includes('*')) return false;
    if (!s.actions.some((a) => coversAction(a, 'kms:CreateGrant'))) return false;
    let forAws = false;
    for (const [op, entries] of Object.entries(s.conditions)) {
      for (const [key, values] of Object.entries(entries)) {
        if ((op === 'Bool' || op === 'BoolIfExists') && key.toLowerCase() === 'kms:grantisforawsresource' && values.length === 1 && values[0] === 'false') forAws = true;
        else if (EXEMPTIONS[op.toLowerCase()] !== key.toLowerCase()) return false;
      }
    }
    return forAws;
  });
  return denies ? compliant() : noncompliant('no deny to principal * of kms:CreateGrant when kms:GrantIsForAWSResource is false');
};

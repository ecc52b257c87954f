/**
 * What the rule pack reports, and the error that stops a synth: apart from the rules (pack.ts), so
 * that a command can report a finding or recognize the error without loading the pack and the IAM
 * catalogue it reads.
 */
export type Level = 'error' | 'warning';

export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  readonly stack: string;
  readonly address: string;
  readonly detail: string;
  readonly explanation: string;
  readonly fix: string;
  /** Present when a suppression with this reason covers the finding: reported, never stopping the synth. */
  readonly suppressedBecause?: string;
}

/** The findings that stop the synth: errors that no suppression covers. */
export function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.level === 'error' && f.suppressedBecause === undefined);
}

/** One finding in one paragraph: rule id, stack and resource address, what is wrong, the fix. */
export function formatFinding(f: Finding): string {
  const head = `${f.level} ${f.ruleId} ${f.stack} ${f.address}: ${f.detail}`;
  if (f.suppressedBecause !== undefined) return `${head} (suppressed: ${f.suppressedBecause})`;
  return `${head}\n    why: ${f.explanation}\n    fix: ${f.fix}`;
}

/** Thrown at synth when an error-level rule fails; main.ts prints it without a stack trace. */
export class SecurityCheckError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(`the security rule pack found ${findings.length} problem${findings.length === 1 ? '' : 's'}; nothing was written\n${findings.map(formatFinding).join('\n')}`);
    this.name = 'SecurityCheckError';
  }
}

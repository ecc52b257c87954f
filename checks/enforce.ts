/**
 * Runs the security rule pack at every synth. Each stack gets a validation; the first one cdktf
 * runs (before it writes that stack, after every stack has been prepared) checks the whole app at
 * once, since some rules relate stacks (a backup policy's copies and the central vault's lock), so
 * an error stops the synth before any stack is written.
 */
import type { TerraformStack } from 'cdktf';
import { SynthesizedApp } from './model';
import { blocking, runPack, SecurityCheckError, type Finding } from './pack';
import { suppressionIndex } from './suppressions';
import type { StackJson } from '../tools/synth-output';

export interface EnforceOptions {
  /** Receives every finding (warnings and suppressed ones included) once per synth. */
  readonly onFindings?: (findings: readonly Finding[]) => void;
}

export function enforceSecurityRules(stacks: readonly TerraformStack[], options: EnforceOptions = {}): void {
  let checked = false;
  const check = () => {
    if (checked) return;
    checked = true;
    const app = new SynthesizedApp(Object.fromEntries(stacks.map((stack) => [stack.node.id, stack.toTerraform() as StackJson])));
    const findings = runPack(app, suppressionIndex(stacks));
    options.onFindings?.(findings);
    const errors = blocking(findings);
    if (errors.length > 0) throw new SecurityCheckError(errors);
  };
  for (const stack of stacks) {
    stack.node.addValidation({
      validate: () => {
        check();
        return [];
      },
    });
  }
}

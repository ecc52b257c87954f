/**
 * Runs the security rule pack at every synth. Each stack gets a validation; the first one cdktf
 * runs (before it writes that stack, after every stack has been prepared) checks the whole app at
 * once, since some rules relate stacks (a backup policy's copies and the central vault's lock), so
 * an error stops the synth before any stack is written.
 */
import { Aspects, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { SynthesizedApp } from './model';
import { blocking, runPack, SecurityCheckError, type Finding } from './pack';
import { suppressionIndex } from './suppressions';
import type { StackJson } from '../tools/synth-output';

export interface EnforceOptions {
  /** Receives every finding (warnings and suppressed ones included) once per synth. */
  readonly onFindings?: (findings: readonly Finding[]) => void;
}

export function enforceSecurityRules(stacks: readonly TerraformStack[], options: EnforceOptions = {}): void {
  if (stacks.length === 0) return;
  let checked = false;
  const restore: (() => void)[] = [];
  const check = () => {
    if (checked) return;
    checked = true;
    const json = stacks.map((stack) => stack.toTerraform() as StackJson);
    const app = new SynthesizedApp(Object.fromEntries(stacks.map((stack, i) => [stack.node.id, json[i]])));
    const findings = runPack(app, suppressionIndex(stacks));
    options.onFindings?.(findings);
    const errors = blocking(findings);
    if (errors.length > 0) throw new SecurityCheckError(errors);
    // Resolving a stack is most of a synth's time: let cdktf write the JSON just checked instead
    // of resolving every stack again. Only when no aspect could still change a stack (cdktf
    // invokes a stack's aspects just before writing it); restored once every stack is written.
    if (!stacks.some(hasAspects)) {
      stacks.forEach((stack, i) => {
        const own = Object.getOwnPropertyDescriptor(stack, 'toTerraform');
        stack.toTerraform = () => json[i];
        restore.push(() => (own ? Object.defineProperty(stack, 'toTerraform', own) : delete (stack as { toTerraform?: unknown }).toTerraform));
      });
    }
  };
  for (const stack of stacks) {
    stack.node.addValidation({
      validate: () => {
        check();
        return [];
      },
    });
  }
  // App-level validations run after every stack is written.
  stacks[0].node.root.node.addValidation({
    validate: () => {
      restore.splice(0).forEach((undo) => undo());
      return [];
    },
  });
}

function hasAspects(stack: TerraformStack): boolean {
  return stack.node.findAll().some((node: IConstruct) => Aspects.of(node).all.length > 0);
}

/**
 * Resource addresses are a contract (a changed address destroys a vault or schedules a key for
 * deletion), so every resource takes an explicit, readable logical id instead of CDKTF's hashed one.
 */
import type { TerraformElement } from 'cdktf';

export function pinAddress<T extends TerraformElement>(element: T, logicalId: string): T {
  element.overrideLogicalId(logicalId);
  return element;
}

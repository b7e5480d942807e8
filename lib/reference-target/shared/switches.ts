// Faults and liberties are consulted through these typed switches, so a misspelt name fails the type check.
import type { PackContext } from '../types.ts';

export interface Switches<F extends string, L extends string> {
  /** Is this provider mistake switched on for the run? */
  fault(name: F): boolean;
  /** Does this run take this freedom the spec grants? */
  liberty(name: L): boolean;
}

export function switchesOf<F extends string, L extends string>(ctx: PackContext): Switches<F, L> {
  return { fault: (name) => ctx.faults.has(name), liberty: (name) => ctx.liberties.has(name) };
}

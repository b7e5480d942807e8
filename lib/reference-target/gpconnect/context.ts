// The context every GP Connect check receives: the server's PackContext with the pack's typed fault
// and liberty switches, built once when the pack is created, so a misspelt name fails the type check.
import type { PackContext } from '../types.ts';
import { switchesOf, type Switches } from '../shared/switches.ts';
import type { GpcFault } from './faults.ts';
import type { GpcLiberty } from './liberties.ts';

export type GpcContext = PackContext & Switches<GpcFault, GpcLiberty>;

export function gpcContext(ctx: PackContext): GpcContext {
  return { ...ctx, ...switchesOf<GpcFault, GpcLiberty>(ctx) };
}

// What every CareConnect handler receives: the server's PackContext with the pack's typed switches, and one
// routed request.
import type { PackContext, RefRequest, Reply } from '../types.ts';
import { switchesOf, type Switches } from '../shared/switches.ts';
import type { CcFault } from './faults.ts';
import type { CcLiberty } from './liberties.ts';
import type { CcWorld } from './world.ts';

export type CcContext = PackContext & Switches<CcFault, CcLiberty>;

export function ccContext(ctx: PackContext): CcContext {
  return { ...ctx, ...switchesOf<CcFault, CcLiberty>(ctx) };
}

export interface CcCall {
  req: RefRequest;
  ctx: CcContext;
  world: CcWorld;
  /** Capture groups of the route's path pattern, e.g. the appointment id. */
  params: readonly string[];
}

export type CcHandler = (call: CcCall) => Reply;

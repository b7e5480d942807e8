// What every e-RS handler needs: the shared world, the simulated PAS, the clock and the switches.

import type { PackContext, RefRequest } from '../types.ts';
import { switchesOf, type Switches } from '../shared/switches.ts';
import type { ErsFault } from './faults.ts';
import type { ErsLiberty } from './liberties.ts';
import type { Generation } from './outcome.ts';
import type { SimulatedPas } from './pas.ts';
import type { ErsWorld } from './world.ts';

/** env.fault / env.liberty are the shared typed switches, so a misspelt name fails the type check. */
export interface ErsEnv extends Switches<ErsFault, ErsLiberty> {
  world: ErsWorld;
  pas: SimulatedPas;
  now(): Date;
}

/** One routed request, as a handler under interactions/ receives it. */
export interface ErsCall {
  env: ErsEnv;
  /** The API generation of the pack the request came in on. */
  gen: Generation;
  req: RefRequest;
  /** The route's capture groups (UBRN, appointment id, history version), in order. */
  params: readonly string[];
}

export function makeEnv(ctx: PackContext, world: ErsWorld, pas: SimulatedPas): ErsEnv {
  return { ...switchesOf<ErsFault, ErsLiberty>(ctx), world, pas, now: () => ctx.now() };
}

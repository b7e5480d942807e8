// What every e-RS handler needs: the shared world, the simulated PAS, the clock and the active faults.

import type { PackContext } from '../types.ts';
import type { ErsFault } from './faults.ts';
import type { ErsLiberty } from './liberties.ts';
import type { SimulatedPas } from './pas.ts';
import type { World } from './world.ts';

export interface ErsEnv {
  world: World;
  pas: SimulatedPas;
  now(): Date;
  /** Typed so a misspelt fault name fails the type check. */
  fault(name: ErsFault): boolean;
  /** A freedom of a conformant provider this run takes; typed like faults. */
  liberty(name: ErsLiberty): boolean;
}

export function makeEnv(ctx: PackContext, world: World, pas: SimulatedPas): ErsEnv {
  return {
    world,
    pas,
    now: () => ctx.now(),
    fault: (name) => ctx.faults.has(name),
    liberty: (name) => ctx.liberties.has(name),
  };
}
